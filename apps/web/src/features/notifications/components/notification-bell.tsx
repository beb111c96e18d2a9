import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useUnreadCount } from '../api/unread-count';

/** The header's link to the notification centre, with the unread count. */
export function NotificationBell() {
  const { t } = useTranslation();
  const unread = useUnreadCount();
  const count = unread.data?.count ?? 0;
  // A new page may follow something that sent a notice (a payment, an order): ask again then.
  const { pathname } = useLocation();
  const { refetch } = unread;
  const shown = useRef(pathname);
  useEffect(() => {
    if (shown.current === pathname) return;
    shown.current = pathname;
    void refetch();
  }, [pathname, refetch]);
  return (
    <Link to="/notifications" className="notification-bell" aria-label={count ? t('notifications.bellUnread', { count }) : t('notifications.bell')}>
      <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="22" height="22">
        <path d="M12 3a6 6 0 0 0-6 6v4l-2 3h16l-2-3V9a6 6 0 0 0-6-6zm-2 15a2 2 0 0 0 4 0" fill="none" stroke="currentColor" strokeWidth="2" />
      </svg>
      {count ? <span className="notification-bell__count" aria-hidden="true">{count > 99 ? '99+' : count}</span> : null}
    </Link>
  );
}
