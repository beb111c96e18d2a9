import { useMe } from '@/shared/api/me';

/** Admin-only controls are shown to admins; the API checks the role again on every call. */
export function useIsAdmin(): boolean {
  return useMe().data?.role === 'admin';
}
