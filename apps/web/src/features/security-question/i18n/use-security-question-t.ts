import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/shared/api/api-error';
import { errorMessage } from '@/shared/i18n/error-message';
import { i18n } from '@/shared/i18n/i18n';
import { ru } from './ru';

/**
 * The security question keeps its texts in its own i18next namespace, loaded with its pages (a
 * lazy chunk). Russian comes with the chunk; English is fetched when the language is English.
 */
export const SQ_NS = 'securityQuestion';

if (!i18n.hasResourceBundle('ru', SQ_NS)) i18n.addResourceBundle('ru', SQ_NS, ru);

let loadingEnglish: Promise<void> | null = null;
function ensureLanguage(language: string): void {
  if (!language.startsWith('en') || i18n.hasResourceBundle('en', SQ_NS) || loadingEnglish) return;
  loadingEnglish = import('./en')
    .then((module) => {
      i18n.addResourceBundle('en', SQ_NS, module.en);
    })
    .catch(() => undefined)
    .finally(() => {
      loadingEnglish = null;
    });
}

type Keys<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Keys<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type SecurityQuestionKey = Keys<typeof ru>;
export type SecurityQuestionT = (key: SecurityQuestionKey, options?: Record<string, unknown>) => string;

type AnyT = (key: string, options?: Record<string, unknown>) => string;
const translate = useTranslation as unknown as (ns: string, options: { bindI18nStore: string }) => { t: AnyT; i18n: { language: string } };

export function useSecurityQuestionT(): { t: SecurityQuestionT; language: string } {
  const { t, i18n: instance } = translate(SQ_NS, { bindI18nStore: 'added' });
  const language = instance.language;
  useEffect(() => ensureLanguage(language), [language]);
  return { t: t as SecurityQuestionT, language };
}

/** A sentence about a failed call: this feature's words for its own codes, else the cabinet's. */
export function useSecurityQuestionError(): (error: unknown) => string {
  const { t, language } = useSecurityQuestionT();
  const { t: common } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && error.code) {
        const own = (t as AnyT)(`errors.${error.code}`, { defaultValue: '' });
        if (own) return own;
      }
      return errorMessage(common, error, language);
    },
    [t, common, language],
  );
}
