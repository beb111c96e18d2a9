import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '@/shared/ui/page-heading';
import { AccountsOverview } from '../components/accounts-overview';

export function AccountsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('accounts.title')}>{t('accounts.title')}</PageHeading>
      <p className="muted">{t('accounts.intro')}</p>
      <AccountsOverview />
      <p>
        <Link to="/tariffs">{t('accounts.catalogLink')}</Link>
      </p>
    </>
  );
}
