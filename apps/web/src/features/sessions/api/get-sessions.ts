import type { Page, SessionView } from '@cabinet/shared-types';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';

/** GET /me/sessions — this customer's signed-in devices, a cursor page at a time. */
export function getSessions(cursor: string | null, signal?: AbortSignal): Promise<Page<SessionView>> {
  return apiRequest<Page<SessionView>>('/me/sessions', { query: { limit: 50, cursor }, signal });
}

export const sessionsQueryKey = ['sessions'] as const;

export function sessionsQueryOptions() {
  return infiniteQueryOptions({
    queryKey: sessionsQueryKey,
    queryFn: ({ pageParam, signal }) => getSessions(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useSessions() {
  return useInfiniteQuery(sessionsQueryOptions());
}
