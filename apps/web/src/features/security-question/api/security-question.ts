import type { SecurityQuestionChallenge, SecurityQuestionResetRequest, SecurityQuestionView, SetSecurityQuestionRequest } from '@cabinet/shared-types';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';

export const securityQuestionKey = ['me', 'security-question'] as const;

export function securityQuestionQueryOptions() {
  return queryOptions({ queryKey: securityQuestionKey, queryFn: ({ signal }) => apiRequest<SecurityQuestionView>('/me/security-question', { signal }) });
}
export const useSecurityQuestion = () => useQuery(securityQuestionQueryOptions());

export function useSetSecurityQuestion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SetSecurityQuestionRequest) => apiRequest<SecurityQuestionView>('/me/security-question', { method: 'PUT', body }),
    onSuccess: (view) => queryClient.setQueryData(securityQuestionKey, view),
  });
}

export function useRemoveSecurityQuestion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<void>('/me/security-question', { method: 'DELETE' }),
    onSuccess: () => queryClient.setQueryData(securityQuestionKey, { question: null, setAt: null }),
  });
}

/** POST /auth/password-reset/question (public). */
export function useAskSecurityQuestion() {
  return useMutation({ mutationFn: (login: string) => apiRequest<SecurityQuestionChallenge>('/auth/password-reset/question', { method: 'POST', body: { login }, auth: false }) });
}

/** POST /auth/password-reset/question/confirm (public). */
export function useResetBySecurityQuestion() {
  return useMutation({ mutationFn: (body: SecurityQuestionResetRequest) => apiRequest<void>('/auth/password-reset/question/confirm', { method: 'POST', body, auth: false }) });
}
