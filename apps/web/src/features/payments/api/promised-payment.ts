import type { Money, PromisedPaymentOffer, PromisedPaymentView } from '@cabinet/shared-types';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { accountsQueryKey } from '@/shared/api/accounts';
import { apiRequest } from '@/shared/api/client';

const path = (accountId: string) => `/accounts/${encodeURIComponent(accountId)}/promised-payment`;

/** GET /accounts/:accountId/promised-payment — the offer and the open one, if any (mobile). */
export function getPromisedPayment(accountId: string, signal?: AbortSignal): Promise<PromisedPaymentOffer> {
  return apiRequest<PromisedPaymentOffer>(path(accountId), { signal });
}

export function promisedPaymentQueryOptions(accountId: string) {
  return queryOptions({
    queryKey: ['promised-payment', accountId],
    queryFn: ({ signal }) => getPromisedPayment(accountId, signal),
    staleTime: 30_000,
  });
}

export function usePromisedPayment(accountId: string, enabled = true) {
  return useQuery({ ...promisedPaymentQueryOptions(accountId), enabled });
}

/** POST /accounts/:accountId/promised-payment — credits the amount now. */
export function takePromisedPayment(accountId: string, amount: Money, idempotencyKey: string): Promise<PromisedPaymentView> {
  return apiRequest<PromisedPaymentView>(path(accountId), {
    method: 'POST',
    body: { amount },
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export function useTakePromisedPayment(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ amount, idempotencyKey }: { amount: Money; idempotencyKey: string }) =>
      takePromisedPayment(accountId, amount, idempotencyKey),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: promisedPaymentQueryOptions(accountId).queryKey }),
        queryClient.invalidateQueries({ queryKey: accountsQueryKey }),
      ]),
  });
}

/** The fee of an amount: the first band whose `upTo` covers it. */
export function feeFor(offer: Pick<PromisedPaymentOffer, 'fees'>, amount: number): Money | null {
  const band = [...offer.fees].sort((a, b) => a.upTo.amount - b.upTo.amount).find((candidate) => amount <= candidate.upTo.amount);
  return band?.fee ?? null;
}
