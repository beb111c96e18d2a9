import type { GrantView, Page } from '@cabinet/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';
import { accountsQueryKey } from '@/shared/api/accounts';

/** GET /accounts/:id/grants — who else may see or manage the account (owner only). */
export function getGrants(accountId: string, signal?: AbortSignal): Promise<Page<GrantView>> {
  return apiRequest<Page<GrantView>>(`/accounts/${encodeURIComponent(accountId)}/grants`, { signal });
}

export function grantsQueryOptions(accountId: string) {
  return queryOptions({
    queryKey: [...accountsQueryKey, 'grants', accountId],
    queryFn: ({ signal }) => getGrants(accountId, signal),
  });
}

export function useGrants(accountId: string) {
  return useQuery(grantsQueryOptions(accountId));
}
