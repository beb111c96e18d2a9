import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/shared/api/api-error';
import { useErrorMessage } from '@/shared/i18n/error-message';

/** The bonus program's refusals in words (its codes live under `bonus.errors`); anything else as everywhere. */
export function useBonusErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && error.code.startsWith('bonus_')) {
        const allowed = error.problem?.allowedPoints;
        return t(`bonus.errors.${error.code}` as 'bonus.errors.generic', { count: allowed ?? 0, defaultValue: error.problem?.detail ?? t('errors.generic') });
      }
      return describe(error);
    },
    [t, describe],
  );
}
