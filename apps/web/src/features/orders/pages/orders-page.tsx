import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '@/shared/lib/format-date';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { StatusBadge } from '@/shared/ui/status-badge';
import { useOrders } from '../api/orders';
import { orderTitle } from '../components/order-summary';

/** /orders — the customer's SIM and number orders, with where each stands. */
export function OrdersPage() {
  const { t, i18n } = useTranslation();
  const orders = useOrders();
  const items = orders.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeading title={t('orders.title')}>{t('orders.title')}</PageHeading>
      <p className="muted">{t('orders.intro')}</p>
      <p className="button-row">
        <Link className="button-link" to="/orders/new/sim">
          {t('orders.newSim')}
        </Link>
        <Link className="button-link" to="/numbers">
          {t('orders.chooseNumber')}
        </Link>
        <Link to="/applications/status">{t('orders.trackApplication')}</Link>
      </p>
      {orders.isPending ? <PageLoader /> : null}
      {orders.isError && !orders.data ? <QueryError error={orders.error} onRetry={() => void orders.refetch()} /> : null}
      {orders.data && !items.length ? <p className="muted">{t('orders.none')}</p> : null}
      {items.length ? (
        <ul className="tx-list" aria-label={t('orders.listLabel')}>
          {items.map((o) => (
            <li key={o.id} className="tx">
              <div className="tx__main">
                <Link to={`/orders/${o.id}`} className="tx__description">
                  {o.number} · {orderTitle(t, o)}
                </Link>
                <span className="tx__meta">
                  <time dateTime={o.createdAt}>{formatDateTime(o.createdAt, i18n.language)}</time> · {t('orders.accountShort', { number: o.accountNumber })}
                </span>
              </div>
              <div className="tx__amounts">
                <StatusBadge status={o.status} />
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {orders.hasNextPage ? (
        <p className="history-more">
          <button type="button" className="secondary outline" disabled={orders.isFetchingNextPage} onClick={() => void orders.fetchNextPage()}>
            {t('history.loadMore')}
          </button>
        </p>
      ) : null}
    </>
  );
}
