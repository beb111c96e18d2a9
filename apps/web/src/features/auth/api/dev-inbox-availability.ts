import type { OutboxMessageView, Page } from '@cabinet/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { isApiError } from '@/shared/api/api-error';
import { apiRequest } from '@/shared/api/client';

/** Whether this deployment has the dev inbox (GET /dev/outbox answers 404 in production). */
export async function getDevInboxAvailable(signal?: AbortSignal): Promise<boolean> {
  try {
    await apiRequest<Page<OutboxMessageView>>('/dev/outbox', { auth: false, query: { limit: 1 }, signal });
    return true;
  } catch (error) {
    if (isApiError(error)) return false;
    throw error;
  }
}

export function devInboxAvailableQueryOptions() {
  return queryOptions({
    queryKey: ['dev-outbox', 'available'] as const,
    queryFn: ({ signal }) => getDevInboxAvailable(signal),
    staleTime: Infinity,
    retry: false,
  });
}

export function useDevInboxAvailable() {
  return useQuery(devInboxAvailableQueryOptions());
}
