import { Limits, type AuthConfigResponse } from '@cabinet/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from './client';

/** GET /auth/config — public; what sign-in screens ask for and the idle timing. */
export function getAuthConfig(signal?: AbortSignal): Promise<AuthConfigResponse> {
  return apiRequest<AuthConfigResponse>('/auth/config', { auth: false, signal });
}

/** Used until the real answer arrives (and if it never does). */
export const defaultAuthConfig: AuthConfigResponse = {
  passwordResetRequiresSurname: false,
  idleTimeoutSeconds: Limits.idleTimeoutSeconds,
  idleWarningSeconds: Limits.idleWarningSeconds,
  passwordMinLength: Limits.passwordMinLength,
};

export function authConfigQueryOptions() {
  return queryOptions({
    queryKey: ['auth-config'] as const,
    queryFn: ({ signal }) => getAuthConfig(signal),
    staleTime: Infinity,
  });
}

export function useAuthConfig() {
  return useQuery(authConfigQueryOptions());
}
