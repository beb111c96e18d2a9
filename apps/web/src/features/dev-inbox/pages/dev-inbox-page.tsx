import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isApiError } from '@/shared/api/api-error';
import { normalizePhone } from '@/shared/lib/format-phone';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { TextField } from '@/shared/ui/text-field';
import { outboxRefreshSeconds, useOutbox } from '../api/get-outbox';
import { MessageCard } from '../components/message-card';

/** /dev/inbox — read the SMS codes and e-mails the system "sent" (development and QA only). */
export function DevInboxPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const to = params.get('to') ?? '';
  const [filter, setFilter] = useState(to);
  const outbox = useOutbox(to || undefined);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = filter.trim();
    const normalized = value.includes('@') ? value : (normalizePhone(value) ?? value);
    setParams(normalized ? { to: normalized } : {}, { replace: true });
  };

  const onReset = () => {
    setFilter('');
    setParams({}, { replace: true });
  };

  const unavailable = isApiError(outbox.error) && outbox.error.status === 404;

  return (
    <section className="inbox">
      <PageHeading title={t('inbox.title')}>{t('inbox.title')}</PageHeading>
      <p className="muted">{t('inbox.intro')}</p>
      <form className="inbox__filter" aria-label={t('inbox.filterForm')} onSubmit={onSubmit}>
        <TextField
          label={t('inbox.filter')}
          hint={t('inbox.filterHint')}
          name="to"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          autoComplete="off"
        />
        <div className="button-row">
          <button type="submit">{t('inbox.apply')}</button>
          {to ? (
            <button type="button" className="secondary outline" onClick={onReset}>
              {t('inbox.reset')}
            </button>
          ) : null}
        </div>
      </form>
      <p className="muted inbox__refresh">
        <span className="pulse" aria-hidden="true" /> {t('inbox.autoRefresh', { seconds: outboxRefreshSeconds })}
      </p>
      {outbox.isPending ? <PageLoader /> : null}
      {unavailable ? <p role="alert">{t('inbox.unavailable')}</p> : null}
      {outbox.isError && !unavailable ? (
        <QueryError error={outbox.error} onRetry={() => void outbox.refetch()} />
      ) : null}
      {outbox.data ? (
        outbox.data.items.length === 0 ? (
          <p>{t('inbox.empty')}</p>
        ) : (
          <ol className="message-list" aria-label={t('inbox.title')}>
            {outbox.data.items.map((message) => (
              <li key={message.id}>
                <MessageCard message={message} />
              </li>
            ))}
          </ol>
        )
      ) : null}
    </section>
  );
}
