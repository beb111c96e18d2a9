import { Navigate, Outlet } from 'react-router';
import { useMe } from '@/shared/api/me';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';

/**
 * The console is for operators and admins (`admin`: admins only); a subscriber who opens it lands on
 * the cabinet's home. The API checks the role on every call regardless.
 */
export function RequireStaff({ admin = false }: { admin?: boolean }) {
  const me = useMe();
  if (me.isPending) return <PageLoader />;
  if (me.isError) return <QueryError error={me.error} onRetry={() => void me.refetch()} />;
  const role = me.data.role;
  if (role === 'subscriber') return <Navigate to="/" replace />;
  if (admin && role !== 'admin') return <Navigate to="/backoffice" replace />;
  return <Outlet />;
}
