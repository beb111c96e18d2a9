import type { Page, PaymentView } from '@cabinet/shared-types';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';
import { paymentsQueryKey } from './get-payment';

/** GET /payments?accountId=&limit=&cursor= — newest first; without accountId, every account's. */
export function getPayments(accountId: string | null, cursor: string | null, signal?: AbortSignal): Promise<Page<PaymentView>> {
  return apiRequest<Page<PaymentView>>('/payments', { query: { accountId, limit: 20, cursor }, signal });
}

export function paymentsListQueryOptions(accountId: string | null) {
  return infiniteQueryOptions({
    queryKey: [...paymentsQueryKey, 'list', accountId ?? 'all'],
    queryFn: ({ pageParam, signal }) => getPayments(accountId, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 10_000,
  });
}

export function usePayments(accountId: string | null) {
  return useInfiniteQuery(paymentsListQueryOptions(accountId));
}
