import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/shared/api/api-error';
import { errorMessage } from '@/shared/i18n/error-message';
import { i18n } from '@/shared/i18n/i18n';
import { ru } from './ru';

/**
 * The line extras keep its texts in its own i18next namespace, loaded with their tab (a
 * lazy chunk). Russian comes with the chunk; English is fetched when the language is English.
 */
export const LINE_EXTRAS_NS = 'lineExtras';

if (!i18n.hasResourceBundle('ru', LINE_EXTRAS_NS)) i18n.addResourceBundle('ru', LINE_EXTRAS_NS, ru);

let loadingEnglish: Promise<void> | null = null;
function ensureLanguage(language: string): void {
  if (!language.startsWith('en') || i18n.hasResourceBundle('en', LINE_EXTRAS_NS) || loadingEnglish) return;
  loadingEnglish = import('./en')
    .then((module) => {
      i18n.addResourceBundle('en', LINE_EXTRAS_NS, module.en);
    })
    .catch(() => undefined)
    .finally(() => {
      loadingEnglish = null;
    });
}

type Keys<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Keys<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type LineExtrasKey = Keys<typeof ru>;
export type LineExtrasT = (key: LineExtrasKey, options?: Record<string, unknown>) => string;

type AnyT = (key: string, options?: Record<string, unknown>) => string;
const translate = useTranslation as unknown as (ns: string, options: { bindI18nStore: string }) => { t: AnyT; i18n: { language: string } };

export function useLineExtrasT(): { t: LineExtrasT; language: string } {
  const { t, i18n: instance } = translate(LINE_EXTRAS_NS, { bindI18nStore: 'added' });
  const language = instance.language;
  useEffect(() => ensureLanguage(language), [language]);
  return { t: t as LineExtrasT, language };
}

/** A sentence about a failed call: this feature's words for its own codes, else the cabinet's. */
export function useLineExtrasError(): (error: unknown) => string {
  const { t, language } = useLineExtrasT();
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
