import type { DeviceView, Page } from '@cabinet/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';
import { accountsQueryKey } from '@/shared/api/accounts';

/** GET /accounts/:id/contract/devices — devices registered on the internet contract. */
export function getDevices(accountId: string, signal?: AbortSignal): Promise<Page<DeviceView>> {
  return apiRequest<Page<DeviceView>>(`/accounts/${encodeURIComponent(accountId)}/contract/devices`, { signal });
}

export function devicesQueryKey(accountId: string) {
  return [...accountsQueryKey, 'devices', accountId] as const;
}

export function devicesQueryOptions(accountId: string) {
  return queryOptions({
    queryKey: devicesQueryKey(accountId),
    queryFn: ({ signal }) => getDevices(accountId, signal),
  });
}

export function useDevices(accountId: string) {
  return useQuery(devicesQueryOptions(accountId));
}
