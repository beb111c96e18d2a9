import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useMe } from '@/shared/api/me';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { TextField } from '@/shared/ui/text-field';
import { useSummary } from '../api/queues';

const queuePath: Record<string, string> = {
  mobile: '/backoffice/connections',
  internet: '/backoffice/internet',
  callback: '/backoffice/callbacks',
  sim: '/backoffice/orders?kind=sim',
  number: '/backoffice/orders?kind=number',
};

/** /backoffice — where staff land: what waits in each queue, and a customer search. */
export function ConsoleHomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const summary = useSummary();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    if (q.trim().length >= 2) navigate(`/backoffice/customers?q=${encodeURIComponent(q.trim())}`);
  };
  return (
    <>
      <PageHeading title={t('backoffice.homeTitle')}>{t('backoffice.hello', { name: me.data?.name ?? '' })}</PageHeading>
      <form onSubmit={onSearch} className="console-search" aria-label={t('backoffice.customerSearch')} role="search">
        <TextField label={t('backoffice.customerSearch')} hint={t('backoffice.customerSearchHint')} value={q} onChange={(e) => setQ(e.target.value)} type="search" />
        <button type="submit">{t('backoffice.find')}</button>
      </form>
      {summary.isPending ? <PageLoader /> : null}
      {summary.isError ? <QueryError error={summary.error} onRetry={() => void summary.refetch()} /> : null}
      {summary.data ? (
        <ul className="card-grid" aria-label={t('backoffice.queues')}>
          {summary.data.queues.map((queue) => (
            <li key={queue.key}>
              <article className="queue-card" aria-labelledby={`queue-${queue.key}`}>
                <h2 id={`queue-${queue.key}`}>
                  <Link to={queuePath[queue.key] ?? '/backoffice'}>{t(`backoffice.queueNames.${queue.key}`)}</Link>
                </h2>
                <p className="queue-card__count">
                  <strong>{queue.open}</strong> {t('backoffice.openCount', { count: queue.open })}
                </p>
                <p className="muted">{t('backoffice.newCount', { count: queue.new })}</p>
              </article>
            </li>
          ))}
          <li>
            <article className="queue-card" aria-labelledby="queue-numbers">
              <h2 id="queue-numbers">
                <Link to="/backoffice/numbers">{t('backoffice.nav.numbers')}</Link>
              </h2>
              <p className="queue-card__count">
                <strong>{summary.data.numbersAvailable}</strong> {t('backoffice.numbersAvailable', { count: summary.data.numbersAvailable })}
              </p>
            </article>
          </li>
        </ul>
      ) : null}
    </>
  );
}
