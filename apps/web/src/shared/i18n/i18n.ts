import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Dictionary } from './dictionary';
import { ru } from './locales/ru';

export const languages = ['ru', 'en'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'cabinet.language';

const loaders: Record<Language, () => Promise<Dictionary>> = {
  ru: () => Promise.resolve(ru),
  en: () => import('./locales/en').then((module) => module.en),
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

function savedLanguage(): Language {
  try {
    const saved = localStorage.getItem(storageKey);
    return isLanguage(saved) ? saved : 'ru';
  } catch {
    return 'ru';
  }
}

function applyToDocument(language: Language): void {
  document.documentElement.lang = language;
}

i18next.use(initReactI18next).init({
  lng: 'ru',
  fallbackLng: 'ru',
  resources: { ru: { translation: ru } },
  partialBundledLanguages: true,
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

export const i18n = i18next;

/** Switch language, loading its dictionary first; remembers the choice (not a secret). */
export async function changeLanguage(language: Language): Promise<void> {
  if (!i18next.hasResourceBundle(language, 'translation')) {
    i18next.addResourceBundle(language, 'translation', await loaders[language]());
  }
  await i18next.changeLanguage(language);
  applyToDocument(language);
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

/** Before the first render: the saved language, if it is not Russian, is loaded first. */
export async function initLanguage(): Promise<void> {
  const language = savedLanguage();
  if (language === 'ru') applyToDocument('ru');
  else await changeLanguage(language).catch(() => applyToDocument('ru'));
}

export function currentLanguage(): Language {
  return isLanguage(i18next.resolvedLanguage) ? i18next.resolvedLanguage : 'ru';
}
