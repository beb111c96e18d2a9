import { RequestStatuses, type ApplicationKind, type RequestStatus } from '@cabinet/shared-types';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '@/shared/lib/format-date';
import { formatPhone } from '@/shared/lib/format-phone';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { StatusBadge } from '@/shared/ui/status-badge';
import { useApplicationsQueue } from '../api/queues';
import { QueueFilters, useQueueParams } from '../components/queue-filters';

/** A queue of public applications of one kind: open ones first by default, newest first. */
export function ApplicationsQueuePage({ kind }: { kind: ApplicationKind }) {
  const { t, i18n } = useTranslation();
  const params = useQueueParams();
  const status = params.status === 'all' ? undefined : (params.status as RequestStatus | 'open');
  const queue = useApplicationsQueue({ kind, status, q: params.q || undefined });
  const items = queue.data?.pages.flatMap((p) => p.items) ?? [];
  const title = t(`backoffice.queueNames.${kind}`);
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <QueueFilters statuses={RequestStatuses} params={params} searchHint={t('backoffice.applicationSearchHint')} />
      {queue.isPending ? <PageLoader /> : null}
      {queue.isError && !queue.data ? <QueryError error={queue.error} onRetry={() => void queue.refetch()} /> : null}
      {queue.data && !items.length ? <p className="muted">{t('backoffice.queueEmpty')}</p> : null}
      {items.length ? (
        <ul className="tx-list" aria-label={title}>
          {items.map((a) => (
            <li key={a.id} className="tx">
              <div className="tx__main">
                <Link to={`/backoffice/applications/${a.id}`} className="tx__description">
                  {a.number} · {a.companyName ?? (a.name || formatPhone(a.phone))}
                </Link>
                <span className="tx__meta">
                  {formatPhone(a.phone)} · <time dateTime={a.createdAt}>{formatDateTime(a.createdAt, i18n.language)}</time>
                  {a.tariff ? ` · ${a.tariff.name}` : ''}
                  {a.topic ? ` · ${t(`connect.topics.${a.topic}`)}` : ''}
                </span>
              </div>
              <div className="tx__amounts">
                <StatusBadge status={a.status} />
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
