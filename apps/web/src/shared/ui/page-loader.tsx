import { useTranslation } from 'react-i18next';

/** Shown while a lazy page or the first data loads. */
export function PageLoader() {
  const { t } = useTranslation();
  return (
    <div className="page-loader" aria-busy="true" role="status">
      <span className="visually-hidden">{t('app.loading')}</span>
    </div>
  );
}
