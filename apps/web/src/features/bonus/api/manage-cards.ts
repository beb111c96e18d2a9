import type { BonusBlockCardRequest, BonusBlockCardResultView, BonusCardView } from '@cabinet/shared-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';
import { bonusQueryKey } from './get-bonus';

/** POST /bonus/cards — attach (and activate) a plastic card bought at a station. */
export function attachCard(cardNumber: string): Promise<BonusCardView> {
  return apiRequest<BonusCardView>('/bonus/cards', { method: 'POST', body: { cardNumber } });
}

/** POST /bonus/cards/virtual — a number and barcode to show at the till. */
export function createVirtualCard(): Promise<BonusCardView> {
  return apiRequest<BonusCardView>('/bonus/cards/virtual', { method: 'POST' });
}

/** POST /bonus/cards/:id/block — lost or stolen; optionally with a new card in its place. */
export function blockCard(input: { cardId: string } & BonusBlockCardRequest): Promise<BonusBlockCardResultView> {
  const { cardId, ...body } = input;
  return apiRequest<BonusBlockCardResultView>(`/bonus/cards/${encodeURIComponent(cardId)}/block`, { method: 'POST', body });
}

function useBonusMutation<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => queryClient.invalidateQueries({ queryKey: bonusQueryKey }) });
}

export const useAttachCard = () => useBonusMutation(attachCard);
export const useCreateVirtualCard = () => useBonusMutation(createVirtualCard);
export const useBlockCard = () => useBonusMutation(blockCard);
