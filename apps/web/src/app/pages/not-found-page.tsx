import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '@/shared/ui/page-heading';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <section className="narrow">
      <PageHeading title={t('notFound.title')}>{t('notFound.title')}</PageHeading>
      <p>{t('notFound.text')}</p>
      <p>
        <Link to="/" className="button-link">
          {t('notFound.home')}
        </Link>
      </p>
    </section>
  );
}
