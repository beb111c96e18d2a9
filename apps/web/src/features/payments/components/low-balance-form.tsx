import type { AccountNotificationSettings } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { parseRoubles, roublesInput } from '@/shared/lib/parse-money';
import { FormAlert } from '@/shared/ui/form-alert';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useSaveNotificationSettings } from '../api/notification-settings';

/** An SMS when the balance falls below a threshold, or none. */
export function LowBalanceForm({ accountId, settings }: { accountId: string; settings: AccountNotificationSettings }) {
  const { t, i18n } = useTranslation();
  const describeError = useErrorMessage();
  const save = useSaveNotificationSettings(accountId);
  const current = settings.lowBalanceThreshold;
  const [on, setOn] = useState(current !== null);
  const [threshold, setThreshold] = useState(roublesInput(current?.amount ?? 100_00, i18n.language));
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setStatus(null);
    setError(null);
    const amount = on ? parseRoubles(threshold) : null;
    if (on && (amount === null || amount <= 0)) {
      setFieldError(t('topUp.amountInvalid'));
      return;
    }
    setFieldError(null);
    save.mutate(
      { lowBalanceThreshold: amount === null ? null : { amount, currency: 'RUB' } },
      {
        onSuccess: (saved) => setStatus(saved.lowBalanceThreshold ? t('lowBalance.saved') : t('lowBalance.off')),
        onError: (failure) => setError(describeError(failure)),
      },
    );
  };

  return (
    <form noValidate onSubmit={onSubmit} className="device-form" aria-labelledby="low-balance-title">
      <h3 id="low-balance-title">{t('lowBalance.title')}</h3>
      <FormAlert tone="success">{status}</FormAlert>
      <FormAlert>{error}</FormAlert>
      <label className="checkbox">
        <input type="checkbox" checked={on} onChange={(event) => setOn(event.target.checked)} />
        {t('lowBalance.enabled')}
      </label>
      {on ? (
        <TextField
          label={t('lowBalance.threshold')}
          inputMode="decimal"
          autoComplete="off"
          value={threshold}
          error={fieldError}
          onChange={(event) => setThreshold(event.target.value)}
        />
      ) : null}
      <SubmitButton pending={save.isPending}>{t('lowBalance.save')}</SubmitButton>
    </form>
  );
}
