import { useSession } from '@/shared/session/use-session';
import { AppShell } from './app-shell';
import { PublicLayout } from './public-layout';

/** Public pages anyone may open (the tariff catalog): in the cabinet's frame when signed in. */
export function CatalogLayout() {
  const session = useSession();
  return session.status === 'authenticated' ? <AppShell /> : <PublicLayout />;
}
