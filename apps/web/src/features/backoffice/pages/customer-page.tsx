import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { formatDateTime } from '@/shared/lib/format-date';
import { formatMoney } from '@/shared/lib/format-money';
import { formatPhone } from '@/shared/lib/format-phone';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { useCustomerCard, useRevokeSessions } from '../api/customers';
import { AdjustmentForm } from '../components/adjustment-form';
import { useIsAdmin } from '../components/use-is-admin';

/**
 * /backoffice/customers/:id — the customer card: who, accounts and lines, payments, sessions (staff
 * can end them), the sections other modules add (orders, applications; loans and bonus cards where
 * on), and for an admin the balance adjustment.
 */
export function CustomerPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const describe = useErrorMessage();
  const { customerId = '' } = useParams();
  const card = useCustomerCard(customerId);
  const revoke = useRevokeSessions(customerId);
  const isAdmin = useIsAdmin();
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  if (card.isPending) return <PageLoader />;
  if (card.isError) return <QueryError error={card.error} onRetry={() => void card.refetch()} />;
  const { customer: c, accounts, payments, sessions, sections } = card.data;
  const fullName = [c.surname, c.name, c.patronymic].filter(Boolean).join(' ');
  const end = (sessionId: string | null) =>
    revoke.mutate(sessionId, {
      onSuccess: () => setMessage({ tone: 'success', text: t(sessionId ? 'backoffice.sessionEnded' : 'backoffice.sessionsEnded') }),
      onError: (e) => setMessage({ tone: 'error', text: describe(e) }),
    });
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/backoffice/customers">{t('backoffice.nav.customers')}</Link>
      </p>
      <PageHeading title={fullName}>{fullName}</PageHeading>
      <dl className="details">
        <dt>{t('home.phone')}</dt>
        <dd>{formatPhone(c.phone)}</dd>
        <dt>{t('home.contract')}</dt>
        <dd>{c.contractNumber ?? t('common.notSet')}</dd>
        <dt>{t('home.email')}</dt>
        <dd>{c.email ?? t('common.notSet')}</dd>
        <dt>{t('home.role')}</dt>
        <dd>
          {t(`roles.${c.role}`)}
          {c.status === 'blocked' ? ` · ${t('backoffice.blocked')}` : ''}
          {c.mustChangePassword ? ` · ${t('backoffice.mustChangePassword')}` : ''}
        </dd>
        <dt>{t('backoffice.since')}</dt>
        <dd>{formatDateTime(c.createdAt, lang)}</dd>
      </dl>
      <FormAlert tone={message?.tone ?? 'error'}>{message?.text}</FormAlert>

      <section aria-labelledby="card-accounts">
        <h2 id="card-accounts">{t('backoffice.accounts')}</h2>
        {!accounts.length ? <p className="muted">{t('backoffice.noAccounts')}</p> : null}
        {accounts.map((a) => (
          <article key={a.id} className="card-section" aria-labelledby={`acc-${a.id}`}>
            <h3 id={`acc-${a.id}`}>
              {t('backoffice.accountTitle', { number: a.number })} · {t(`accountKind.${a.kind}`)} {a.status !== 'active' ? <span className="badge badge--warn">{t(`accountStatus.${a.status}`, { defaultValue: a.status })}</span> : null}
            </h3>
            <p>
              {t('backoffice.balance')}: <strong>{formatMoney(a.balance, lang)}</strong>
              {a.creditLimit.amount ? ` · ${t('backoffice.creditLimit', { limit: formatMoney(a.creditLimit, lang) })}` : ''}
            </p>
            {a.lines.length ? (
              <ul>
                {a.lines.map((l) => (
                  <li key={l.id}>
                    {formatPhone(l.msisdn)} · {t(`providers.${l.operator}`, { defaultValue: l.operator })} · {l.tariff.name} · ICCID …{l.iccidLast4}
                    {l.status === 'blocked' ? ` · ${t('backoffice.lineBlocked', { reason: l.blockReason ?? '' })}` : ''}
                  </li>
                ))}
              </ul>
            ) : null}
            {a.contract ? (
              <p>
                {t('backoffice.contract', { number: a.contract.contractNumber })} · {a.contract.address} · {a.contract.tariff.name}
              </p>
            ) : null}
            {isAdmin && a.status !== 'closed' ? <AdjustmentForm customerId={c.id} account={a} /> : null}
          </article>
        ))}
      </section>

      <section aria-labelledby="card-payments">
        <h2 id="card-payments">{t('backoffice.payments')}</h2>
        {payments.length ? (
          <ul className="tx-list">
            {payments.map((p) => (
              <li key={p.id} className="tx">
                <div className="tx__main">
                  <span className="tx__description">{t('payments.topUp', { number: p.accountNumber })}</span>
                  <span className="tx__meta">
                    <time dateTime={p.createdAt}>{formatDateTime(p.createdAt, lang)}</time> · {t(`payment.method.${p.method}`)}
                  </span>
                </div>
                <div className="tx__amounts">
                  <strong>{formatMoney(p.amount, lang)}</strong> <span className="badge">{t(`payment.status.${p.status}`)}</span>
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('backoffice.noPayments')}</p>
        )}
      </section>

      <section aria-labelledby="card-sessions">
        <h2 id="card-sessions">{t('backoffice.sessions')}</h2>
        {sessions.length ? (
          <>
            <ul className="session-list">
              {sessions.map((s) => (
                <li key={s.id} className="session">
                  <span>
                    {s.userAgent ?? t('backoffice.unknownDevice')} · {s.ip ?? '—'} · {t('backoffice.lastSeen', { at: formatDateTime(s.lastSeenAt, lang) })}
                  </span>{' '}
                  <button type="button" className="secondary outline" onClick={() => end(s.id)} disabled={revoke.isPending}>
                    {t('backoffice.endSession')}
                  </button>
                </li>
              ))}
            </ul>
            <button type="button" className="secondary" onClick={() => end(null)} disabled={revoke.isPending}>
              {t('backoffice.endAllSessions')}
            </button>
          </>
        ) : (
          <p className="muted">{t('backoffice.noSessions')}</p>
        )}
      </section>

      {sections.map((s) => (
        <section key={s.key} aria-labelledby={`card-${s.key}`}>
          <h2 id={`card-${s.key}`}>{t(`backoffice.sections.${s.key}`, { defaultValue: s.title })}</h2>
          <ul className="tx-list">
            {s.items.map((item) => (
              <li key={item.id} className="tx">
                <div className="tx__main">
                  {item.link ? (
                    <Link to={item.link} className="tx__description">
                      {item.title}
                    </Link>
                  ) : (
                    <span className="tx__description">{item.title}</span>
                  )}
                  <span className="tx__meta">
                    {item.subtitle ?? ''}
                    {item.at ? ` · ${formatDateTime(item.at, lang)}` : ''}
                  </span>
                </div>
                <div className="tx__amounts">
                  {item.amount ? <strong>{formatMoney(item.amount, lang)}</strong> : null}
                  {item.status ? <span className="badge">{t(`requestStatus.${item.status}`, { defaultValue: item.status })}</span> : null}
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
