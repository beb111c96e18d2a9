import type { CaptchaAnswer, CaptchaChallenge } from '@cabinet/shared-types';
import { useCallback, useState } from 'react';
import { ApiError } from '../api/api-error';
import { useRequestCaptcha } from '../api/captcha';

/**
 * The captcha of a public form: the API asks for one (428 with a picture) when an address has sent a
 * form already this hour; the form then shows the picture and sends the answer with the next try.
 */
export function useCaptcha() {
  const [challenge, setChallenge] = useState<CaptchaChallenge | null>(null);
  const [answer, setAnswer] = useState('');
  const request = useRequestCaptcha();

  /** After a failed submit: true when the answer brought a (new) picture to solve. */
  const take = useCallback((error: unknown): boolean => {
    const next = error instanceof ApiError ? error.problem?.captcha : undefined;
    if (!next) return false;
    setChallenge(next);
    setAnswer('');
    return true;
  }, []);

  const refresh = useCallback(() => {
    request.mutate(undefined, {
      onSuccess: (next) => {
        setChallenge(next);
        setAnswer('');
      },
    });
  }, [request]);

  const value: CaptchaAnswer | undefined = challenge ? { id: challenge.id, answer: answer.trim() } : undefined;
  return { challenge, answer, setAnswer, value, take, refresh, refreshing: request.isPending };
}
