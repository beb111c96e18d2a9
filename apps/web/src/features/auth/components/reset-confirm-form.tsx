import { Limits } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/shared/api/api-error';
import { useErrorMessage, useFieldErrorMessage } from '@/shared/i18n/error-message';
import { formatCountdown } from '@/shared/lib/format-date';
import { FormAlert } from '@/shared/ui/form-alert';
import { PasswordField } from '@/shared/ui/password-field';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useFieldFocus } from '@/shared/ui/use-field-focus';
import { useConfirmPasswordReset } from '../api/password-reset';

type Field = 'code' | 'newPassword' | 'repeat';
const fieldOrder: readonly Field[] = ['code', 'newPassword', 'repeat'];

interface ResetConfirmFormProps {
  login: string;
  passwordMinLength: number;
  secondsToResend: number;
  resending: boolean;
  onResend: () => void;
  onDone: () => void;
}

/** Step 2: the code from the SMS and the new password twice; resend after a countdown. */
export function ResetConfirmForm({
  login,
  passwordMinLength,
  secondsToResend,
  resending,
  onResend,
  onDone,
}: ResetConfirmFormProps) {
  const { t } = useTranslation();
  const describeError = useErrorMessage();
  const fieldText = useFieldErrorMessage();
  const mutation = useConfirmPasswordReset();
  const [code, setCode] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [alert, setAlert] = useState<{ text: string; id: number } | null>(null);
  const fields = useFieldFocus(fieldOrder);

  const showErrors = (next: Partial<Record<Field, string>>, text: string) => {
    setErrors(next);
    setAlert((previous) => ({ text, id: (previous?.id ?? 0) + 1 }));
    fields.focusFirst(next);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: Partial<Record<Field, string>> = {};
    const digits = code.replace(/\s/g, '');
    if (!new RegExp(`^\\d{${Limits.otpLength}}$`).test(digits)) next.code = t('common.codeFormat');
    if (newPassword.length < passwordMinLength) next.newPassword = t('common.passwordTooShort', { count: passwordMinLength });
    if (repeat !== newPassword) next.repeat = t('common.passwordsDiffer');
    if (Object.keys(next).length > 0) {
      showErrors(next, t('common.fixErrors'));
      return;
    }
    setErrors({});
    setAlert(null);
    mutation.mutate(
      { login, code: digits, newPassword },
      {
        onSuccess: onDone,
        onError: (error) => {
          const fields: Partial<Record<Field, string>> = {};
          if (error instanceof ApiError) {
            if (error.code === 'otp_invalid' || error.code === 'otp_expired') fields.code = describeError(error);
            if (error.code === 'weak_password') fields.newPassword = describeError(error);
            fields.code ??= fieldText(error, 'code');
            fields.newPassword ??= fieldText(error, 'newPassword');
            if (error.code === 'otp_expired') setCode('');
          }
          showErrors(fields, describeError(error));
        },
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('forgot.title')}>
      <FormAlert>{alert ? <span key={alert.id}>{alert.text}</span> : null}</FormAlert>
      <TextField
        ref={fields.register('code')}
        label={t('forgot.code')}
        name="code"
        value={code}
        onChange={(event) => setCode(event.target.value.replace(/[^\d\s]/g, '').slice(0, 8))}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={8}
        className="field--code"
        required
        error={errors.code}
      />
      <div className="resend">
        {secondsToResend > 0 ? (
          <p className="muted" aria-live="off">
            {t('forgot.resendIn', { time: formatCountdown(secondsToResend) })}
          </p>
        ) : null}
        <button
          type="button"
          className="secondary outline"
          disabled={secondsToResend > 0 || resending}
          aria-busy={resending || undefined}
          onClick={onResend}
        >
          {t('forgot.resend')}
        </button>
      </div>
      <PasswordField
        ref={fields.register('newPassword')}
        label={t('forgot.newPassword')}
        hint={t('forgot.newPasswordHint', { count: passwordMinLength })}
        name="newPassword"
        value={newPassword}
        onChange={(event) => setNewPassword(event.target.value)}
        autoComplete="new-password"
        minLength={passwordMinLength}
        required
        error={errors.newPassword}
      />
      <PasswordField
        ref={fields.register('repeat')}
        label={t('forgot.repeatPassword')}
        name="repeatPassword"
        value={repeat}
        onChange={(event) => setRepeat(event.target.value)}
        autoComplete="new-password"
        required
        error={errors.repeat}
      />
      <SubmitButton pending={mutation.isPending} pendingLabel={t('forgot.confirming')} className="wide">
        {t('forgot.confirm')}
      </SubmitButton>
    </form>
  );
}
