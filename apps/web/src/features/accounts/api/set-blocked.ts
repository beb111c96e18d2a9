import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';
import { accountsQueryKey } from '@/shared/api/accounts';
import { servicePath, type ServiceTarget } from './service-target';

/**
 * POST …/lines/:id/block | unblock (a voluntary block of a mobile line) or
 * POST …/contract/suspend | resume (the internet contract).
 */
export function setBlocked(target: ServiceTarget, blocked: boolean): Promise<void> {
  const action = target.lineId ? (blocked ? 'block' : 'unblock') : blocked ? 'suspend' : 'resume';
  return apiRequest<void>(`${servicePath(target)}/${action}`, { method: 'POST' });
}

export function useSetBlocked(target: ServiceTarget) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (blocked: boolean) => setBlocked(target, blocked),
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountsQueryKey }),
  });
}
