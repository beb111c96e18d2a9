import type { PayRecipientRequest, PayRecipientView, QuickPayRequest, QuickPayView } from '@cabinet/shared-types';
import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';

export const quickPayPollMs = 2_000;
export const quickPayWaitMs = 120_000;

/** POST /pay/recipient — whom a number belongs to (a masked name). */
export function lookUpRecipient(request: PayRecipientRequest): Promise<PayRecipientView> {
  return apiRequest<PayRecipientView>('/pay/recipient', { method: 'POST', body: request, auth: false });
}

export function useLookUpRecipient() {
  return useMutation({ mutationFn: lookUpRecipient });
}

/** POST /pay — `Idempotency-Key` per attempt. */
export function createQuickPayment(request: QuickPayRequest, idempotencyKey: string): Promise<QuickPayView> {
  return apiRequest<QuickPayView>('/pay', { method: 'POST', body: request, auth: false, headers: { 'Idempotency-Key': idempotencyKey } });
}

export function useCreateQuickPayment() {
  return useMutation({ mutationFn: ({ request, idempotencyKey }: { request: QuickPayRequest; idempotencyKey: string }) => createQuickPayment(request, idempotencyKey) });
}

/** GET /pay/:id */
export function getQuickPayment(id: string, signal?: AbortSignal): Promise<QuickPayView> {
  return apiRequest<QuickPayView>(`/pay/${encodeURIComponent(id)}`, { auth: false, signal });
}

export function quickPaymentQueryOptions(id: string) {
  return queryOptions({ queryKey: ['quickpay', id], queryFn: ({ signal }) => getQuickPayment(id, signal), staleTime: quickPayPollMs });
}

/** The payment, read every 2 s while it is pending and `poll` is on. */
export function useQuickPayment(id: string, poll: boolean) {
  return useQuery({
    ...quickPaymentQueryOptions(id),
    refetchInterval: (query) => (poll && query.state.data?.status === 'pending' ? quickPayPollMs : false),
    refetchIntervalInBackground: true,
  });
}
