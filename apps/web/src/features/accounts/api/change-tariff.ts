import type { TariffChangeRequest, TariffChangeResult } from '@cabinet/shared-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';
import { accountsQueryKey } from '@/shared/api/accounts';
import { servicePath, type ServiceTarget } from './service-target';

/** POST …/tariff-change — switch now (pro-rated) or from the next period (cancellable). */
export function changeTariff(target: ServiceTarget, request: TariffChangeRequest): Promise<TariffChangeResult> {
  return apiRequest<TariffChangeResult>(`${servicePath(target)}/tariff-change`, { method: 'POST', body: request });
}

/** DELETE …/tariff-change — cancel a change scheduled for the next period. */
export function cancelTariffChange(target: ServiceTarget): Promise<void> {
  return apiRequest<void>(`${servicePath(target)}/tariff-change`, { method: 'DELETE' });
}

export function useChangeTariff(target: ServiceTarget) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: TariffChangeRequest) => changeTariff(target, request),
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountsQueryKey }),
  });
}

export function useCancelTariffChange(target: ServiceTarget) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => cancelTariffChange(target),
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountsQueryKey }),
  });
}
