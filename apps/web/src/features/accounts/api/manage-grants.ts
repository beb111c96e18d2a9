import type { CreateGrantRequest, GrantView } from '@cabinet/shared-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';
import { accountsQueryKey } from '@/shared/api/accounts';

const grantsPath = (accountId: string) => `/accounts/${encodeURIComponent(accountId)}/grants`;

/** POST /accounts/:id/grants — invite a registered customer by phone. */
export function createGrant(accountId: string, request: CreateGrantRequest): Promise<GrantView> {
  return apiRequest<GrantView>(grantsPath(accountId), { method: 'POST', body: request });
}

/** DELETE /accounts/:id/grants/:grantId */
export function revokeGrant(accountId: string, grantId: string): Promise<void> {
  return apiRequest<void>(`${grantsPath(accountId)}/${encodeURIComponent(grantId)}`, { method: 'DELETE' });
}

export function useCreateGrant(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateGrantRequest) => createGrant(accountId, request),
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountsQueryKey }),
  });
}

export function useRevokeGrant(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (grantId: string) => revokeGrant(accountId, grantId),
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountsQueryKey }),
  });
}
