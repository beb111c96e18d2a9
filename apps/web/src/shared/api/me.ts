import type { CustomerView } from '@cabinet/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from './client';

/** GET /me — the signed-in customer. Shared: the shell, home and profile all show it. */
export function getMe(signal?: AbortSignal): Promise<CustomerView> {
  return apiRequest<CustomerView>('/me', { signal });
}

export const meQueryKey = ['me'] as const;

export function meQueryOptions() {
  return queryOptions({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => getMe(signal),
    staleTime: 60_000,
  });
}

export function useMe() {
  return useQuery(meQueryOptions());
}
