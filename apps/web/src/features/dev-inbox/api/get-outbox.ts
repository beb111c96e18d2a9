import type { OutboxMessageView, Page } from '@cabinet/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';

export const outboxRefreshSeconds = 3;

/** GET /dev/outbox — SMS and e-mails "sent" by the system, newest first. Public; 404 in production. */
export function getOutbox(params: { to?: string; limit?: number }, signal?: AbortSignal) {
  return apiRequest<Page<OutboxMessageView>>('/dev/outbox', {
    auth: false,
    query: { limit: params.limit ?? 50, to: params.to },
    signal,
  });
}

export function outboxQueryOptions(to?: string) {
  return queryOptions({
    queryKey: ['dev-outbox', { to: to ?? null }] as const,
    queryFn: ({ signal }) => getOutbox({ to }, signal),
    refetchInterval: (query) => (query.state.error ? false : outboxRefreshSeconds * 1000),
    refetchIntervalInBackground: false,
    retry: false,
  });
}

export function useOutbox(to?: string) {
  return useQuery(outboxQueryOptions(to));
}
