import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { useMe } from '@/shared/api/me';

/**
 * The signed-in home: staff land in the console, subscribers on their home page. The home renders at
 * once (its chunk and /me load side by side); staff are sent on as soon as /me says who they are.
 */
export function StaffLanding({ home }: { home: ReactNode }) {
  const me = useMe();
  if (me.data && me.data.role !== 'subscriber') return <Navigate to="/backoffice" replace />;
  return home;
}
