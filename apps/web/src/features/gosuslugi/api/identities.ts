import type { IdentityView } from '@cabinet/shared-types';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';

export const identitiesQueryKey = ['identities'] as const;

/** GET /me/identities — the linked Gosuslugi account and what it verified. */
export function getIdentities(signal?: AbortSignal): Promise<{ items: IdentityView[] }> {
  return apiRequest<{ items: IdentityView[] }>('/me/identities', { signal });
}

export function identitiesQueryOptions() {
  return queryOptions({ queryKey: identitiesQueryKey, queryFn: ({ signal }) => getIdentities(signal), staleTime: 60_000 });
}

export function useIdentities() {
  return useQuery(identitiesQueryOptions());
}

/** DELETE /me/identities/esia */
export function unlinkEsia(): Promise<void> {
  return apiRequest<void>('/me/identities/esia', { method: 'DELETE' });
}

export function useUnlinkEsia() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: unlinkEsia, onSettled: () => queryClient.invalidateQueries({ queryKey: identitiesQueryKey }) });
}
