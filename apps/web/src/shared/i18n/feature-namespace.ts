import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/shared/api/api-error';
import { errorMessage } from '@/shared/i18n/error-message';
import { i18n } from '@/shared/i18n/i18n';

type Plural = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type Strip<K extends string> = K extends `${infer Base}_${Plural}` ? Base : K;

/** Every key of a nested dictionary, dotted (`calculator.title`), plural forms without their suffix. */
export type DictionaryKey<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${Strip<K>}` : DictionaryKey<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

type AnyT = (key: string, options?: Record<string, unknown>) => string;
const translate = useTranslation as unknown as (ns: string, options: { bindI18nStore: string }) => { t: AnyT; i18n: { language: string } };

/**
 * A feature that keeps its texts in its own i18next namespace, loaded with its pages (a lazy chunk), so they
 * do not weigh on the first load of the cabinet. Russian comes with the chunk; English is fetched when the
 * language is English. Keys are checked against the Russian dictionary.
 */
export function featureNamespace<D>(ns: string, ru: D, loadEnglish: () => Promise<{ en: unknown }>) {
  if (!i18n.hasResourceBundle('ru', ns)) i18n.addResourceBundle('ru', ns, ru);

  let loadingEnglish: Promise<void> | null = null;
  const ensureLanguage = (language: string): void => {
    if (!language.startsWith('en') || i18n.hasResourceBundle('en', ns) || loadingEnglish) return;
    loadingEnglish = loadEnglish()
      .then((module) => {
        i18n.addResourceBundle('en', ns, module.en);
      })
      .catch(() => undefined)
      .finally(() => {
        loadingEnglish = null;
      });
  };

  type T = (key: DictionaryKey<D>, options?: Record<string, unknown>) => string;

  function useT(): { t: T; language: string } {
    const { t, i18n: instance } = translate(ns, { bindI18nStore: 'added' });
    const language = instance.language;
    useEffect(() => ensureLanguage(language), [language]);
    return { t: t as T, language };
  }

  /** A sentence about a failed call: the feature's words for its own codes, else the cabinet's. */
  function useError(): (error: unknown) => string {
    const { t, language } = useT();
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

  return { ns, useT, useError };
}
