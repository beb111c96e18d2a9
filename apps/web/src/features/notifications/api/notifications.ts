import type { NotificationPreferenceChange, NotificationPreferencesResponse, NotificationView, Page } from '@cabinet/shared-types';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';

export function notificationsQueryOptions() {
  return queryOptions({
    queryKey: ['notifications', 'list'] as const,
    queryFn: ({ signal }) => apiRequest<Page<NotificationView>>('/me/notifications', { query: { limit: 50 }, signal }),
  });
}

export const useNotifications = () => useQuery(notificationsQueryOptions());

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
    // The switch moves at once; the API's answer (or the old state, on a refusal) settles it.
    onMutate: async (change) => {
      const key = preferencesQueryOptions().queryKey;
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData(key);
      client.setQueryData(key, (old) =>
        old ? { items: old.items.map((p) => (p.type === change.type ? { ...p, channels: { ...p.channels, [change.channel]: change.enabled } } : p)) } : old,
      );
      return { previous };
    },
    onError: (_error, _change, context) => {
      if (context?.previous) client.setQueryData(preferencesQueryOptions().queryKey, context.previous);
    },
    onSuccess: (data) => client.setQueryData(preferencesQueryOptions().queryKey, data),
  });
}
