import { useSession } from '@/shared/session/use-session';
import { PageLoader } from '@/shared/ui/page-loader';
import { AppShell } from './app-shell';
import { PublicLayout } from './public-layout';

/**
 * Public pages anyone may open (the tariff catalog, 404): in the cabinet's frame when signed in. While a
 * session is being restored (the browser holds the session hint, so this is most likely a customer) a loader
 * shows, not the visitor's header that the cabinet's would replace a moment later; a visitor without the
 * hint gets the public page at once.
 */
export function CatalogLayout() {
  const session = useSession();
  if (session.status === 'restoring') return <PageLoader />;
  return session.status === 'authenticated' ? <AppShell /> : <PublicLayout />;
}
