import type { ReceiptView } from '@cabinet/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';
import { paymentsQueryKey } from './get-payment';

/** GET /payments/:id/receipt — only for a succeeded payment. */
export function getReceipt(paymentId: string, signal?: AbortSignal): Promise<ReceiptView> {
  return apiRequest<ReceiptView>(`/payments/${encodeURIComponent(paymentId)}/receipt`, { signal });
}

export function receiptQueryOptions(paymentId: string) {
  return queryOptions({
    queryKey: [...paymentsQueryKey, 'receipt', paymentId],
    queryFn: ({ signal }) => getReceipt(paymentId, signal),
    staleTime: Infinity,
  });
}

export function useReceipt(paymentId: string) {
  return useQuery(receiptQueryOptions(paymentId));
}
