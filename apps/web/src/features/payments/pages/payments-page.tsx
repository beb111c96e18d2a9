import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useAccounts } from '@/shared/api/accounts';
import { formatDateTime } from '@/shared/lib/format-date';
import { formatMoney } from '@/shared/lib/format-money';
import { useOnVisible } from '@/shared/lib/use-on-visible';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { usePayments } from '../api/get-payments';
import { cardLabel } from '../components/card-label';

/** /payments — top-ups of every account (or one, `?account=`), newest first, with their receipts. */
export function PaymentsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const selectId = useId();
  const [params, setParams] = useSearchParams();
  const accounts = useAccounts();
  const accountId = params.get('account');
  const payments = usePayments(accountId);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = payments;
  const sentinel = useOnVisible<HTMLDivElement>(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, Boolean(hasNextPage) && !payments.isFetchNextPageError);
  const items = payments.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeading title={t('payments.title')}>{t('payments.title')}</PageHeading>
      <p className="muted">
        {t('payments.intro')} <Link to="/cards">{t('payments.cardsLink')}</Link> · <Link to="/payments/other">{t('topUpOther.title')}</Link>
      </p>
      {accounts.data && accounts.data.items.length > 1 ? (
        <div className="field line-picker">
          <label htmlFor={selectId}>{t('payments.account')}</label>
          <select
            id={selectId}
            value={accountId ?? ''}
            onChange={(event) => setParams(event.target.value ? { account: event.target.value } : {})}
          >
            <option value="">{t('payments.allAccounts')}</option>
            {accounts.data.items.map((account) => (
              <option key={account.id} value={account.id}>
                {account.number} · {t(`accountKind.${account.kind}`)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {accounts.data?.items.length ? (
        <p className="button-row">
          {accounts.data.items.map((account) => (
            <Link key={account.id} className="button-link" to={`/accounts/${account.id}/top-up`}>
              {t('accounts.topUpOf', { number: account.number })}
            </Link>
          ))}
        </p>
      ) : null}
      {payments.isPending ? <PageLoader /> : null}
      {payments.isError && !payments.data ? <QueryError error={payments.error} onRetry={() => void payments.refetch()} /> : null}
      {payments.data && items.length === 0 ? <p className="muted">{t('payments.none')}</p> : null}
      {items.length ? (
        <ul className="tx-list" aria-label={t('payments.listLabel')}>
          {items.map((payment) => (
            <li key={payment.id} className="tx">
              <div className="tx__main">
                <Link to={payment.loanId ? `/loans/${payment.loanId}?payment=${payment.id}` : `/payments/${payment.id}`} className="tx__description">
                  {t(payment.purpose === 'card_binding' ? 'payments.binding' : payment.purpose === 'loan_service' ? 'payments.loanService' : payment.loanId ? 'payments.loanPayment' : 'payments.topUp', { number: payment.accountNumber })}
                </Link>
                <span className="tx__meta">
                  <time dateTime={payment.createdAt}>{formatDateTime(payment.createdAt, lang)}</time> ·{' '}
                  {t(`payment.method.${payment.method}`)}
                  {payment.card ? ` · ${cardLabel(t, payment.card)}` : ''}
                  {payment.source === 'autopay' ? ` · ${t('payments.byAutopay')}` : ''}
                </span>
              </div>
              <div className="tx__amounts">
                <strong className="tx__amount">{formatMoney(payment.amount, lang)}</strong>
                <span className={`badge payment-status payment-status--${payment.status}`}>{t(`payment.status.${payment.status}`)}</span>
                {payment.status === 'succeeded' && payment.purpose === 'top_up' ? (
                  <Link to={`/payments/${payment.id}/receipt`} className="tx__balance">
                    {t('paymentPage.receipt')}
                  </Link>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {payments.isFetchNextPageError ? <QueryError error={payments.error} /> : null}
      <div ref={sentinel} className="history-more">
        {hasNextPage ? (
          <button
            type="button"
            className="secondary outline"
            aria-busy={isFetchingNextPage || undefined}
            disabled={isFetchingNextPage}
            onClick={() => void fetchNextPage()}
          >
            {isFetchingNextPage ? t('history.loadingMore') : t('history.loadMore')}
          </button>
        ) : null}
      </div>
    </>
  );
}
