import type { AccountView, MobileLineView } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { formatMoney } from '@/shared/lib/format-money';
import { formatPhone, normalizePhone } from '@/shared/lib/format-phone';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { SelectField } from '@/shared/ui/select-field';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useBlacklist, useBlacklistActions, useContentServices, useSwitchOffContent, type LineRef } from '../api/line-extras';
import { useLineExtrasError, useLineExtrasT } from '../i18n/use-line-extras-t';

/** May the caller act on this line? (The API checks the same and answers 403 anyway.) */
function canAct(account: AccountView, lineId: string): boolean {
  return account.access === 'owner' || account.access === 'account_manager' || (account.access === 'line_manager' && account.managedLineId === lineId);
}

/** The account tab: per line, the call blacklist and the paid content services. */
export function LineExtrasTab({ account }: { account: AccountView }) {
  const { t } = useLineExtrasT();
  const [lineId, setLineId] = useState(account.lines[0]?.id ?? '');
  const line = account.lines.find((l) => l.id === lineId) ?? account.lines[0];
  if (!line) return null;
  const ref = { accountId: account.id, lineId: line.id };
  return (
    <div className="line-extras">
      {account.lines.length > 1 ? (
        <SelectField label={t('line')} value={line.id} onChange={(e) => setLineId(e.target.value)}>
          {account.lines.map((l) => (
            <option key={l.id} value={l.id}>
              {formatPhone(l.msisdn)}
            </option>
          ))}
        </SelectField>
      ) : null}
      {!canAct(account, line.id) ? <p className="muted">{t('viewOnly')}</p> : null}
      <ContentServices key={`c-${line.id}`} lineRef={ref} allowed={canAct(account, line.id)} />
      <Blacklist key={`b-${line.id}`} lineRef={ref} line={line} allowed={canAct(account, line.id)} />
    </div>
  );
}

function ContentServices({ lineRef, allowed }: { lineRef: LineRef; allowed: boolean }) {
  const { t, language } = useLineExtrasT();
  const describe = useLineExtrasError();
  const list = useContentServices(lineRef);
  const off = useSwitchOffContent(lineRef);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (list.isPending) return <PageLoader />;
  if (!list.data) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const money = (amount: { amount: number; currency: 'RUB' }) => formatMoney(amount, language);
  return (
    <section aria-labelledby="content-services-title" className="card">
      <h2 id="content-services-title">{t('content.title')}</h2>
      <p className="muted">{t('content.intro')}</p>
      <p>
        <strong>{t('content.total', { amount: money(list.data.monthlyTotal) })}</strong>
      </p>
      <FormAlert tone="info">{status}</FormAlert>
      <FormAlert>{error}</FormAlert>
      {list.data.items.length === 0 ? <p>{t('content.empty')}</p> : null}
      <ul className="plain-list">
        {list.data.items.map((s) => (
          <li key={s.id}>
            <strong>{s.title}</strong> · {s.provider} · {t(s.kind === 'subscription' ? 'content.kind_subscription' : 'content.kind_content')}
            <br />
            {t('content.price', { amount: money(s.price) })} · <span className="muted">{t('content.charged', { amount: money(s.charged) })}</span>
            <br />
            {s.status === 'active' ? (
              allowed ? (
                <button
                  type="button"
                  aria-label={`${t('content.off')}: ${s.title}`}
                  disabled={off.isPending}
                  onClick={() => {
                    setStatus(null);
                    setError(null);
                    off.mutate(s.id, { onSuccess: () => setStatus(t('content.done', { title: s.title })), onError: (e) => setError(describe(e)) });
                  }}
                >
                  {t('content.off')}
                </button>
              ) : null
            ) : (
              <span className="badge">{t('content.switchedOff')}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Blacklist({ lineRef, line, allowed }: { lineRef: LineRef; line: MobileLineView; allowed: boolean }) {
  const { t, language } = useLineExtrasT();
  const describe = useLineExtrasError();
  const list = useBlacklist(lineRef);
  const { toggle, add, remove } = useBlacklistActions(lineRef);
  const [number, setNumber] = useState('');
  const [note, setNote] = useState('');
  const [numberError, setNumberError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (list.isPending) return <PageLoader />;
  if (!list.data) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const data = list.data;
  const fee = formatMoney(data.fee, language);
  const reset = () => {
    setStatus(null);
    setError(null);
  };

  const onAdd = (event: FormEvent) => {
    event.preventDefault();
    reset();
    const msisdn = normalizePhone(number);
    if (!msisdn || msisdn === line.msisdn) {
      setNumberError(t('blacklist.invalid'));
      return;
    }
    setNumberError(null);
    add.mutate(
      { msisdn, ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: () => {
          setStatus(t('blacklist.added', { number: formatPhone(msisdn) }));
          setNumber('');
          setNote('');
        },
        onError: (e) => setError(describe(e)),
      },
    );
  };

  return (
    <section aria-labelledby="blacklist-title" className="card">
      <h2 id="blacklist-title">{t('blacklist.title')}</h2>
      <p className="muted">{t('blacklist.intro')}</p>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={data.enabled}
          disabled={!allowed || toggle.isPending}
          onChange={(e) => {
            reset();
            const enabled = e.target.checked;
            toggle.mutate(enabled, { onSuccess: () => setStatus(enabled ? t('blacklist.on', { amount: fee }) : t('blacklist.off')), onError: (err) => setError(describe(err)) });
          }}
        />
        <span>{t('blacklist.switch')}</span>
      </label>
      <p className="muted">{t('blacklist.fee', { amount: fee })}</p>
      <FormAlert tone="info">{status}</FormAlert>
      <FormAlert>{error}</FormAlert>
      <p>{t('blacklist.count', { count: data.count, max: data.max })}</p>
      {data.items.length === 0 ? <p>{t('blacklist.empty')}</p> : null}
      <ul className="plain-list" aria-label={t('blacklist.title')}>
        {data.items.map((i) => (
          <li key={i.msisdn}>
            {formatPhone(i.msisdn)}
            {i.note ? <span className="muted"> · {i.note}</span> : null}{' '}
            {allowed ? (
              <button
                type="button"
                className="link-button"
                aria-label={t('blacklist.remove', { number: formatPhone(i.msisdn) })}
                onClick={() => {
                  reset();
                  remove.mutate(i.msisdn, { onSuccess: () => setStatus(t('blacklist.removed', { number: formatPhone(i.msisdn) })), onError: (e) => setError(describe(e)) });
                }}
              >
                ✕
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {allowed ? (
        <form onSubmit={onAdd} noValidate aria-label={t('blacklist.add')}>
          <TextField label={t('blacklist.number')} value={number} onChange={(e) => setNumber(e.target.value)} error={numberError} type="tel" inputMode="tel" />
          <TextField label={t('blacklist.note')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={60} />
          <SubmitButton pending={add.isPending}>{t('blacklist.add')}</SubmitButton>
        </form>
      ) : null}
    </section>
  );
}
