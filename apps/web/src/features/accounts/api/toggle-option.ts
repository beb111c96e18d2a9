import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';
import { accountsQueryKey } from '@/shared/api/accounts';
import { servicePath, type ServiceTarget } from './service-target';

/** POST …/lines/:id/options — turn an option on (its fee is charged once per period). */
export function activateOption(target: ServiceTarget, optionId: string): Promise<void> {
  return apiRequest<void>(`${servicePath(target)}/options`, { method: 'POST', body: { optionId } });
}

/** DELETE …/lines/:id/options/:optionId — turn it off. */
export function deactivateOption(target: ServiceTarget, optionId: string): Promise<void> {
  return apiRequest<void>(`${servicePath(target)}/options/${encodeURIComponent(optionId)}`, { method: 'DELETE' });
}

export function useToggleOption(target: ServiceTarget) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ optionId, on }: { optionId: string; on: boolean }) =>
      on ? activateOption(target, optionId) : deactivateOption(target, optionId),
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountsQueryKey }),
  });
}
