import type { AccountNotificationSettings } from '@cabinet/shared-types';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';

const path = (accountId: string) => `/accounts/${encodeURIComponent(accountId)}/notification-settings`;

/** GET /accounts/:accountId/notification-settings */
export function getNotificationSettings(accountId: string, signal?: AbortSignal): Promise<AccountNotificationSettings> {
  return apiRequest<AccountNotificationSettings>(path(accountId), { signal });
}

export function notificationSettingsQueryOptions(accountId: string) {
  return queryOptions({
    queryKey: ['notification-settings', accountId],
    queryFn: ({ signal }) => getNotificationSettings(accountId, signal),
    staleTime: 60_000,
  });
}

export function useNotificationSettings(accountId: string) {
  return useQuery(notificationSettingsQueryOptions(accountId));
}

/** PUT …/notification-settings — the whole settings object; answers with what is stored. */
export function saveNotificationSettings(accountId: string, settings: AccountNotificationSettings): Promise<AccountNotificationSettings> {
  return apiRequest<AccountNotificationSettings>(path(accountId), { method: 'PUT', body: settings });
}

export function useSaveNotificationSettings(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: AccountNotificationSettings) => saveNotificationSettings(accountId, settings),
    onSuccess: (saved) => queryClient.setQueryData(notificationSettingsQueryOptions(accountId).queryKey, saved),
  });
}
