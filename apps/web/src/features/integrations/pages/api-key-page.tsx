import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '@/shared/lib/format-date';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { useApiKey, useApiKeyCalls, useApiKeyUsage } from '../api/api-keys';
import { AdminOnly } from '../components/admin-only';
import { KeyState } from '../components/key-state';
import { TableScroll } from '@/shared/ui/table-scroll';

/** /backoffice/integrations/keys/:keyId — a key: its settings, usage per day and route, and its call log. */
export function ApiKeyPage() {
  const { t } = useTranslation();
  const { keyId = '' } = useParams();
  const key = useApiKey(keyId);
  return (
    <>
      <PageHeading title={key.data?.name ?? t('integrations.key')}>{key.data ? `${t('integrations.key')} «${key.data.name}»` : t('integrations.key')}</PageHeading>
      <AdminOnly>
        {key.isPending ? <PageLoader /> : null}
        {key.isError ? <QueryError error={key.error} notFound onRetry={() => void key.refetch()} /> : null}
        {key.data ? <KeyDetails keyId={keyId} /> : null}
      </AdminOnly>
    </>
  );
}

function KeyDetails({ keyId }: { keyId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const k = useApiKey(keyId).data!;
  const usage = useApiKeyUsage(keyId);
  const calls = useApiKeyCalls(keyId);
  const items = calls.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      {k.partnerId ? (
        <p>
          <Link to={`/backoffice/integrations/partners/${k.partnerId}`}>{t('integrations.backToPartner')}</Link>
        </p>
      ) : null}
      <dl className="details details--compact">
        <dt>{t('integrations.state')}</dt>
        <dd>
          <KeyState state={k.state} />
        </dd>
        <dt>{t('integrations.prefix')}</dt>
        <dd>
          <code>cab_{k.prefix}_…</code>
        </dd>
        <dt>{t('integrations.scopes')}</dt>
        <dd>{k.scopes.join(', ')}</dd>
        <dt>{t('integrations.ipAllowlist')}</dt>
        <dd>{k.ipAllowlist.length ? k.ipAllowlist.join(', ') : t('integrations.anywhere')}</dd>
        <dt>{t('integrations.rateLimit')}</dt>
        <dd>{t('integrations.perMinute', { count: k.rateLimitPerMinute })}</dd>
        <dt>{t('integrations.expiresAt')}</dt>
        <dd>{k.expiresAt ? formatDateTime(k.expiresAt, lang) : t('integrations.noExpiry')}</dd>
        {k.replacedById ? (
          <>
            <dt>{t('integrations.replacedBy')}</dt>
            <dd>
              <Link to={`/backoffice/integrations/keys/${k.replacedById}`}>{t('integrations.successor')}</Link>
            </dd>
          </>
        ) : null}
      </dl>

      <section aria-labelledby="usage-title" className="bo-section">
        <h2 id="usage-title" className="section-title">
          {t('integrations.usage')}
        </h2>
        {usage.isPending ? <PageLoader /> : null}
        {usage.isError ? <QueryError error={usage.error} onRetry={() => void usage.refetch()} /> : null}
        {usage.data ? (
          <>
            <p>{t('integrations.usageTotal', { calls: usage.data.totalCalls, errors: usage.data.totalErrors, from: usage.data.from, to: usage.data.to })}</p>
            {usage.data.rows.length ? (
              <TableScroll>
                <table className="bo-table">
                  <caption className="visually-hidden">{t('integrations.usage')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('integrations.day')}</th>
                      <th scope="col">{t('integrations.route')}</th>
                      <th scope="col">{t('integrations.calls')}</th>
                      <th scope="col">{t('integrations.errorsCol')}</th>
                      <th scope="col">{t('integrations.avgLatency')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {usage.data.rows.map((r) => (
                      <tr key={`${r.day} ${r.route}`}>
                        <td>{r.day}</td>
                        <td>
                          <code>{r.route}</code>
                        </td>
                        <td>{r.calls}</td>
                        <td>{r.errors}</td>
                        <td>{t('integrations.ms', { count: r.avgLatencyMs })}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            ) : null}
          </>
        ) : null}
      </section>

      <section aria-labelledby="calls-title" className="bo-section">
        <h2 id="calls-title" className="section-title">
          {t('integrations.callLog')}
        </h2>
        {calls.isPending ? <PageLoader /> : null}
        {calls.isError ? <QueryError error={calls.error} onRetry={() => void calls.refetch()} /> : null}
        {calls.data && items.length === 0 ? <p className="muted">{t('integrations.noCalls')}</p> : null}
        {items.length ? (
          <TableScroll>
            <table className="bo-table">
              <caption className="visually-hidden">{t('integrations.callLog')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('integrations.time')}</th>
                  <th scope="col">{t('integrations.route')}</th>
                  <th scope="col">{t('integrations.statusCode')}</th>
                  <th scope="col">{t('integrations.latency')}</th>
                  <th scope="col">{t('integrations.ip')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c, i) => (
                  <tr key={`${c.at}-${i}`}>
                    <td>{formatDateTime(c.at, lang)}</td>
                    <td>
                      <code>
                        {c.method} {c.route}
                      </code>
                    </td>
                    <td>
                      <span className={c.status >= 400 ? 'badge badge--warn' : 'badge'}>{c.status}</span>
                    </td>
                    <td>{t('integrations.ms', { count: c.latencyMs })}</td>
                    <td>{c.ip ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : null}
        {calls.hasNextPage ? (
          <button type="button" className="secondary outline" disabled={calls.isFetchingNextPage} aria-busy={calls.isFetchingNextPage || undefined} onClick={() => void calls.fetchNextPage()}>
            {t('integrations.more')}
          </button>
        ) : null}
      </section>
    </>
  );
}
