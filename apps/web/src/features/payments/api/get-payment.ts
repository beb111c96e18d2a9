import type { PaymentView } from '@cabinet/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';

/** While a payment is pending it is read again this often… */
export const paymentPollMs = 2_000;
/** …for this long; then the page says it is still waiting and offers to check again. */
export const paymentWaitMs = 120_000;

export const paymentsQueryKey = ['payments'] as const;

/** GET /payments/:id */
export function getPayment(paymentId: string, signal?: AbortSignal): Promise<PaymentView> {
  return apiRequest<PaymentView>(`/payments/${encodeURIComponent(paymentId)}`, { signal });
}

export function paymentQueryOptions(paymentId: string) {
  return queryOptions({
    queryKey: [...paymentsQueryKey, 'detail', paymentId],
    queryFn: ({ signal }) => getPayment(paymentId, signal),
    // The answer of POST /payments seeds the cache: no second request right after it.
    staleTime: paymentPollMs,
  });
}

/** The payment, read every 2 s while it is pending and `poll` is on. */
export function usePayment(paymentId: string, poll: boolean) {
  return useQuery({
    ...paymentQueryOptions(paymentId),
    refetchInterval: (query) => (poll && query.state.data?.status === 'pending' ? paymentPollMs : false),
    refetchIntervalInBackground: true,
  });
}
