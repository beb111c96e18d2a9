import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '@/shared/lib/format-date';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { useMarkRead, useNotifications } from '../api/notifications';
import { useUnreadCount } from '../api/unread-count';

/** /notifications — everything the system told me, newest first; unread ones marked. */
export function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const list = useNotifications();
  const unread = useUnreadCount();
  const mark = useMarkRead();
  const items = list.data?.items ?? [];
  const count = unread.data?.count ?? 0;
  return (
    <>
      <PageHeading title={t('notifications.title')}>{t('notifications.title')}</PageHeading>
      <p className="button-row">
        <span role="status">{count ? t('notifications.unread', { count }) : t('notifications.allRead')}</span>
        {count ? (
          <button type="button" className="secondary outline" disabled={mark.isPending} onClick={() => mark.mutate('all')}>
            {t('notifications.markAll')}
          </button>
        ) : null}
        <Link to="/profile/notifications">{t('notifications.preferencesLink')}</Link>
      </p>
      {list.isPending ? <PageLoader /> : null}
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && !items.length ? <p className="muted">{t('notifications.none')}</p> : null}
      {items.length ? (
        <ul className="tx-list" aria-label={t('notifications.listLabel')}>
          {items.map((n) => (
            <li key={n.id} className={n.readAt ? 'tx' : 'tx tx--unread'} aria-labelledby={`n-${n.id}`}>
              <div className="tx__main">
                <span id={`n-${n.id}`} className="tx__description">
                  {n.readAt ? null : <span className="badge badge--accent">{t('notifications.new')}</span>} {n.title}
                </span>
                <span>{n.body}</span>
                <span className="tx__meta">
                  <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, i18n.language)}</time>
                  {n.link ? <> · <Link to={n.link}>{t('notifications.open')}</Link></> : null}
                </span>
              </div>
              {n.readAt ? null : (
                <div className="tx__amounts">
                  <button type="button" className="secondary outline" onClick={() => mark.mutate(n.id)} aria-label={t('notifications.markOne', { title: n.title })}>
                    {t('notifications.markRead')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
