import { OrderKinds, RequestStatuses, type OrderKind, type OrderStatus } from '@cabinet/shared-types';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDateTime } from '@/shared/lib/format-date';
import { formatPhone } from '@/shared/lib/format-phone';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { StatusBadge } from '@/shared/ui/status-badge';
import { useOrdersQueue } from '../api/queues';
import { QueueFilters, useQueueParams } from '../components/queue-filters';

/** /backoffice/orders — SIM and number orders of customers. */
export function OrdersQueuePage() {
  const { t, i18n } = useTranslation();
  const [search] = useSearchParams();
  const kindParam = search.get('kind');
  const kind = (OrderKinds as readonly string[]).includes(kindParam ?? '') ? (kindParam as OrderKind) : undefined;
  const params = useQueueParams();
  const status = params.status === 'all' ? undefined : (params.status as OrderStatus | 'open');
  const queue = useOrdersQueue({ kind, status, q: params.q || undefined });
  const items = queue.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeading title={t('backoffice.nav.orders')}>{t('backoffice.nav.orders')}</PageHeading>
      <p className="button-row" aria-label={t('backoffice.orderKinds')}>
        <Link to="/backoffice/orders" aria-current={!kind ? 'page' : undefined}>
          {t('backoffice.allOrders')}
        </Link>
        {OrderKinds.map((k) => (
          <Link key={k} to={`/backoffice/orders?kind=${k}`} aria-current={kind === k ? 'page' : undefined}>
            {t(`backoffice.queueNames.${k}`)}
          </Link>
        ))}
      </p>
      <QueueFilters statuses={[...RequestStatuses, 'canceled']} params={params} searchHint={t('backoffice.orderSearchHint')} />
      {queue.isPending ? <PageLoader /> : null}
      {queue.isError && !queue.data ? <QueryError error={queue.error} onRetry={() => void queue.refetch()} /> : null}
      {queue.data && !items.length ? <p className="muted">{t('backoffice.queueEmpty')}</p> : null}
      {items.length ? (
        <ul className="tx-list" aria-label={t('backoffice.nav.orders')}>
          {items.map((o) => (
            <li key={o.id} className="tx">
              <div className="tx__main">
                <Link to={`/backoffice/orders/${o.id}`} className="tx__description">
                  {o.number} · {o.kind === 'sim' ? t('orders.simTitle') : t('backoffice.numberOrder', { number: formatPhone(o.beautifulNumber?.msisdn ?? '') })}
                </Link>
                <span className="tx__meta">
                  {o.customer.name} · {formatPhone(o.customer.phone)} · {t('orders.accountShort', { number: o.accountNumber })} ·{' '}
                  <time dateTime={o.createdAt}>{formatDateTime(o.createdAt, i18n.language)}</time>
                </span>
              </div>
              <div className="tx__amounts">
                <StatusBadge status={o.status} />
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {queue.hasNextPage ? (
        <p className="history-more">
          <button type="button" className="secondary outline" disabled={queue.isFetchingNextPage} onClick={() => void queue.fetchNextPage()}>
            {t('history.loadMore')}
          </button>
        </p>
      ) : null}
    </>
  );
}
