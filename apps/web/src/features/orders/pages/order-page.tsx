import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { StatusBadge } from '@/shared/ui/status-badge';
import { StatusTimeline } from '@/shared/ui/status-timeline';
import { useCancelOrder, useOrder } from '../api/orders';
import { OrderFacts, orderTitle } from '../components/order-summary';

/** /orders/:orderId — one order: what, where it stands, its history; a new one can be canceled. */
export function OrderPage() {
  const { t } = useTranslation();
  const { orderId = '' } = useParams();
  const order = useOrder(orderId);
  const cancel = useCancelOrder(orderId);
  const describe = useErrorMessage();
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);

  if (order.isPending) return <PageLoader />;
  if (order.isError) return <QueryError error={order.error} onRetry={() => void order.refetch()} />;
  const o = order.data;
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/orders">{t('orders.title')}</Link>
      </p>
      <PageHeading title={t('orders.orderNo', { number: o.number })}>
        {t('orders.orderNo', { number: o.number })} <StatusBadge status={o.status} />
      </PageHeading>
      <p>{orderTitle(t, o)}</p>
      <OrderFacts order={o} />
      {o.status === 'rejected' && o.reason ? <FormAlert tone="info">{t('orders.rejectedBecause', { reason: o.reason })}</FormAlert> : null}
      <FormAlert tone={message?.tone ?? 'error'}>{message?.text}</FormAlert>
      {o.status === 'new' ? (
        <p>
          <button
            type="button"
            className="secondary"
            aria-busy={cancel.isPending || undefined}
            disabled={cancel.isPending}
            onClick={() =>
              cancel.mutate(undefined, {
                onSuccess: () => setMessage({ tone: 'success', text: o.price.amount ? t('orders.canceledRefunded') : t('orders.canceled') }),
                onError: (error) => setMessage({ tone: 'error', text: describe(error) }),
              })
            }
          >
            {t('orders.cancel')}
          </button>
        </p>
      ) : null}
      <h2>{t('orders.history')}</h2>
      <StatusTimeline history={o.history} label={t('orders.history')} />
    </>
  );
}
