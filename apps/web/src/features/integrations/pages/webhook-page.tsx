import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { formatDateTime } from '@/shared/lib/format-date';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { useDeliveries, useRedeliver, useWebhook } from '../api/webhooks';
import { AdminOnly } from '../components/admin-only';

/** /backoffice/integrations/webhooks/:endpointId — an endpoint's delivery log: each event, its attempts, redelivery. */
export function WebhookPage() {
  const { t } = useTranslation();
  const { endpointId = '' } = useParams();
  const hook = useWebhook(endpointId);
  return (
    <>
      <PageHeading title={t('integrations.deliveries')}>{t('integrations.deliveries')}</PageHeading>
      <AdminOnly>
        {hook.isPending ? <PageLoader /> : null}
        {hook.isError ? <QueryError error={hook.error} notFound onRetry={() => void hook.refetch()} /> : null}
        {hook.data ? <Deliveries endpointId={endpointId} /> : null}
      </AdminOnly>
    </>
  );
}

function Deliveries({ endpointId }: { endpointId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const describeError = useErrorMessage();
  const e = useWebhook(endpointId).data!;
  const deliveries = useDeliveries(endpointId);
  const redeliver = useRedeliver();
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const items = deliveries.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <p>
        <Link to={`/backoffice/integrations/partners/${e.partnerId}`}>{t('integrations.backToPartner')}</Link>
      </p>
      <dl className="details details--compact">
        <dt>{t('integrations.webhookUrl')}</dt>
        <dd className="bo-card__url">{e.url}</dd>
        <dt>{t('integrations.events')}</dt>
        <dd>{e.events.join(', ')}</dd>
        <dt>{t('integrations.status')}</dt>
        <dd>{e.status === 'active' ? t('integrations.on') : e.disabledReason === 'failing' ? t('integrations.offFailing') : t('integrations.off')}</dd>
      </dl>
      <FormAlert tone="success">{status}</FormAlert>
      <FormAlert>{error}</FormAlert>
      {deliveries.isPending ? <PageLoader /> : null}
      {deliveries.isError ? <QueryError error={deliveries.error} onRetry={() => void deliveries.refetch()} /> : null}
      {deliveries.data && items.length === 0 ? <p className="muted">{t('integrations.noDeliveries')}</p> : null}
      {items.length ? (
        <ul className="bo-list" aria-label={t('integrations.deliveries')}>
          {items.map((d) => (
            <li key={d.id}>
              <article className="bo-card" aria-labelledby={`d-${d.id}`}>
                <h3 id={`d-${d.id}`}>
                  <code>{d.eventType}</code>{' '}
                  <span className={d.status === 'succeeded' ? 'badge badge--accent' : d.status === 'failed' ? 'badge badge--warn' : 'badge'}>{t(`integrations.deliveryStatus.${d.status}`)}</span>
                </h3>
                <p className="muted">
                  {formatDateTime(d.createdAt, lang)} · <code>{d.eventId}</code> · {t('integrations.attempts', { count: d.attempts })}
                  {d.nextAttemptAt ? ` · ${t('integrations.nextAttempt', { date: formatDateTime(d.nextAttemptAt, lang) })}` : ''}
                </p>
                {d.attemptLog.length ? (
                  <ul className="bo-attempts" aria-label={t('integrations.attemptLog')}>
                    {d.attemptLog.map((a) => (
                      <li key={a.at}>
                        {formatDateTime(a.at, lang)} — {a.statusCode ?? a.error ?? '—'} ({t('integrations.ms', { count: a.durationMs })}){a.manual ? ` · ${t('integrations.manual')}` : ''}
                      </li>
                    ))}
                  </ul>
                ) : null}
                <button
                  type="button"
                  className="secondary outline"
                  aria-describedby={`d-${d.id}`}
                  disabled={redeliver.isPending}
                  aria-busy={(redeliver.isPending && redeliver.variables?.deliveryId === d.id) || undefined}
                  onClick={() => {
                    setStatus(null);
                    setError(null);
                    redeliver.mutate(
                      { endpointId, deliveryId: d.id },
                      {
                        onSuccess: (r) => setStatus(t(r.status === 'succeeded' ? 'integrations.redelivered' : 'integrations.redeliverFailed', { code: r.lastStatusCode ?? '—' })),
                        onError: (failure) => setError(describeError(failure)),
                      },
                    );
                  }}
                >
                  {t('integrations.redeliver')}
                </button>
              </article>
            </li>
          ))}
        </ul>
      ) : null}
      {deliveries.hasNextPage ? (
        <button type="button" className="secondary outline" disabled={deliveries.isFetchingNextPage} onClick={() => void deliveries.fetchNextPage()}>
          {t('integrations.more')}
        </button>
      ) : null}
    </>
  );
}
