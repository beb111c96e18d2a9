import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error';
import { formatTime } from '../lib/format-date';

/** A sentence for a person about any failure of an API call, in the current language. */
export function errorMessage(t: TFunction, error: unknown, language: string): string {
  if (!(error instanceof ApiError)) return t('errors.generic');
  const { code, problem, retryAfter } = error;
  switch (code) {
    case 'login_locked':
      return problem?.lockedUntil
        ? t('errors.login_locked', { time: formatTime(problem.lockedUntil, language) })
        : t('errors.login_locked_noTime');
    case 'rate_limited':
      return retryAfter ? t('errors.rate_limited', { count: retryAfter }) : t('errors.rate_limited_noTime');
    case 'otp_invalid':
      return typeof problem?.attemptsLeft === 'number'
        ? t('errors.otp_invalid', { count: problem.attemptsLeft })
        : t('errors.otp_invalid_noCount');
    default: {
      const key = `errors.${code}`;
      if (code !== 'unknown_error' && t(key as 'errors.generic', { defaultValue: '' })) {
        return t(key as 'errors.generic');
      }
      return problem?.detail ?? t('errors.generic');
    }
  }
}

/** Validator codes of the API's `errors[].code` that have a sentence of their own here. */
const fieldCodeKeys = {
  isNotEmpty: 'common.required',
  isDefined: 'common.required',
  maxLength: 'validation.maxLength',
  minLength: 'validation.minLength',
  isEmail: 'common.invalidEmail',
  isPhoneNumber: 'common.invalidPhone',
  isMobilePhone: 'common.invalidPhone',
  matches: 'validation.format',
  isString: 'validation.format',
  length: 'validation.format',
} as const;

/** What is wrong with one field, per the API's validation problem, in the current language. */
export function fieldErrorMessage(t: TFunction, error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const fieldError = error.fieldError(field);
  if (!fieldError) return undefined;
  const key = fieldCodeKeys[fieldError.code as keyof typeof fieldCodeKeys];
  return key ? t(key) : fieldError.message;
}

export function useFieldErrorMessage(): (error: unknown, field: string) => string | undefined {
  const { t } = useTranslation();
  return useCallback((error: unknown, field: string) => fieldErrorMessage(t, error, field), [t]);
}

export function useErrorMessage(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return useCallback((error: unknown) => errorMessage(t, error, i18n.language), [t, i18n.language]);
}
