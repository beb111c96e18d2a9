/** Cursor page envelope of every list endpoint: `?limit=50&cursor=…` → `{ items, nextCursor }`. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type Currency = 'RUB';

/** Money is always an integer number of kopecks plus currency. Never a float. */
export interface Money {
  amount: number;
  currency: Currency;
}

export interface HealthResponse {
  status: 'ok';
  database: 'ok';
  version: string;
  time: string;
}

/**
 * The cookie (`cabinet_session=1`, readable by scripts, path `/`) the API sets and clears together with the httpOnly
 * refresh cookie: without it a page load knows there is no session to restore and skips `POST /auth/refresh`.
 */
export const SESSION_HINT_COOKIE = 'cabinet_session';

export const Limits = {
  pageSizeDefault: 50,
  pageSizeMax: 200,
  passwordMinLength: 8,
  passwordMaxLength: 128,
  nameMaxLength: 100,
  emailMaxLength: 254,
  loginMaxLength: 32,
  otpLength: 6,
  otpTtlSeconds: 300,
  otpMaxAttempts: 3,
  otpResendSeconds: 60,
  captchaAfterFailures: 2,
  lockAfterFailures: 5,
  lockMinutes: 15,
  accessTokenTtlSeconds: 900,
  idleTimeoutSeconds: 900,
  idleWarningSeconds: 60,
  requestBodyMaxBytes: 2 * 1024 * 1024,
} as const;
