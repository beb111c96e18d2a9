import type { ChangePasswordRequest, ChangePasswordResponse } from '@cabinet/shared-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';
import { meQueryKey } from '@/shared/api/me';
import { sessionStore } from '@/shared/session/session-store';

/** POST /me/password — also the way out of a forced change of an issued password. */
export function changePassword(body: ChangePasswordRequest): Promise<ChangePasswordResponse> {
  return apiRequest<ChangePasswordResponse>('/me/password', { method: 'POST', body });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    onSuccess: () => {
      sessionStore.passwordChanged();
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
      // Other sessions may have ended: the sessions list is out of date.
      void queryClient.invalidateQueries({ queryKey: ['sessions'] });
    },
  });
}
