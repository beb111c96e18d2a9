import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { formatMoney } from '@/shared/lib/format-money';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { quickPayWaitMs, useQuickPayment } from '../api/quickpay';
import { useQuickPayT } from '../i18n/use-quickpay-t';
import { recipientNumber } from './pay-page';

/** /pay/:paymentId — where the acquirer brings the payer back; polls while pending; SBP shows the bank app link. */
export function PayStatusPage() {
  const { t, language } = useQuickPayT();
  const { paymentId = '' } = useParams();
  const [waitedTooLong, setWaitedTooLong] = useState(false);
  const [round, setRound] = useState(0);
  const payment = useQuickPayment(paymentId, !waitedTooLong);
  const status = payment.data?.status;

  useEffect(() => {
    if (status !== 'pending') return undefined;
    const timer = setTimeout(() => setWaitedTooLong(true), quickPayWaitMs);
    return () => clearTimeout(timer);
  }, [status, round]);

  if (payment.isPending) return <PageLoader />;
  if (!payment.data) {
    return (
      <section className="narrow">
        <PageHeading title={t('status.title')}>{t('status.title')}</PageHeading>
        <QueryError notFound error={payment.error} onRetry={() => void payment.refetch()} />
      </section>
    );
  }
  const data = payment.data;
  const amount = formatMoney(data.amount, language);
  const headline = t(`status.${data.status}`);
  const confirmation = data.status === 'pending' ? data.confirmation : null;
  return (
    <section className="narrow payment">
      <PageHeading title={`${headline} · ${amount}`}>{headline}</PageHeading>
      <div role="status" className={`payment__state payment__state--${data.status}`} aria-busy={data.status === 'pending' && !waitedTooLong ? true : undefined}>
        <p>
          <strong>{amount}</strong>
        </p>
        <p>{t('status.to', { name: data.recipient.maskedName, number: recipientNumber(data.recipient) })}</p>
        {data.status === 'succeeded' ? <p>{t('status.succeededText', { amount })}</p> : null}
        {data.status === 'canceled' ? <p>{t('status.canceledText')}</p> : null}
      </div>
      {confirmation?.type === 'qr' ? (
        <p>
          {t('status.sbpHint')}{' '}
          <a href={confirmation.url} className="button">
            {t('status.openBank')}
          </a>
        </p>
      ) : null}
      {confirmation?.type === 'redirect' ? (
        <p>
          <a href={confirmation.url} className="button">
            {t('status.continueCard')}
          </a>
        </p>
      ) : null}
      {data.status === 'pending' && waitedTooLong ? (
        <p>
          {t('status.stillWaiting')}{' '}
          <button
            type="button"
            onClick={() => {
              setWaitedTooLong(false);
              setRound((r) => r + 1);
              void payment.refetch();
            }}
          >
            {t('status.checkAgain')}
          </button>
        </p>
      ) : null}
      {data.status !== 'pending' ? (
        <p>
          <Link to="/pay">{t('status.again')}</Link>
        </p>
      ) : null}
    </section>
  );
}
