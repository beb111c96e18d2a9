import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from '@/shared/session/use-session';
import { PageLoader } from '@/shared/ui/page-loader';
import { IdleWatcher } from './idle-watcher';

/**
 * Guards signed-in routes. No session → sign-in, remembering where the person was
 * (`/login?next=/sessions`); an issued password → the forced change page first.
 */
export function RequireAuth() {
  const session = useSession();
  const location = useLocation();
  const here = `${location.pathname}${location.search}${location.hash}`;

  if (session.status === 'restoring') return <PageLoader />;

  if (session.status === 'anonymous') {
    const keepPlace = session.endReason !== 'logout' && here !== '/';
    return <Navigate to={keepPlace ? `/login?next=${encodeURIComponent(here)}` : '/login'} replace />;
  }

  if (session.mustChangePassword && location.pathname !== '/change-password') {
    const next = here === '/' ? '' : `?next=${encodeURIComponent(here)}`;
    return <Navigate to={`/change-password${next}`} replace />;
  }

  return (
    <>
      <IdleWatcher />
      <Outlet />
    </>
  );
}
