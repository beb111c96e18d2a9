import type { UnreadCountResponse } from '@cabinet/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';

/** Kept apart from the centre's other calls: the header's badge is in the first chunk, the rest is loaded with its pages. */
export const unreadRefreshSeconds = 60;

export function unreadCountQueryOptions() {
  return queryOptions({
    queryKey: ['notifications', 'unread-count'] as const,
    queryFn: ({ signal }) => apiRequest<UnreadCountResponse>('/me/notifications/unread-count', { signal }),
    refetchInterval: unreadRefreshSeconds * 1000,
    refetchIntervalInBackground: false,
  });
}

export const useUnreadCount = () => useQuery(unreadCountQueryOptions());
