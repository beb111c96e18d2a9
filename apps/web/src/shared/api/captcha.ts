import type { CaptchaResponse } from '@cabinet/shared-types';
import { useMutation } from '@tanstack/react-query';
import { apiRequest } from './client';

/** POST /auth/captcha — a new picture ("another picture"). */
export function requestCaptcha(): Promise<CaptchaResponse> {
  return apiRequest<CaptchaResponse>('/auth/captcha', { method: 'POST', auth: false });
}

export function useRequestCaptcha() {
  return useMutation({ mutationFn: requestCaptcha });
}
