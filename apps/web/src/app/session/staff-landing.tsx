import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { useMe } from '@/shared/api/me';
import { PageLoader } from '@/shared/ui/page-loader';

/** The signed-in home: staff land in the console, subscribers on their home page. */
export function StaffLanding({ home }: { home: ReactNode }) {
  const me = useMe();
  if (me.isPending) return <PageLoader />;
  if (me.data && me.data.role !== 'subscriber') return <Navigate to="/backoffice" replace />;
  return home;
}
