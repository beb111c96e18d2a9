import type { ApiKeyView, CreatedApiKey, WebhookEndpointView } from '@cabinet/shared-types';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { formatDateTime } from '@/shared/lib/format-date';
import { FormAlert } from '@/shared/ui/form-alert';
import { ModalDialog } from '@/shared/ui/modal-dialog';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { usePartnerKeys, useRevokeApiKey, useRotateApiKey } from '../api/api-keys';
import { usePartner, useUpdatePartner } from '../api/partners';
import { usePartnerWebhooks, useRotateWebhookSecret, useUpdateWebhook } from '../api/webhooks';
import { AdminOnly } from '../components/admin-only';
import { ApiKeyForm } from '../components/api-key-form';
import { KeyState } from '../components/key-state';
import { SecretReveal } from '../components/secret-reveal';
import { WebhookForm } from '../components/webhook-form';

/** /backoffice/integrations/partners/:partnerId — a partner, its API keys and its webhook endpoints. */
export function PartnerPage() {
  const { t } = useTranslation();
  const { partnerId = '' } = useParams();
  const partner = usePartner(partnerId);
  return (
    <>
      <PageHeading title={partner.data?.name ?? t('integrations.partner')}>{partner.data?.name ?? t('integrations.partner')}</PageHeading>
      <p>
        <Link to="/backoffice/integrations">{t('integrations.backToPartners')}</Link>
      </p>
      <AdminOnly>
        {partner.isPending ? <PageLoader /> : null}
        {partner.isError ? <QueryError error={partner.error} notFound onRetry={() => void partner.refetch()} /> : null}
        {partner.data ? <PartnerDetails partnerId={partnerId} /> : null}
      </AdminOnly>
    </>
  );
}

type Secret = { label: string; value: string };

function PartnerDetails({ partnerId }: { partnerId: string }) {
  const { t } = useTranslation();
  const describeError = useErrorMessage();
  const partner = usePartner(partnerId);
  const update = useUpdatePartner();
  const [secret, setSecret] = useState<Secret | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const p = partner.data!;
  const report = {
    ok: (text: string) => {
      setError(null);
      setStatus(text);
    },
    fail: (e: unknown) => {
      setStatus(null);
      setError(describeError(e));
    },
  };

  return (
    <>
      <dl className="details details--compact">
        <dt>{t('integrations.contactEmail')}</dt>
        <dd>{p.contactEmail}</dd>
        <dt>{t('integrations.status')}</dt>
        <dd>{t(`integrations.partnerStatus.${p.status}`)}</dd>
        {p.description ? (
          <>
            <dt>{t('integrations.description')}</dt>
            <dd>{p.description}</dd>
          </>
        ) : null}
      </dl>
      <button
        type="button"
        className="secondary outline"
        disabled={update.isPending}
        onClick={() =>
          update.mutate(
            { id: p.id, status: p.status === 'active' ? 'suspended' : 'active' },
            { onSuccess: (next) => report.ok(t(next.status === 'active' ? 'integrations.partnerActivated' : 'integrations.partnerSuspended')), onError: report.fail },
          )
        }
      >
        {p.status === 'active' ? t('integrations.suspend') : t('integrations.activate')}
      </button>
      <FormAlert tone="success">{status}</FormAlert>
      <FormAlert>{error}</FormAlert>
      {secret ? <SecretReveal label={secret.label} value={secret.value} onDone={() => setSecret(null)} /> : null}
      <Keys partnerId={partnerId} onSecret={setSecret} report={report} />
      <Webhooks partnerId={partnerId} onSecret={setSecret} report={report} />
    </>
  );
}

interface SectionProps {
  partnerId: string;
  onSecret: (s: Secret) => void;
  report: { ok: (text: string) => void; fail: (e: unknown) => void };
}

function Keys({ partnerId, onSecret, report }: SectionProps) {
  const { t, i18n } = useTranslation();
  const keys = usePartnerKeys(partnerId);
  const rotate = useRotateApiKey();
  const revoke = useRevokeApiKey();
  const overlapId = useId();
  const [rotating, setRotating] = useState<ApiKeyView | null>(null);
  const [overlap, setOverlap] = useState('24');
  const [revoking, setRevoking] = useState<ApiKeyView | null>(null);
  const shown = (k: CreatedApiKey) => onSecret({ label: t('integrations.newKey', { name: k.name }), value: k.key });

  return (
    <section aria-labelledby="keys-title" className="bo-section">
      <h2 id="keys-title" className="section-title">
        {t('integrations.keys')}
      </h2>
      {keys.isPending ? <PageLoader /> : null}
      {keys.isError ? <QueryError error={keys.error} onRetry={() => void keys.refetch()} /> : null}
      {keys.data && keys.data.items.length === 0 ? <p className="muted">{t('integrations.noKeys')}</p> : null}
      {keys.data?.items.length ? (
        <ul className="bo-list" aria-label={t('integrations.keys')}>
          {keys.data.items.map((k) => (
            <li key={k.id}>
              <article className="bo-card" aria-labelledby={`key-${k.id}`}>
                <h3 id={`key-${k.id}`}>
                  <Link to={`/backoffice/integrations/keys/${k.id}`}>{k.name}</Link> <KeyState state={k.state} />
                </h3>
                <p>
                  <code>cab_{k.prefix}_…</code> · {k.scopes.join(', ')}
                </p>
                <p className="muted">
                  {k.expiresAt ? t('integrations.expires', { date: formatDateTime(k.expiresAt, i18n.language) }) : t('integrations.noExpiry')} ·{' '}
                  {k.lastUsedAt ? t('integrations.lastUsed', { date: formatDateTime(k.lastUsedAt, i18n.language) }) : t('integrations.neverUsed')}
                  {k.ipAllowlist.length ? ` · ${t('integrations.onlyFrom', { list: k.ipAllowlist.join(', ') })}` : ''}
                </p>
                {k.state === 'active' || (k.state === 'expiring' && !k.replacedById) ? (
                  <div className="button-row">
                    <button type="button" className="secondary outline" aria-describedby={`key-${k.id}`} onClick={() => setRotating(k)}>
                      {t('integrations.rotate')}
                    </button>
                    <button type="button" className="secondary outline" aria-describedby={`key-${k.id}`} onClick={() => setRevoking(k)}>
                      {t('integrations.revoke')}
                    </button>
                  </div>
                ) : k.state === 'expiring' ? (
                  <div className="button-row">
                    <button type="button" className="secondary outline" aria-describedby={`key-${k.id}`} onClick={() => setRevoking(k)}>
                      {t('integrations.revoke')}
                    </button>
                  </div>
                ) : null}
              </article>
            </li>
          ))}
        </ul>
      ) : null}
      <details className="bo-details">
        <summary>{t('integrations.issueKey')}</summary>
        <ApiKeyForm partnerId={partnerId} onCreated={shown} />
      </details>
      <ModalDialog
        open={rotating !== null}
        title={t('integrations.rotateTitle')}
        onCancel={() => setRotating(null)}
        actions={
          <>
            <button type="button" className="secondary outline" onClick={() => setRotating(null)}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              onClick={() => {
                const k = rotating!;
                setRotating(null);
                rotate.mutate({ id: k.id, overlapHours: Number(overlap) }, {
                    onSuccess: (r) => {
                      shown(r.created);
                      report.ok(t('integrations.rotated', { name: k.name }));
                    },
                    onError: report.fail,
                  });
              }}
            >
              {t('integrations.rotate')}
            </button>
          </>
        }
      >
        <p>{t('integrations.rotateText')}</p>
        <label htmlFor={overlapId}>{t('integrations.overlap')}</label>
        <select id={overlapId} value={overlap} onChange={(e) => setOverlap(e.target.value)}>
          {['0', '1', '24', '72', '168'].map((h) => (
            <option key={h} value={h}>
              {t('integrations.hours', { count: Number(h) })}
            </option>
          ))}
        </select>
      </ModalDialog>
      <ModalDialog
        open={revoking !== null}
        role="alertdialog"
        title={t('integrations.revokeTitle')}
        onCancel={() => setRevoking(null)}
        actions={
          <>
            <button type="button" className="secondary outline" onClick={() => setRevoking(null)}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="contrast"
              onClick={() => {
                const k = revoking!;
                setRevoking(null);
                revoke.mutate(k.id, { onSuccess: () => report.ok(t('integrations.revoked', { name: k.name })), onError: report.fail });
              }}
            >
              {t('integrations.revoke')}
            </button>
          </>
        }
      >
        <p>{revoking ? t('integrations.revokeText', { name: revoking.name }) : null}</p>
      </ModalDialog>
    </section>
  );
}

function Webhooks({ partnerId, onSecret, report }: SectionProps) {
  const { t, i18n } = useTranslation();
  const hooks = usePartnerWebhooks(partnerId);
  const update = useUpdateWebhook();
  const rotate = useRotateWebhookSecret();
  const toggle = (e: WebhookEndpointView) =>
    update.mutate({ id: e.id, status: e.status === 'active' ? 'disabled' : 'active' }, { onSuccess: (n) => report.ok(t(n.status === 'active' ? 'integrations.webhookOn' : 'integrations.webhookOff')), onError: report.fail });

  return (
    <section aria-labelledby="hooks-title" className="bo-section">
      <h2 id="hooks-title" className="section-title">
        {t('integrations.webhooks')}
      </h2>
      {hooks.isPending ? <PageLoader /> : null}
      {hooks.isError ? <QueryError error={hooks.error} onRetry={() => void hooks.refetch()} /> : null}
      {hooks.data && hooks.data.items.length === 0 ? <p className="muted">{t('integrations.noWebhooks')}</p> : null}
      {hooks.data?.items.length ? (
        <ul className="bo-list" aria-label={t('integrations.webhooks')}>
          {hooks.data.items.map((e) => (
            <li key={e.id}>
              <article className="bo-card" aria-labelledby={`hook-${e.id}`}>
                <h3 id={`hook-${e.id}`} className="bo-card__url">
                  <Link to={`/backoffice/integrations/webhooks/${e.id}`}>{e.url}</Link>{' '}
                  <span className={e.status === 'active' ? 'badge badge--accent' : 'badge badge--warn'}>
                    {e.status === 'active' ? t('integrations.on') : e.disabledReason === 'failing' ? t('integrations.offFailing') : t('integrations.off')}
                  </span>
                </h3>
                <p>{e.events.join(', ')}</p>
                {e.failingSince ? <p className="muted">{t('integrations.failingSince', { date: formatDateTime(e.failingSince, i18n.language) })}</p> : null}
                <div className="button-row">
                  <button type="button" className="secondary outline" aria-describedby={`hook-${e.id}`} disabled={update.isPending} onClick={() => toggle(e)}>
                    {e.status === 'active' ? t('integrations.turnOff') : t('integrations.turnOn')}
                  </button>
                  <button
                    type="button"
                    className="secondary outline"
                    aria-describedby={`hook-${e.id}`}
                    disabled={rotate.isPending}
                    onClick={() => rotate.mutate(e.id, { onSuccess: (r) => onSecret({ label: t('integrations.newSecret', { url: r.url }), value: r.secret }), onError: report.fail })}
                  >
                    {t('integrations.rotateSecret')}
                  </button>
                </div>
              </article>
            </li>
          ))}
        </ul>
      ) : null}
      <details className="bo-details">
        <summary>{t('integrations.addWebhook')}</summary>
        <WebhookForm partnerId={partnerId} onCreated={(e) => onSecret({ label: t('integrations.newSecret', { url: e.url }), value: e.secret })} />
      </details>
    </section>
  );
}
