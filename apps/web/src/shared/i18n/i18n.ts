import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Dictionary } from './dictionary';
import { ruCore } from './locales/ru-core';

export const languages = ['ru', 'en'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'cabinet.language';

const loaders: Record<Exclude<Language, 'ru'>, () => Promise<Dictionary>> = {
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
  resources: { ru: { translation: ruCore } },
  partialBundledLanguages: true,
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

export const i18n = i18next;

let russianRest: Promise<void> | null = null;

/**
 * The Russian texts beyond the first download's (./locales/ru-core: the frame and the sign-in page): every other
 * page waits for them (src/app/router.tsx), so does switching to Russian. Loaded once.
 */
export function loadRussianRest(): Promise<void> {
  russianRest ??= import('./locales/ru-rest').then(
    ({ ruRest }) => {
      i18next.addResourceBundle('ru', 'translation', ruRest, true, false);
    },
    (error: unknown) => {
      russianRest = null; // a later page tries again
      throw error;
    },
  );
  return russianRest;
}

/** What a page needs before it renders: the rest of the Russian texts, unless the cabinet is in another language. */
export function pageTexts(): Promise<void> {
  return currentLanguage() === 'ru' ? loadRussianRest() : Promise.resolve();
}

/** Switch language, loading its dictionary first; remembers the choice (not a secret). */
export async function changeLanguage(language: Language): Promise<void> {
  if (language === 'ru') await loadRussianRest();
  else if (!i18next.hasResourceBundle(language, 'translation')) {
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

/**
 * Before the first render: the saved language, if it is not Russian, is loaded first; in Russian, all of it unless
 * `firstScreen` (the sign-in page, which has its texts in the first download), when the rest may come later.
 */
export async function initLanguage({ firstScreen = false }: { firstScreen?: boolean } = {}): Promise<void> {
  const language = savedLanguage();
  if (language === 'ru') {
    applyToDocument('ru');
    if (!firstScreen) await loadRussianRest().catch(() => undefined);
  } else await changeLanguage(language).catch(() => applyToDocument('ru'));
}

export function currentLanguage(): Language {
  return isLanguage(i18next.resolvedLanguage) ? i18next.resolvedLanguage : 'ru';
}
