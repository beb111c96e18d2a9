import type { BindCardResponse } from '@cabinet/shared-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';
import { cardsQueryKey } from './get-cards';

/** Where the acquirer sends the browser after the binding; the API fills in the payment id. */
export const bindReturnUrl = '/cards?bound={id}';

/** POST /cards — a 1 ₽ authorisation on the acquirer's page, refunded once the card is saved. */
export function bindCard(idempotencyKey: string): Promise<BindCardResponse> {
  return apiRequest<BindCardResponse>('/cards', {
    method: 'POST',
    body: { returnUrl: bindReturnUrl },
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

/** DELETE /cards/:id */
export function deleteCard(cardId: string): Promise<void> {
  return apiRequest<void>(`/cards/${encodeURIComponent(cardId)}`, { method: 'DELETE' });
}

/** POST /cards/:id/default */
export function makeDefaultCard(cardId: string): Promise<void> {
  return apiRequest<void>(`/cards/${encodeURIComponent(cardId)}/default`, { method: 'POST' });
}

export function useBindCard() {
  return useMutation({ mutationFn: bindCard });
}

export function useDeleteCard() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteCard,
    // Autopay rules show their card: they may have stopped with it.
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: cardsQueryKey }), queryClient.invalidateQueries({ queryKey: ['autopay'] })]),
  });
}

export function useMakeDefaultCard() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: makeDefaultCard,
    onSettled: () => queryClient.invalidateQueries({ queryKey: cardsQueryKey }),
  });
}
