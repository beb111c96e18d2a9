import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function Brand() {
  const { t } = useTranslation();
  return (
    <Link to="/" className="brand">
      <svg aria-hidden="true" focusable="false" viewBox="0 0 32 32" width="28" height="28">
        <rect width="32" height="32" rx="8" fill="currentColor" />
        <path d="M9 11h14v3H9zm0 5h14v3H9zm0 5h9v3H9z" fill="#fff" />
      </svg>
      <span>{t('app.name')}</span>
    </Link>
  );
}
