import { Limits } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/shared/api/api-error';
import { useErrorMessage, useFieldErrorMessage } from '@/shared/i18n/error-message';
import { formatCountdown } from '@/shared/lib/format-date';
import { formatPhone, normalizePhone } from '@/shared/lib/format-phone';
import { useCountdown } from '@/shared/lib/use-countdown';
import { FormAlert } from '@/shared/ui/form-alert';
import { PasswordField } from '@/shared/ui/password-field';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useFieldFocus } from '@/shared/ui/use-field-focus';
import { useConfirmPhoneChange, useStartPhoneChange } from '../api/change-phone';

type Field = 'phone' | 'password' | 'code';
const fieldOrder: readonly Field[] = ['phone', 'password', 'code'];

/**
 * Change the phone: 1) password + new number → SMS to the new number; 2) the code. A borrower's change
 * then waits for an operator's identity check (`pendingPhone`): the old number signs in until then.
 */
export function ChangePhoneForm({ currentPhone, waitingPhone = null }: { currentPhone: string; waitingPhone?: string | null }) {
  const { t } = useTranslation();
  const describeError = useErrorMessage();
  const fieldText = useFieldErrorMessage();
  const start = useStartPhoneChange();
  const confirm = useConfirmPhoneChange();
  const countdown = useCountdown();
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [pendingPhone, setPendingPhone] = useState<string | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [alert, setAlert] = useState<{ text: string; id: number } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const fields = useFieldFocus(fieldOrder);

  const fail = (next: Partial<Record<Field, string>>, text: string) => {
    setErrors(next);
    setAlert((previous) => ({ text, id: (previous?.id ?? 0) + 1 }));
    fields.focusFirst(next);
  };

  const apiFieldErrors = (error: unknown): Partial<Record<Field, string>> => {
    const fields: Partial<Record<Field, string>> = {};
    if (!(error instanceof ApiError)) return fields;
    if (error.code === 'wrong_password') fields.password = describeError(error);
    if (error.code === 'phone_taken') fields.phone = describeError(error);
    if (error.code === 'otp_invalid' || error.code === 'otp_expired') fields.code = describeError(error);
    for (const name of ['phone', 'password', 'code'] as const) fields[name] ??= fieldText(error, name);
    return fields;
  };

  const sendCode = () => {
    start.mutate(
      { password, phone: phone.trim() },
      {
        onSuccess: (result) => {
          setPendingPhone(result.phone);
          setPassword('');
          setCode('');
          countdown.start(result.resendAfter);
          setErrors({});
          setAlert(null);
          requestAnimationFrame(() => fields.focus('code'));
        },
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'otp_resend_too_soon' && error.retryAfter) {
            countdown.start(error.retryAfter);
          }
          fail(apiFieldErrors(error), describeError(error));
        },
      },
    );
  };

  const onStart = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(null);
    const next: Partial<Record<Field, string>> = {};
    if (!phone.trim()) next.phone = t('common.required');
    else if (!normalizePhone(phone)) next.phone = t('common.invalidPhone');
    if (!password) next.password = t('common.required');
    if (Object.keys(next).length > 0) {
      fail(next, t('common.fixErrors'));
      return;
    }
    sendCode();
  };

  const onConfirm = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const digits = code.replace(/\s/g, '');
    if (!new RegExp(`^\\d{${Limits.otpLength}}$`).test(digits)) {
      fail({ code: t('common.codeFormat') }, t('common.fixErrors'));
      return;
    }
    confirm.mutate(
      { code: digits },
      {
        onSuccess: (customer) => {
          setDone(
            customer.pendingPhone
              ? t('profile.phoneWaitsForOperator', { phone: formatPhone(customer.pendingPhone) })
              : t('profile.phoneChanged', { phone: formatPhone(customer.phone) }),
          );
          setPendingPhone(null);
          setPhone('');
          setCode('');
          setErrors({});
          setAlert(null);
        },
        onError: (error) => fail(apiFieldErrors(error), describeError(error)),
      },
    );
  };

  if (pendingPhone) {
    return (
      <form onSubmit={onConfirm} noValidate aria-label={t('profile.phoneTitle')}>
        <FormAlert>{alert ? <span key={alert.id}>{alert.text}</span> : null}</FormAlert>
        <p role="status">{t('profile.codeSentTo', { phone: formatPhone(pendingPhone) })}</p>
        <TextField
          ref={fields.register('code')}
          label={t('profile.code')}
          name="code"
          value={code}
          onChange={(event) => setCode(event.target.value.replace(/[^\d\s]/g, '').slice(0, 8))}
          inputMode="numeric"
          autoComplete="one-time-code"
          className="field--code"
          required
          error={errors.code}
        />
        <div className="button-row">
          <SubmitButton pending={confirm.isPending} pendingLabel={t('profile.saving')}>
            {t('profile.confirmPhone')}
          </SubmitButton>
          <button type="button" className="secondary outline" onClick={() => setPendingPhone(null)}>
            {t('common.cancel')}
          </button>
        </div>
        {countdown.secondsLeft > 0 ? (
          <p className="muted">{t('forgot.resendIn', { time: formatCountdown(countdown.secondsLeft) })}</p>
        ) : null}
      </form>
    );
  }

  return (
    <form onSubmit={onStart} noValidate aria-label={t('profile.phoneTitle')}>
      <p className="muted">{t('profile.phoneCurrent', { phone: formatPhone(currentPhone) })}</p>
      {waitingPhone && !done ? <p className="notice">{t('profile.phoneWaitsForOperator', { phone: formatPhone(waitingPhone) })}</p> : null}
      <FormAlert>{alert ? <span key={alert.id}>{alert.text}</span> : null}</FormAlert>
      <FormAlert tone="success">{done}</FormAlert>
      <TextField
        ref={fields.register('phone')}
        label={t('profile.newPhone')}
        hint={t('inbox.filterHint')}
        name="phone"
        type="tel"
        value={phone}
        onChange={(event) => setPhone(event.target.value)}
        autoComplete="tel"
        required
        error={errors.phone}
      />
      <PasswordField
        ref={fields.register('password')}
        label={t('profile.password')}
        name="password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        autoComplete="current-password"
        required
        error={errors.password}
      />
      <SubmitButton pending={start.isPending} pendingLabel={t('forgot.sending')} disabled={countdown.secondsLeft > 0}>
        {t('profile.sendCode')}
      </SubmitButton>
    </form>
  );
}
