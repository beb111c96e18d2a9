import type { LoginRequest, TokenResponse } from '@cabinet/shared-types';
import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';
import { sessionStore } from '@/shared/session/session-store';

/** POST /auth/login — on success the refresh cookie is set and the token kept in memory. */
export function login(body: LoginRequest): Promise<TokenResponse> {
  return apiRequest<TokenResponse>('/auth/login', { method: 'POST', body, auth: false });
}

export function useLogin() {
  return useMutation({
    mutationFn: login,
    onSuccess: (token) => sessionStore.signIn(token),
  });
}
