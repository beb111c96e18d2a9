import type { AccountClosureCheck, AccountView } from '@cabinet/shared-types';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { accountsQueryKey } from '@/shared/api/accounts';
import { apiRequest } from '@/shared/api/client';

/** GET /accounts/:id/closure — may it close now, and what to settle first. */
export function getClosureCheck(accountId: string, signal?: AbortSignal): Promise<AccountClosureCheck> {
  return apiRequest<AccountClosureCheck>(`/accounts/${encodeURIComponent(accountId)}/closure`, { signal });
}

export function closureQueryOptions(accountId: string) {
  return queryOptions({ queryKey: ['closure', accountId], queryFn: ({ signal }) => getClosureCheck(accountId, signal), staleTime: 0 });
}

export function useClosureCheck(accountId: string, enabled: boolean) {
  return useQuery({ ...closureQueryOptions(accountId), enabled });
}

/** POST /accounts/:id/close */
export function useCloseAccount(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<AccountView>(`/accounts/${encodeURIComponent(accountId)}/close`, { method: 'POST' }),
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: accountsQueryKey }), queryClient.invalidateQueries({ queryKey: closureQueryOptions(accountId).queryKey })]),
  });
}
