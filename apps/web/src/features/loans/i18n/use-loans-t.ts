import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/shared/api/api-error';
import { errorMessage } from '@/shared/i18n/error-message';
import { i18n } from '@/shared/i18n/i18n';
import { ru } from './ru';

/**
 * The loans feature keeps its texts in its own i18next namespace, loaded with its pages (a lazy
 * chunk), so they do not weigh on the first load of the cabinet. Russian comes with the chunk;
 * English is fetched when the language is English. Keys are checked against the Russian file.
 */
export const LOANS_NS = 'loans';

if (!i18n.hasResourceBundle('ru', LOANS_NS)) i18n.addResourceBundle('ru', LOANS_NS, ru);

let loadingEnglish: Promise<void> | null = null;
function ensureLanguage(language: string): void {
  if (!language.startsWith('en') || i18n.hasResourceBundle('en', LOANS_NS) || loadingEnglish) return;
  loadingEnglish = import('./en')
    .then((module) => {
      i18n.addResourceBundle('en', LOANS_NS, module.en);
    })
    .catch(() => undefined)
    .finally(() => {
      loadingEnglish = null;
    });
}

type Plural = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type Strip<K extends string> = K extends `${infer Base}_${Plural}` ? Base : K;
type Keys<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${Strip<K>}` : Keys<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A key of the loans dictionary, e.g. `calculator.title` (plural forms without their suffix). */
export type LoansKey = Keys<typeof ru>;
export type LoansT = (key: LoansKey, options?: Record<string, unknown>) => string;

type AnyT = (key: string, options?: Record<string, unknown>) => string;
const translate = useTranslation as unknown as (ns: string, options: { bindI18nStore: string }) => { t: AnyT; i18n: { language: string } };

export function useLoansT(): { t: LoansT; language: string } {
  const { t, i18n: instance } = translate(LOANS_NS, { bindI18nStore: 'added' });
  const language = instance.language;
  useEffect(() => ensureLanguage(language), [language]);
  return { t: t as LoansT, language };
}

/** A sentence about a failed call: the loans dictionary's words for its own codes, else the cabinet's. */
export function useLoansError(): (error: unknown) => string {
  const { t, language } = useLoansT();
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
