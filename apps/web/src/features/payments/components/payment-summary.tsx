import type { PaymentView } from '@cabinet/shared-types';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/shared/lib/format-date';
import { formatMoney } from '@/shared/lib/format-money';
import { cardLabel } from './card-label';

/** The facts of a payment, whatever its state. */
export function PaymentSummary({ payment }: { payment: PaymentView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <dl className="details details--compact">
      <dt>{t('paymentPage.amount')}</dt>
      <dd>{formatMoney(payment.amount, lang)}</dd>
      <dt>{t('paymentPage.account')}</dt>
      <dd>{payment.accountNumber}</dd>
      <dt>{t('paymentPage.method')}</dt>
      <dd>
        {t(`payment.method.${payment.method}`)}
        {payment.card ? ` · ${cardLabel(t, payment.card)}` : ''}
      </dd>
      <dt>{t('paymentPage.status')}</dt>
      <dd>{t(`payment.status.${payment.status}`)}</dd>
      <dt>{t('paymentPage.created')}</dt>
      <dd>{formatDateTime(payment.createdAt, lang)}</dd>
      {payment.settledAt ? (
        <>
          <dt>{t('paymentPage.settled')}</dt>
          <dd>{formatDateTime(payment.settledAt, lang)}</dd>
        </>
      ) : null}
    </dl>
  );
}
