import type { TFunction } from 'i18next';
import { ApiError } from '@/shared/api/api-error';
import { fieldErrorMessage } from '@/shared/i18n/error-message';

/** The API's field errors of a failed submit, by the form's own field names (`address.house` → `house`). */
export function fieldErrorsOf<F extends string>(t: TFunction, error: unknown, map: Record<string, F>): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  if (!(error instanceof ApiError)) return out;
  for (const e of error.fieldErrors) {
    const name = map[e.field];
    if (name && !out[name]) out[name] = fieldErrorMessage(t, error, e.field) ?? e.message;
  }
  return out;
}
