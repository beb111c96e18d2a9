import type { BonusPurchaseRequest, BonusPurchaseView, BonusQuoteRequest, BonusQuoteView, BonusTillCardView } from '@cabinet/shared-types';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';

const tillKey = ['bonus-till'] as const;

/** GET /bonus/till/cards — active cards by number digits or the holder's phone (staff). */
export function getTillCards(q: string, signal?: AbortSignal): Promise<{ items: BonusTillCardView[] }> {
  return apiRequest<{ items: BonusTillCardView[] }>('/bonus/till/cards', { query: { q }, signal });
}

export function tillCardsQueryOptions(q: string) {
  return queryOptions({ queryKey: [...tillKey, 'cards', q], queryFn: ({ signal }) => getTillCards(q, signal), staleTime: 5_000 });
}

export function useTillCards(q: string) {
  return useQuery(tillCardsQueryOptions(q));
}

/** POST /bonus/till/quote — what a till asks before payment. */
export function tillQuote(body: BonusQuoteRequest): Promise<BonusQuoteView> {
  return apiRequest<BonusQuoteView>('/bonus/till/quote', { method: 'POST', body });
}

/** POST /bonus/till/purchases — the paid receipt, through the tills' own path. */
export function tillPurchase(input: { request: BonusPurchaseRequest; idempotencyKey: string }): Promise<BonusPurchaseView> {
  return apiRequest<BonusPurchaseView>('/bonus/till/purchases', { method: 'POST', body: input.request, headers: { 'Idempotency-Key': input.idempotencyKey } });
}

/** POST /bonus/till/purchases/:receiptId/refund */
export function tillRefund(receiptId: string): Promise<BonusPurchaseView> {
  return apiRequest<BonusPurchaseView>(`/bonus/till/purchases/${encodeURIComponent(receiptId)}/refund`, { method: 'POST' });
}

export const useTillQuote = () => useMutation({ mutationFn: tillQuote });

export function useTillPurchase() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: tillPurchase, onSettled: () => queryClient.invalidateQueries({ queryKey: tillKey }) });
}

export function useTillRefund() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: tillRefund, onSettled: () => queryClient.invalidateQueries({ queryKey: tillKey }) });
}
