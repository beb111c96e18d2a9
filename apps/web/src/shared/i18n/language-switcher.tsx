import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, languages } from './i18n';

/** RU / EN toggle buttons; the pressed one is the current language. */
export function LanguageSwitcher() {
  const { t } = useTranslation();
  const active = currentLanguage();
  return (
    <div className="language-switcher" role="group" aria-label={t('language.label')}>
      {languages.map((language) => (
        <button
          key={language}
          type="button"
          className="language-switcher__button"
          lang={language}
          aria-pressed={language === active}
          title={t(`language.${language}`)}
          onClick={() => void changeLanguage(language)}
        >
          {language.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
