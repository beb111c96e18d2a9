import type { Operator } from '@cabinet/shared-types';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatMoney } from '@/shared/lib/format-money';
import { formatPhone } from '@/shared/lib/format-phone';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { StatusBadge } from '@/shared/ui/status-badge';
import { StatusTimeline } from '@/shared/ui/status-timeline';
import { useStaffTariffs } from '../api/admin';
import { useChangeOrderStatus, useStaffOrder } from '../api/queues';
import { ProcessOrderForm } from '../components/process-order-form';
import { StatusChangeForm } from '../components/status-change-form';

const open = ['new', 'in_progress', 'waiting_for_customer'];

/** /backoffice/orders/:id — an order: what, for whom, its history; fulfil or change its status. */
export function StaffOrderPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { orderId = '' } = useParams();
  const order = useStaffOrder(orderId);
  const tariffs = useStaffTariffs();
  const change = useChangeOrderStatus(orderId);
  if (order.isPending) return <PageLoader />;
  if (order.isError) return <QueryError error={order.error} onRetry={() => void order.refetch()} />;
  const o = order.data;
  const operator = (o.beautifulNumber?.operator ?? tariffs.data?.items.find((x) => x.id === o.tariff?.id)?.provider) as Operator | undefined;
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/backoffice/orders">{t('backoffice.nav.orders')}</Link>
      </p>
      <PageHeading title={t('orders.orderNo', { number: o.number })}>
        {t('orders.orderNo', { number: o.number })} <StatusBadge status={o.status} />
      </PageHeading>
      <dl className="details">
        <dt>{t('backoffice.customer')}</dt>
        <dd>
          <Link to={`/backoffice/customers/${o.customer.id}`}>{o.customer.name}</Link>, {formatPhone(o.customer.phone)}
        </dd>
        <dt>{t('orders.what')}</dt>
        <dd>{o.kind === 'sim' ? t('orders.simTitle') : t('backoffice.numberOrder', { number: formatPhone(o.beautifulNumber?.msisdn ?? '') })}</dd>
        <dt>{t('orders.account')}</dt>
        <dd>{o.accountNumber}</dd>
        {o.line ? (
          <>
            <dt>{t('orders.line')}</dt>
            <dd>{formatPhone(o.line.msisdn)}</dd>
          </>
        ) : null}
        {o.tariff ? (
          <>
            <dt>{t('orders.tariff')}</dt>
            <dd>{o.tariff.name}</dd>
          </>
        ) : null}
        {o.delivery ? (
          <>
            <dt>{t('orders.delivery')}</dt>
            <dd>{o.delivery === 'courier' ? t('orders.courierTo', { address: o.address }) : t('orders.pickup')}</dd>
          </>
        ) : null}
        {o.price.amount ? (
          <>
            <dt>{t('orders.price')}</dt>
            <dd>{formatMoney(o.price, lang)}</dd>
          </>
        ) : null}
        {o.comment ? (
          <>
            <dt>{t('orders.comment')}</dt>
            <dd>{o.comment}</dd>
          </>
        ) : null}
      </dl>
      {o.status === 'done' ? <FormAlert tone="success">{t('backoffice.orderDone')}</FormAlert> : null}
      {open.includes(o.status) ? (
        <div className="panels">
          <ProcessOrderForm order={o} operator={operator} />
          <StatusChangeForm
            current={o.status}
            choices={['in_progress', 'waiting_for_customer', 'rejected']}
            pending={change.isPending}
            onChange={(body, done) => change.mutate(body, { onSuccess: () => done(null), onError: (e) => done(e) })}
          />
        </div>
      ) : null}
      <h2>{t('orders.history')}</h2>
      <StatusTimeline history={o.history} label={t('orders.history')} />
    </>
  );
}
