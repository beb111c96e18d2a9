import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { accountQueryOptions, accountsQueryKey } from '@/shared/api/accounts';
import { formatMoney } from '@/shared/lib/format-money';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { paymentWaitMs, usePayment } from '../api/get-payment';
import { paymentSentence } from '../components/payment-outcome';
import { PaymentSummary } from '../components/payment-summary';

// The QR encoder is loaded only when an SBP payment shows its code.
const QrCode = lazy(() => import('../components/qr-code').then((m) => ({ default: m.QrCode })));

/**
 * /payments/:paymentId — where the acquirer sends the browser back, and where an SBP payment shows
 * its QR. Reads the payment every 2 s while it is pending (for about two minutes), then tells the
 * outcome: the new balance and the receipt, or the reason in words and a way to try again.
 */
export function PaymentPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { paymentId = '' } = useParams();
  const queryClient = useQueryClient();
  const [round, setRound] = useState(0);
  const [waitedTooLong, setWaitedTooLong] = useState(false);
  const payment = usePayment(paymentId, !waitedTooLong);
  const status = payment.data?.status;
  const accountId = payment.data?.accountId ?? '';
  const topUpDone = status === 'succeeded' && payment.data?.purpose === 'top_up';
  const account = useQuery({ ...accountQueryOptions(accountId), enabled: topUpDone });

  useEffect(() => {
    if (status !== 'pending') return undefined;
    const timer = setTimeout(() => setWaitedTooLong(true), paymentWaitMs);
    return () => clearTimeout(timer);
  }, [status, round]);

  useEffect(() => {
    // The money is on the balance now: every balance and history shown is read again.
    if (status === 'succeeded') void queryClient.invalidateQueries({ queryKey: accountsQueryKey });
  }, [status, queryClient]);

  if (payment.isPending) return <PageLoader />;
  if (!payment.data) {
    return (
      <>
        <PageHeading title={t('paymentPage.title')}>{t('paymentPage.title')}</PageHeading>
        <QueryError notFound error={payment.error} onRetry={() => void payment.refetch()} />
      </>
    );
  }

  // A failed poll keeps the last answer on screen.
  const data = payment.data;
  const amount = formatMoney(data.amount, lang);
  const binding = data.purpose === 'card_binding';
  const headline =
    data.status === 'succeeded'
      ? binding
        ? t('paymentPage.cardBoundTitle')
        : t('paymentPage.succeededTitle')
      : data.status === 'canceled'
        ? t('paymentPage.canceledTitle')
        : t('paymentPage.pendingTitle');
  const confirmation = data.status === 'pending' ? data.confirmation : null;

  return (
    <div className="narrow payment">
      <PageHeading title={`${headline} · ${amount}`}>{headline}</PageHeading>
      <div
        role="status"
        className={`payment__state payment__state--${data.status}`}
        aria-busy={data.status === 'pending' && !waitedTooLong ? true : undefined}
      >
        {data.status === 'pending' ? null : (
          <span aria-hidden="true" className="payment__icon">
            {data.status === 'succeeded' ? '✓' : '✕'}
          </span>
        )}
        <p>{paymentSentence(t, data, amount)}</p>
      </div>

      {data.status === 'pending' && confirmation?.type === 'qr' ? (
        <section className="sbp" aria-labelledby="sbp-title">
          <h2 id="sbp-title">{t('paymentPage.sbpTitle')}</h2>
          <p>{t('paymentPage.sbpScan')}</p>
          <Suspense fallback={<PageLoader />}>
            <QrCode data={confirmation.qrData} label={t('paymentPage.qrLabel', { amount })} />
          </Suspense>
          <p>
            <a className="button-link" href={confirmation.url}>
              {t('paymentPage.sbpOpen')}
            </a>
          </p>
        </section>
      ) : null}
      {data.status === 'pending' && confirmation?.type === 'redirect' ? (
        <p>
          {t('paymentPage.unfinished')}{' '}
          <a className="button-link" href={confirmation.url}>
            {t('paymentPage.continue')}
          </a>
        </p>
      ) : null}
      {data.status === 'pending' && !waitedTooLong ? <p className="muted">{t('paymentPage.pendingHint')}</p> : null}
      {data.status === 'pending' && waitedTooLong ? (
        <div className="notice">
          <p>{t('paymentPage.stillWaiting')}</p>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setWaitedTooLong(false);
              setRound((value) => value + 1);
              void payment.refetch();
            }}
          >
            {t('paymentPage.checkAgain')}
          </button>
        </div>
      ) : null}

      {topUpDone && account.data ? (
        <p className="payment__balance">
          {t('paymentPage.newBalance')}: <strong data-testid="new-balance">{formatMoney(account.data.balance, lang)}</strong>
        </p>
      ) : null}

      <PaymentSummary payment={data} />

      <div className="button-row">
        {data.status === 'succeeded' && !binding ? (
          <Link className="button-link" to={`/payments/${data.id}/receipt`}>
            {t('paymentPage.receipt')}
          </Link>
        ) : null}
        {data.status === 'canceled' ? (
          <Link className="button-link" to={binding ? '/cards' : `/accounts/${data.accountId}/top-up?amount=${data.amount.amount}`}>
            {t('paymentPage.tryAgain')}
          </Link>
        ) : null}
        {binding ? (
          <Link to="/cards">{t('paymentPage.toCards')}</Link>
        ) : (
          <Link to={`/accounts/${data.accountId}`}>{t('paymentPage.toAccount', { number: data.accountNumber })}</Link>
        )}
      </div>
    </div>
  );
}
