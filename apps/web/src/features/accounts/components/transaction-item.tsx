import type { TransactionView } from '@cabinet/shared-types';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/shared/lib/format-date';
import { formatMoney } from '@/shared/lib/format-money';
import { formatSignedMoney } from '@/shared/lib/signed-money';

/** One line of the history: what, when, how much (signed), and the balance after it. */
export function TransactionItem({ transaction, compact = false }: { transaction: TransactionView; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const debit = transaction.amount.amount < 0;
  return (
    <li className={debit ? 'tx tx--debit' : 'tx tx--credit'}>
      <div className="tx__main">
        <span className="tx__description">{transaction.description}</span>
        <span className="tx__meta">
          <time dateTime={transaction.createdAt}>{formatDateTime(transaction.createdAt, lang)}</time>
          {compact ? null : <> · {t(`ledgerKind.${transaction.kind}`, { defaultValue: transaction.kind })}</>}
        </span>
      </div>
      <div className="tx__amounts">
        <strong className="tx__amount">
          <span className="visually-hidden">{t(debit ? 'history.debit' : 'history.credit')} </span>
          {formatSignedMoney(transaction.amount, lang)}
        </strong>
        {compact ? null : (
          <span className="tx__balance">{t('history.balanceAfter', { amount: formatMoney(transaction.balanceAfter, lang) })}</span>
        )}
      </div>
    </li>
  );
}
