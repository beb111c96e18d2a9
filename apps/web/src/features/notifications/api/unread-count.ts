import type { UnreadCountResponse } from '@cabinet/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';

/**
 * Kept apart from the centre's other calls: the header's badge is in the first chunk, the rest is loaded
 * with its pages. No polling: a request every minute would keep an idle session alive for ever (the
 * 15-minute idle sign-out counts requests as activity); the badge refreshes when the person moves to
 * another page, comes back to the tab, or reads notifications.
 */
export function unreadCountQueryOptions() {
  return queryOptions({
    queryKey: ['notifications', 'unread-count'] as const,
    queryFn: ({ signal }) => apiRequest<UnreadCountResponse>('/me/notifications/unread-count', { signal }),
  });
}

export const useUnreadCount = () => useQuery(unreadCountQueryOptions());
