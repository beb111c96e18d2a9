import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/shared/api/api-error';
import { errorMessage } from '@/shared/i18n/error-message';
import { i18n } from '@/shared/i18n/i18n';
import { ru } from './ru';

/**
 * The corporate cabinet keeps its texts in its own i18next namespace, loaded with its pages (a lazy
 * chunk), so they do not weigh on the first load of the cabinet. Russian comes with the chunk;
 * English is fetched when the language is English. Keys are checked against the Russian file.
 */
export const CORPORATE_NS = 'corporate';

if (!i18n.hasResourceBundle('ru', CORPORATE_NS)) i18n.addResourceBundle('ru', CORPORATE_NS, ru);

let loadingEnglish: Promise<void> | null = null;
function ensureLanguage(language: string): void {
  if (!language.startsWith('en') || i18n.hasResourceBundle('en', CORPORATE_NS) || loadingEnglish) return;
  loadingEnglish = import('./en')
    .then((module) => {
      i18n.addResourceBundle('en', CORPORATE_NS, module.en);
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

/** A key of the corporate dictionary, e.g. `lines.title` (plural forms without their suffix). */
export type CorporateKey = Keys<typeof ru>;
export type CorporateT = (key: CorporateKey, options?: Record<string, unknown>) => string;

type AnyT = (key: string, options?: Record<string, unknown>) => string;
const translate = useTranslation as unknown as (ns: string, options: { bindI18nStore: string }) => { t: AnyT; i18n: { language: string } };

export function useCorporateT(): { t: CorporateT; language: string } {
  const { t, i18n: instance } = translate(CORPORATE_NS, { bindI18nStore: 'added' });
  const language = instance.language;
  useEffect(() => ensureLanguage(language), [language]);
  return { t: t as CorporateT, language };
}

/** A sentence about a failed call: the corporate dictionary's words for its own codes, else the cabinet's. */
export function useCorporateError(): (error: unknown) => string {
  const { t, language } = useCorporateT();
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
