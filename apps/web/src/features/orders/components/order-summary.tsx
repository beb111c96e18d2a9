import type { OrderView } from '@cabinet/shared-types';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '@/shared/lib/format-money';
import { formatPhone } from '@/shared/lib/format-phone';

/** What an order is for, in one line. */
export function orderTitle(t: TFunction, order: Pick<OrderView, 'kind' | 'beautifulNumber' | 'line'>): string {
  if (order.kind === 'sim') return t('orders.simTitle');
  const number = formatPhone(order.beautifulNumber?.msisdn ?? '');
  return order.line ? t('orders.numberToLine', { number, line: formatPhone(order.line.msisdn) }) : t('orders.numberNewLine', { number });
}

export function OrderFacts({ order }: { order: OrderView }) {
  const { t, i18n } = useTranslation();
  return (
    <dl className="details">
      <dt>{t('orders.account')}</dt>
      <dd>{order.accountNumber}</dd>
      {order.tariff ? (
        <>
          <dt>{t('orders.tariff')}</dt>
          <dd>{order.tariff.name}</dd>
        </>
      ) : null}
      {order.delivery ? (
        <>
          <dt>{t('orders.delivery')}</dt>
          <dd>{order.delivery === 'courier' ? t('orders.courierTo', { address: order.address }) : order.address ? t('orders.pickupAt', { address: order.address }) : t('orders.pickup')}</dd>
        </>
      ) : null}
      {order.price.amount ? (
        <>
          <dt>{t('orders.price')}</dt>
          <dd>{formatMoney(order.price, i18n.language)}</dd>
        </>
      ) : null}
      {order.comment ? (
        <>
          <dt>{t('orders.comment')}</dt>
          <dd>{order.comment}</dd>
        </>
      ) : null}
    </dl>
  );
}
