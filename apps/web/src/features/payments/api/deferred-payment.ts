import type { DeferredPaymentOffer } from '@cabinet/shared-types';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { accountsQueryKey } from '@/shared/api/accounts';
import { apiRequest } from '@/shared/api/client';

const path = (accountId: string) => `/accounts/${encodeURIComponent(accountId)}/deferred-payment`;

/** GET /accounts/:accountId/deferred-payment (internet). */
export function getDeferredPayment(accountId: string, signal?: AbortSignal): Promise<DeferredPaymentOffer> {
  return apiRequest<DeferredPaymentOffer>(path(accountId), { signal });
}

export function deferredPaymentQueryOptions(accountId: string) {
  return queryOptions({
    queryKey: ['deferred-payment', accountId],
    queryFn: ({ signal }) => getDeferredPayment(accountId, signal),
    staleTime: 30_000,
  });
}

export function useDeferredPayment(accountId: string, enabled = true) {
  return useQuery({ ...deferredPaymentQueryOptions(accountId), enabled });
}

/** POST …/deferred-payment `{ days }` → the new paid-until date. */
export function deferPayment(accountId: string, days: number, idempotencyKey: string): Promise<{ paidUntil: string }> {
  return apiRequest<{ paidUntil: string }>(path(accountId), {
    method: 'POST',
    body: { days },
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export function useDeferPayment(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ days, idempotencyKey }: { days: number; idempotencyKey: string }) => deferPayment(accountId, days, idempotencyKey),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: deferredPaymentQueryOptions(accountId).queryKey }),
        queryClient.invalidateQueries({ queryKey: accountsQueryKey }),
      ]),
  });
}

/** `2026-12-22` + 3 days → `2026-12-25` (calendar days, no time zone involved). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return date.toISOString().slice(0, 10);
}
