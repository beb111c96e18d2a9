import type { OrderStatus } from '@cabinet/shared-types';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../lib/format-date';
import { StatusBadge } from './status-badge';

export interface TimelineEvent {
  status: OrderStatus;
  at: string;
  reason: string | null;
  actor?: { id: string; name: string } | null;
}

/** Every status an application or order went through, oldest first, with its time and reason. */
export function StatusTimeline({ history, label }: { history: TimelineEvent[]; label: string }) {
  const { t, i18n } = useTranslation();
  return (
    <ol className="timeline" aria-label={label}>
      {history.map((event, index) => (
        <li key={`${event.at}-${index}`} className="timeline__item">
          <StatusBadge status={event.status} />{' '}
          <time dateTime={event.at}>{formatDateTime(event.at, i18n.language)}</time>
          {event.actor ? <span className="muted"> · {event.actor.name}</span> : null}
          {event.reason ? <p className="timeline__reason">{event.reason}</p> : null}
          {index === history.length - 1 ? <span className="visually-hidden"> {t('requestStatus.current')}</span> : null}
        </li>
      ))}
    </ol>
  );
}
