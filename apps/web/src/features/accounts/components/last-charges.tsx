import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLastCharges } from '../api/get-transactions';
import { TransactionItem } from './transaction-item';

/** The dashboard's quick view of an account: its last five charges and a way to the whole history. */
export function LastCharges({ accountId, accountNumber }: { accountId: string; accountNumber: string }) {
  const { t } = useTranslation();
  const charges = useLastCharges(accountId);
  const headingId = `last-charges-${accountId}`;
  return (
    <section className="last-charges" aria-labelledby={headingId}>
      <h3 id={headingId} className="last-charges__title">
        {t('accounts.lastCharges')}
      </h3>
      {charges.isPending ? (
        <p className="muted" aria-busy="true">
          {t('app.loading')}
        </p>
      ) : null}
      {charges.isError ? <p className="muted">{t('accounts.lastChargesFailed')}</p> : null}
      {charges.data && charges.data.items.length === 0 ? <p className="muted">{t('accounts.lastChargesNone')}</p> : null}
      {charges.data && charges.data.items.length ? (
        <ul className="tx-list tx-list--compact">
          {charges.data.items.map((transaction) => (
            <TransactionItem key={transaction.id} transaction={transaction} compact />
          ))}
        </ul>
      ) : null}
      <p className="last-charges__link">
        <Link to={`/accounts/${accountId}/history`} aria-label={t('accounts.historyOf', { number: accountNumber })}>
          {t('accounts.allHistory')}
        </Link>
      </p>
    </section>
  );
}
