import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '@/shared/lib/format-date';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { TextField } from '@/shared/ui/text-field';
import { useAudit } from '../api/admin';

/** /backoffice/audit (admin) — who did what, before and after, when. Read only. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [action, setAction] = useState('');
  const [applied, setApplied] = useState<{ action?: string }>({});
  const audit = useAudit(applied);
  const items = audit.data?.pages.flatMap((p) => p.items) ?? [];
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setApplied(action.trim() ? { action: action.trim() } : {});
  };
  return (
    <>
      <PageHeading title={t('backoffice.nav.audit')}>{t('backoffice.nav.audit')}</PageHeading>
      <p className="muted">{t('backoffice.auditIntro')}</p>
      <form onSubmit={onSubmit} className="console-search" aria-label={t('backoffice.filters')}>
        <TextField label={t('backoffice.action')} hint={t('backoffice.actionHint')} value={action} onChange={(e) => setAction(e.target.value)} />
        <button type="submit">{t('backoffice.find')}</button>
      </form>
      {audit.isPending ? <PageLoader /> : null}
      {audit.isError && !audit.data ? <QueryError error={audit.error} onRetry={() => void audit.refetch()} /> : null}
      <ul className="tx-list" aria-label={t('backoffice.nav.audit')}>
        {items.map((e) => (
          <li key={e.id} className="tx audit-entry">
            <div className="tx__main">
              <span className="tx__description">
                <code>{e.action}</code> {e.actor ? `· ${e.actor.name} (${t(`roles.${e.actor.role}`)})` : ''}
              </span>
              <span className="tx__meta">
                <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time>
                {e.ip ? ` · ${e.ip}` : ''}
                {e.customerId ? (
                  <>
                    {' · '}
                    <Link to={`/backoffice/customers/${e.customerId}`}>{t('backoffice.openCard')}</Link>
                  </>
                ) : null}
              </span>
              {Object.keys(e.details).length ? (
                <details>
                  <summary>{t('backoffice.details')}</summary>
                  <pre className="audit-entry__details">{JSON.stringify(e.details, null, 2)}</pre>
                </details>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      {audit.hasNextPage ? (
        <p className="history-more">
          <button type="button" className="secondary outline" disabled={audit.isFetchingNextPage} onClick={() => void audit.fetchNextPage()}>
            {t('history.loadMore')}
          </button>
        </p>
      ) : null}
    </>
  );
}
