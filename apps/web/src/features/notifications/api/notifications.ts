import type { NotificationPreferenceChange, NotificationPreferencesResponse, NotificationView, Page, UnreadCountResponse } from '@cabinet/shared-types';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';

export const unreadRefreshSeconds = 60;

export function notificationsQueryOptions() {
  return queryOptions({
    queryKey: ['notifications', 'list'] as const,
    queryFn: ({ signal }) => apiRequest<Page<NotificationView>>('/me/notifications', { query: { limit: 50 }, signal }),
  });
}

export const useNotifications = () => useQuery(notificationsQueryOptions());

export function unreadCountQueryOptions() {
  return queryOptions({
    queryKey: ['notifications', 'unread-count'] as const,
    queryFn: ({ signal }) => apiRequest<UnreadCountResponse>('/me/notifications/unread-count', { signal }),
    refetchInterval: unreadRefreshSeconds * 1000,
    refetchIntervalInBackground: false,
  });
}

export const useUnreadCount = () => useQuery(unreadCountQueryOptions());

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string | 'all') =>
      apiRequest<void>(id === 'all' ? '/me/notifications/read-all' : `/me/notifications/${id}/read`, { method: 'POST' }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['notifications'] }),
  });
}

export function preferencesQueryOptions() {
  return queryOptions({
    queryKey: ['notifications', 'preferences'] as const,
    queryFn: ({ signal }) => apiRequest<NotificationPreferencesResponse>('/me/notification-preferences', { signal }),
  });
}

export const usePreferences = () => useQuery(preferencesQueryOptions());

export function useSetPreference() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: NotificationPreferenceChange) =>
      apiRequest<NotificationPreferencesResponse>('/me/notification-preferences', { method: 'PUT', body: { changes: [change] } }),
    onSuccess: (data) => client.setQueryData(preferencesQueryOptions().queryKey, data),
  });
}
