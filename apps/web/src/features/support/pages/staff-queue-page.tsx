import { SupportTopics, type SupportQueueQuery, type SupportTopic } from '@cabinet/shared-types';
import { useState } from 'react';
import { Link } from 'react-router';
import { useMe } from '@/shared/api/me';
import { formatPhone } from '@/shared/lib/format-phone';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { SelectField } from '@/shared/ui/select-field';
import { useOperators, useQueue, useSetOperatorTopics } from '../api/chats';
import { useSupportError, useSupportT } from '../i18n/use-support-t';
import '../support.css';

type Status = NonNullable<SupportQueueQuery['status']>;
const STATUSES: Status[] = ['open', 'waiting', 'active', 'mine', 'closed'];

/** /backoffice/support — chats of my topics by age (admins: all), read again every few seconds. */
export function StaffQueuePage() {
  const { t } = useSupportT();
  const me = useMe();
  const [topic, setTopic] = useState<SupportTopic | ''>('');
  const [status, setStatus] = useState<Status>('open');
  const queue = useQueue({ status, ...(topic ? { topic } : {}) });
  const items = queue.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="support-page">
      <PageHeading title={t('staff.queueTitle')}>{t('staff.queueTitle')}</PageHeading>
      <div className="support-topics">
        <SelectField label={t('staff.filterTopic')} value={topic} onChange={(e) => setTopic(e.target.value as SupportTopic | '')}>
          <option value="">{t('staff.allTopics')}</option>
          {SupportTopics.map((k) => (
            <option key={k} value={k}>
              {t(`topics.${k}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('staff.filterStatus')} value={status} onChange={(e) => setStatus(e.target.value as Status)}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`staff.statuses.${s}`)}
            </option>
          ))}
        </SelectField>
      </div>
      {queue.isPending ? <PageLoader /> : null}
      {queue.isError && !queue.data ? <QueryError error={queue.error} onRetry={() => void queue.refetch()} /> : null}
      {queue.data && !items.length ? <p className="muted">{t('staff.empty')}</p> : null}
      {items.length ? (
        <ul className="tx-list" aria-label={t('staff.queue')}>
          {items.map((c) => (
            <li key={c.id} className="tx">
              <div className="tx__main">
                <Link to={`/backoffice/support/${c.id}`} className="tx__description">
                  {c.number} · {c.requesterName || (c.requesterPhone ? formatPhone(c.requesterPhone) : '')}
                </Link>
                <span className="tx__meta">
                  {t(`topics.${c.topic}`)} · {t(`status.${c.status}`)} · {t('staff.waiting', { minutes: Math.floor(c.waitingSeconds / 60) })}
                  {c.customerId ? '' : ` · ${t('staff.visitor')}`}
                </span>
                {c.preview ? <span className="tx__meta">{c.preview}</span> : null}
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {queue.hasNextPage ? (
        <p>
          <button type="button" className="secondary outline" disabled={queue.isFetchingNextPage} onClick={() => void queue.fetchNextPage()}>
            {t('staff.loadMore')}
          </button>
        </p>
      ) : null}
      {me.data?.role === 'admin' ? <QueueRules /> : null}
    </div>
  );
}

/** Admins: which topics each operator sees. */
function QueueRules() {
  const { t } = useSupportT();
  const errorText = useSupportError();
  const operators = useOperators(true);
  const save = useSetOperatorTopics();
  return (
    <section aria-labelledby="queue-rules">
      <h2 id="queue-rules">{t('staff.topicsTitle')}</h2>
      <p className="muted">{t('staff.topicsIntro')}</p>
      {save.isError ? <p role="alert">{errorText(save.error)}</p> : null}
      {operators.data
        ?.filter((o) => o.role === 'operator')
        .map((o) => (
          <fieldset key={o.id}>
            <legend>{t('staff.topicsOf', { name: o.name })}</legend>
            <div className="support-topics">
              {SupportTopics.map((k) => (
                <label key={k}>
                  <input
                    type="checkbox"
                    checked={o.topics.includes(k)}
                    disabled={save.isPending}
                    onChange={(e) => save.mutate({ id: o.id, topics: e.target.checked ? [...o.topics, k] : o.topics.filter((x) => x !== k) })}
                  />{' '}
                  {t(`topics.${k}`)}
                </label>
              ))}
            </div>
          </fieldset>
        ))}
    </section>
  );
}
