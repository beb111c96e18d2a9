import type { AccountView, Page } from '@cabinet/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from './client';

/**
 * Accounts are read by several features (the dashboard, the account page, top-up, the payment
 * result), so their queries live here, like /me: one cache entry per account, one key to invalidate.
 */

/** GET /accounts — every account the customer owns or was granted access to. */
export function getAccounts(signal?: AbortSignal): Promise<Page<AccountView>> {
  return apiRequest<Page<AccountView>>('/accounts', { signal });
}

/** Every account query starts with this key: mutations invalidate it so balances refresh everywhere. */
export const accountsQueryKey = ['accounts'] as const;

export function accountsQueryOptions() {
  return queryOptions({
    queryKey: [...accountsQueryKey, 'list'],
    queryFn: ({ signal }) => getAccounts(signal),
    staleTime: 30_000,
  });
}

export function useAccounts() {
  return useQuery(accountsQueryOptions());
}

/** GET /accounts/:accountId — one account with its lines or contract. */
export function getAccount(accountId: string, signal?: AbortSignal): Promise<AccountView> {
  return apiRequest<AccountView>(`/accounts/${encodeURIComponent(accountId)}`, { signal });
}

export function accountQueryOptions(accountId: string) {
  return queryOptions({
    queryKey: [...accountsQueryKey, 'detail', accountId],
    queryFn: ({ signal }) => getAccount(accountId, signal),
    staleTime: 30_000,
  });
}

export function useAccount(accountId: string) {
  return useQuery(accountQueryOptions(accountId));
}
