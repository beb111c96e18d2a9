import type { AddDeviceRequest, DeviceView } from '@cabinet/shared-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';
import { accountsQueryKey } from '@/shared/api/accounts';

const devicesPath = (accountId: string) => `/accounts/${encodeURIComponent(accountId)}/contract/devices`;

/** POST …/contract/devices — register a device by MAC (at most 5). */
export function addDevice(accountId: string, request: AddDeviceRequest): Promise<DeviceView> {
  return apiRequest<DeviceView>(devicesPath(accountId), { method: 'POST', body: request });
}

/** PATCH …/contract/devices/:deviceId — rename. */
export function renameDevice(accountId: string, deviceId: string, name: string): Promise<DeviceView> {
  return apiRequest<DeviceView>(`${devicesPath(accountId)}/${encodeURIComponent(deviceId)}`, {
    method: 'PATCH',
    body: { name },
  });
}

/** DELETE …/contract/devices/:deviceId */
export function removeDevice(accountId: string, deviceId: string): Promise<void> {
  return apiRequest<void>(`${devicesPath(accountId)}/${encodeURIComponent(deviceId)}`, { method: 'DELETE' });
}

/** Devices and the account (its device count) are both under the accounts key. */
function useInvalidateAccounts() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: accountsQueryKey });
}

export function useAddDevice(accountId: string) {
  const invalidate = useInvalidateAccounts();
  return useMutation({ mutationFn: (request: AddDeviceRequest) => addDevice(accountId, request), onSettled: invalidate });
}

export function useRenameDevice(accountId: string) {
  const invalidate = useInvalidateAccounts();
  return useMutation({
    mutationFn: ({ deviceId, name }: { deviceId: string; name: string }) => renameDevice(accountId, deviceId, name),
    onSettled: invalidate,
  });
}

export function useRemoveDevice(accountId: string) {
  const invalidate = useInvalidateAccounts();
  return useMutation({ mutationFn: (deviceId: string) => removeDevice(accountId, deviceId), onSettled: invalidate });
}
