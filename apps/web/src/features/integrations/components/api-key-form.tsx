import { ApiKeyScopes, type ApiKeyScope, type CreatedApiKey } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/shared/api/api-error';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { FormAlert } from '@/shared/ui/form-alert';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useCreateApiKey } from '../api/api-keys';

/** Issues a key: name, scopes, IP allow-list, expiry, rate limit. The key comes back once. */
export function ApiKeyForm({ partnerId, onCreated }: { partnerId: string; onCreated: (key: CreatedApiKey) => void }) {
  const { t } = useTranslation();
  const describeError = useErrorMessage();
  const create = useCreateApiKey();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>([]);
  const [ips, setIps] = useState('');
  const [expires, setExpires] = useState('');
  const [limit, setLimit] = useState('');
  const [errors, setErrors] = useState<{ name?: string; scopes?: string; ips?: string; limit?: string }>({});
  const [alert, setAlert] = useState<string | null>(null);

  const toggle = (s: ApiKeyScope) => setScopes((list) => (list.includes(s) ? list.filter((x) => x !== s) : [...list, s]));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: typeof errors = {};
    if (!name.trim()) next.name = t('common.required');
    if (!scopes.length) next.scopes = t('integrations.chooseScope');
    if (limit && !/^\d+$/.test(limit)) next.limit = t('validation.format');
    setErrors(next);
    if (Object.keys(next).length) return;
    setAlert(null);
    const ipAllowlist = ips.split(/[\s,]+/).filter(Boolean);
    create.mutate(
      {
        partnerId,
        name: name.trim(),
        scopes: ApiKeyScopes.filter((s) => scopes.includes(s)),
        ...(ipAllowlist.length ? { ipAllowlist } : {}),
        ...(expires ? { expiresAt: new Date(`${expires}T23:59:59`).toISOString() } : {}),
        ...(limit ? { rateLimitPerMinute: Number(limit) } : {}),
      },
      {
        onSuccess: (key) => {
          setName('');
          setScopes([]);
          setIps('');
          setExpires('');
          setLimit('');
          onCreated(key);
        },
        onError: (error) => {
          if (error instanceof ApiError && error.fieldErrors.some((f) => f.field.startsWith('ipAllowlist'))) setErrors({ ips: t('integrations.badCidr') });
          setAlert(describeError(error));
        },
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('integrations.issueKey')}>
      <FormAlert>{alert}</FormAlert>
      <TextField label={t('integrations.keyName')} name="key-name" value={name} onChange={(e) => setName(e.target.value)} required error={errors.name} maxLength={100} />
      <fieldset aria-describedby={errors.scopes ? 'scopes-error' : undefined} aria-invalid={errors.scopes ? true : undefined}>
        <legend>{t('integrations.scopes')}</legend>
        {ApiKeyScopes.map((s) => (
          <label key={s}>
            <input type="checkbox" name="scopes" value={s} checked={scopes.includes(s)} onChange={() => toggle(s)} />
            <code>{s}</code> — {t(`integrations.scope.${s.replace(':', '_')}` as 'integrations.scope.usage_write')}
          </label>
        ))}
        {errors.scopes ? (
          <small id="scopes-error" className="field__error">
            {errors.scopes}
          </small>
        ) : null}
      </fieldset>
      <TextField label={t('integrations.ipAllowlist')} hint={t('integrations.ipAllowlistHint')} name="ips" value={ips} onChange={(e) => setIps(e.target.value)} error={errors.ips} autoCapitalize="off" spellCheck={false} />
      <div className="grid-2">
        <TextField label={t('integrations.expiresAt')} hint={t('integrations.expiresHint')} name="expires" type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
        <TextField label={t('integrations.rateLimit')} hint={t('integrations.rateLimitHint')} name="limit" inputMode="numeric" value={limit} onChange={(e) => setLimit(e.target.value)} error={errors.limit} />
      </div>
      <SubmitButton pending={create.isPending}>{t('integrations.issueKey')}</SubmitButton>
    </form>
  );
}
