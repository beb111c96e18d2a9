import { GrantLevels, type AccountView, type GrantLevel, type GrantView } from '@cabinet/shared-types';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { formatDay } from '@/shared/lib/format-date';
import { formatPhone, normalizePhone } from '@/shared/lib/format-phone';
import { FormAlert } from '@/shared/ui/form-alert';
import { ModalDialog } from '@/shared/ui/modal-dialog';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useGrants } from '../api/get-grants';
import { useCreateGrant, useRevokeGrant } from '../api/manage-grants';

/** Owner only: who else sees or manages this account, invite by phone, revoke. */
export function AccessTab({ account }: { account: AccountView }) {
  const { t, i18n } = useTranslation();
  const describeError = useErrorMessage();
  const grants = useGrants(account.id);
  const create = useCreateGrant(account.id);
  const revoke = useRevokeGrant(account.id);
  const levels = GrantLevels.filter((level) => level !== 'line_manager' || account.lines.length > 0);
  const [phone, setPhone] = useState('');
  const [level, setLevel] = useState<GrantLevel>('viewer');
  const [lineId, setLineId] = useState(account.lines[0]?.id ?? '');
  const [phoneError, setPhoneError] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<GrantView | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const levelId = useId();
  const lineSelectId = useId();

  const lineLabel = (id: string | null) => {
    const line = account.lines.find((candidate) => candidate.id === id);
    return line ? formatPhone(line.msisdn) : '';
  };

  const onInvite = (event: FormEvent) => {
    event.preventDefault();
    setStatus(null);
    setError(null);
    const normalized = normalizePhone(phone);
    if (!phone.trim()) {
      setPhoneError(t('common.required'));
      return;
    }
    if (!normalized) {
      setPhoneError(t('common.invalidPhone'));
      return;
    }
    setPhoneError(null);
    create.mutate(
      { phone: normalized, level, ...(level === 'line_manager' ? { lineId } : {}) },
      {
        onSuccess: (grant) => {
          setStatus(t('access.invited', { name: grant.grantee.name, level: t(`access.${grant.level}`) }));
          setPhone('');
        },
        onError: (failure) => setError(describeError(failure)),
      },
    );
  };

  const onRevoke = () => {
    if (!revoking) return;
    const grant = revoking;
    setRevoking(null);
    setStatus(null);
    setError(null);
    revoke.mutate(grant.id, {
      onSuccess: () => setStatus(t('access.revoked', { name: grant.grantee.name })),
      onError: (failure) => setError(describeError(failure)),
    });
  };

  return (
    <>
      <h2 className="section-title">{t('access.title')}</h2>
      <p className="muted">{t('access.intro')}</p>
      <FormAlert tone="success">{status}</FormAlert>
      <FormAlert>{error}</FormAlert>
      {grants.isPending ? <PageLoader /> : null}
      {grants.isError ? <QueryError error={grants.error} onRetry={() => void grants.refetch()} /> : null}
      {grants.data && grants.data.items.length === 0 ? <p className="muted">{t('access.none')}</p> : null}
      <ul className="device-list" aria-label={t('access.listLabel')}>
        {grants.data?.items.map((grant) => (
          <li key={grant.id}>
            <article className="device" aria-labelledby={`grant-${grant.id}`}>
              <h3 id={`grant-${grant.id}`} className="device__name">
                {grant.grantee.name}
              </h3>
              <p className="device__meta">
                {formatPhone(grant.grantee.phone)} · <strong>{t(`access.${grant.level}`)}</strong>
                {grant.lineId ? ` · ${t('access.onLine', { phone: lineLabel(grant.lineId) })}` : ''}{' '}
                <span className="muted">{t('access.since', { date: formatDay(grant.createdAt, i18n.language) })}</span>
              </p>
              <button
                type="button"
                className="secondary outline"
                aria-describedby={`grant-${grant.id}`}
                disabled={revoke.isPending && revoke.variables === grant.id}
                onClick={() => setRevoking(grant)}
              >
                {t('access.revoke')}
              </button>
            </article>
          </li>
        ))}
      </ul>
      <form noValidate onSubmit={onInvite} className="device-form" aria-labelledby="grant-invite-title">
        <h3 id="grant-invite-title">{t('access.invite')}</h3>
        <TextField
          label={t('access.phone')}
          hint={t('access.phoneHint')}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          value={phone}
          error={phoneError}
          onChange={(event) => setPhone(event.target.value)}
        />
        <div className="field">
          <label htmlFor={levelId}>{t('access.level')}</label>
          <select id={levelId} value={level} onChange={(event) => setLevel(event.target.value as GrantLevel)}>
            {levels.map((value) => (
              <option key={value} value={value}>
                {t(`access.${value}`)}
              </option>
            ))}
          </select>
          <small className="field__hint">{t(`access.hint_${level}`)}</small>
        </div>
        {level === 'line_manager' ? (
          <div className="field">
            <label htmlFor={lineSelectId}>{t('access.line')}</label>
            <select id={lineSelectId} value={lineId} onChange={(event) => setLineId(event.target.value)}>
              {account.lines.map((line) => (
                <option key={line.id} value={line.id}>
                  {formatPhone(line.msisdn)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <SubmitButton pending={create.isPending}>{t('access.inviteSubmit')}</SubmitButton>
      </form>
      <ModalDialog
        open={revoking !== null}
        role="alertdialog"
        title={t('access.revokeTitle')}
        onCancel={() => setRevoking(null)}
        actions={
          <>
            <button type="button" className="secondary outline" onClick={() => setRevoking(null)}>
              {t('common.cancel')}
            </button>
            <button type="button" className="contrast" onClick={onRevoke}>
              {t('access.revoke')}
            </button>
          </>
        }
      >
        <p>{revoking ? t('access.revokeText', { name: revoking.grantee.name }) : null}</p>
      </ModalDialog>
    </>
  );
}
