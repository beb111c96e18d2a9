import type {
  PasswordResetConfirmRequest,
  PasswordResetRequest,
  PasswordResetResponse,
} from '@cabinet/shared-types';
import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';

/** POST /auth/password-reset — texts a code; the same answer whether or not the login exists. */
export function requestPasswordReset(body: PasswordResetRequest): Promise<PasswordResetResponse> {
  return apiRequest<PasswordResetResponse>('/auth/password-reset', { method: 'POST', body, auth: false });
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: requestPasswordReset });
}

/** POST /auth/password-reset/confirm — code + new password → 204. */
export function confirmPasswordReset(body: PasswordResetConfirmRequest): Promise<void> {
  return apiRequest<void>('/auth/password-reset/confirm', { method: 'POST', body, auth: false });
}

export function useConfirmPasswordReset() {
  return useMutation({ mutationFn: confirmPasswordReset });
}
