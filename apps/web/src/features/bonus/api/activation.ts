import type { BonusActivationRequest, BonusActivationResultView, BonusActivationStartedView, TokenResponse } from '@cabinet/shared-types';
import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';
import { sessionStore } from '@/shared/session/session-store';

/** POST /bonus/activation — the form; a code goes by SMS. No sign-in. */
export function startActivation(body: BonusActivationRequest): Promise<BonusActivationStartedView> {
  return apiRequest<BonusActivationStartedView>('/bonus/activation', { method: 'POST', body, auth: false });
}

/** POST /bonus/activation/resend — another code (after 60 s). */
export function resendActivation(activationId: string): Promise<BonusActivationStartedView> {
  return apiRequest<BonusActivationStartedView>('/bonus/activation/resend', { method: 'POST', body: { activationId }, auth: false });
}

/**
 * POST /bonus/activation/confirm, then the sign-in with the code as the first password (as the SMS says):
 * the session starts with `mustChangePassword`, so the cabinet asks for a password of one's own first.
 */
export async function confirmActivation(input: { activationId: string; code: string }): Promise<BonusActivationResultView> {
  const result = await apiRequest<BonusActivationResultView>('/bonus/activation/confirm', { method: 'POST', body: input, auth: false });
  const token = await apiRequest<TokenResponse>('/auth/login', { method: 'POST', body: { login: result.login, password: input.code }, auth: false });
  sessionStore.signIn(token);
  return result;
}

export const useStartActivation = () => useMutation({ mutationFn: startActivation });
export const useResendActivation = () => useMutation({ mutationFn: resendActivation });
export const useConfirmActivation = () => useMutation({ mutationFn: confirmActivation });
