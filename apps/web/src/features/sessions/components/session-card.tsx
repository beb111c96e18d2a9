import type { SessionView } from '@cabinet/shared-types';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatRelative } from '@/shared/lib/format-date';
import { deviceName } from './device-name';

interface SessionCardProps {
  session: SessionView;
  ending: boolean;
  onEnd: () => void;
}

export function SessionCard({ session, ending, onEnd }: SessionCardProps) {
  const { t, i18n } = useTranslation();
  const name = deviceName(session.userAgent) ?? t('sessions.unknownDevice');
  const headingId = `session-${session.id}`;
  return (
    <article className={session.current ? 'session session--current' : 'session'} aria-labelledby={headingId}>
      <header className="session__header">
        <h2 id={headingId} className="session__name">
          {name}
        </h2>
        {session.current ? <span className="badge badge--accent">{t('sessions.thisDevice')}</span> : null}
      </header>
      <dl className="details details--compact">
        <dt>{t('sessions.ip')}</dt>
        <dd>{session.ip ?? '—'}</dd>
        <dt>{t('sessions.signedIn')}</dt>
        <dd>
          <time dateTime={session.createdAt}>{formatDateTime(session.createdAt, i18n.language)}</time>
        </dd>
        <dt>{t('sessions.lastSeen')}</dt>
        <dd>
          <time dateTime={session.lastSeenAt} title={formatDateTime(session.lastSeenAt, i18n.language)}>
            {formatRelative(session.lastSeenAt, i18n.language)}
          </time>
        </dd>
      </dl>
      {session.userAgent ? <p className="session__agent muted">{session.userAgent}</p> : null}
      <button
        type="button"
        className="secondary outline"
        aria-busy={ending || undefined}
        disabled={ending}
        onClick={onEnd}
        aria-describedby={headingId}
      >
        {session.current ? t('sessions.endThis') : t('sessions.end')}
      </button>
    </article>
  );
}
