import { Limits } from '@cabinet/shared-types';

const exact = new RegExp(`(?<![\\d+])(\\d{${Limits.otpLength}})(?!\\d)`);

/** The one-time code in a message body: a standalone group of exactly 6 digits. */
export function extractCode(body: string): string | null {
  return exact.exec(body)?.[1] ?? null;
}
