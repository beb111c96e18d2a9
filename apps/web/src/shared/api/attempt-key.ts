import { useCallback, useRef } from 'react';
import { ApiError } from './api-error';
import { newIdempotencyKey } from '@/shared/lib/browser';

/**
 * One `Idempotency-Key` per attempt of a money-moving POST. Sending the same thing again after the
 * first try got no definitive answer (the network dropped, the server failed, the first request is
 * still running) reuses the key, so the API acts at most once. A definitive answer — success or a
 * refusal — ends the attempt: the next press is a new attempt with a new key (the API would
 * otherwise replay the old answer for 24 hours).
 */
export function useAttemptKey() {
  const attempt = useRef<{ key: string; fingerprint: string } | null>(null);

  const keyFor = useCallback((request: unknown): string => {
    const fingerprint = JSON.stringify(request);
    if (attempt.current?.fingerprint !== fingerprint) attempt.current = { key: newIdempotencyKey(), fingerprint };
    return attempt.current.key;
  }, []);

  /** Call with the outcome of the POST. */
  const settle = useCallback((error: unknown | null) => {
    if (error === null || !isUndecided(error)) attempt.current = null;
  }, []);

  return { keyFor, settle };
}

/** The API may or may not have acted: the answer never came, the server failed, or it is still working. */
export function isUndecided(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status === 0 || error.status >= 500 || (error.status === 409 && error.code === 'conflict');
}
