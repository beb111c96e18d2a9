import type { BonusTransferRequest, BonusTransferView } from '@cabinet/shared-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';
import { bonusQueryKey } from './get-bonus';

/** POST /bonus/transfers — points to another member by phone (Idempotency-Key required). */
export function transferPoints(input: { request: BonusTransferRequest; idempotencyKey: string }): Promise<BonusTransferView> {
  return apiRequest<BonusTransferView>('/bonus/transfers', { method: 'POST', body: input.request, headers: { 'Idempotency-Key': input.idempotencyKey } });
}

export function useTransferPoints() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: transferPoints, onSettled: () => queryClient.invalidateQueries({ queryKey: bonusQueryKey }) });
}
