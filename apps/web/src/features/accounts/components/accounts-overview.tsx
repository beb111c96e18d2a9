import { useTranslation } from 'react-i18next';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { useAccounts } from '@/shared/api/accounts';
import { AccountCard } from './account-card';

/** Every account as a card — the dashboard on the home page and the accounts list. */
export function AccountsOverview() {
  const { t } = useTranslation();
  const accounts = useAccounts();
  if (accounts.isPending) return <PageLoader />;
  if (accounts.isError) return <QueryError error={accounts.error} onRetry={() => void accounts.refetch()} />;
  if (accounts.data.items.length === 0) return <p className="muted">{t('accounts.none')}</p>;
  return (
    <ul className="card-grid card-grid--wide" aria-label={t('accounts.listLabel')}>
      {accounts.data.items.map((account) => (
        <li key={account.id}>
          <AccountCard account={account} />
        </li>
      ))}
    </ul>
  );
}
