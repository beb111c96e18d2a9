import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/shared/api/api-error';
import { useErrorMessage, useFieldErrorMessage } from '@/shared/i18n/error-message';
import { FormAlert } from '@/shared/ui/form-alert';
import { PasswordField } from '@/shared/ui/password-field';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useFieldFocus } from '@/shared/ui/use-field-focus';
import { useChangeEmail } from '../api/change-email';

type Field = 'email' | 'password';
const fieldOrder: readonly Field[] = ['email', 'password'];

/** Change or remove the e-mail; the password is asked again. */
export function ChangeEmailForm({ currentEmail }: { currentEmail: string | null }) {
  const { t } = useTranslation();
  const describeError = useErrorMessage();
  const fieldText = useFieldErrorMessage();
  const mutation = useChangeEmail();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [alert, setAlert] = useState<{ text: string; id: number } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const fields = useFieldFocus(fieldOrder);

  const fail = (next: Partial<Record<Field, string>>, text: string) => {
    setErrors(next);
    setAlert((previous) => ({ text, id: (previous?.id ?? 0) + 1 }));
    fields.focusFirst(next);
  };

  const save = (value: string | null) => {
    setDone(null);
    const next: Partial<Record<Field, string>> = {};
    if (value !== null && !value) next.email = t('common.required');
    else if (value !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) next.email = t('common.invalidEmail');
    if (!password) next.password = t('common.required');
    if (Object.keys(next).length > 0) {
      fail(next, t('common.fixErrors'));
      return;
    }
    mutation.mutate(
      { password, email: value },
      {
        onSuccess: () => {
          setDone(value === null ? t('profile.emailRemoved') : t('profile.emailSaved'));
          setEmail('');
          setPassword('');
          setErrors({});
          setAlert(null);
        },
        onError: (error) => {
          const fields: Partial<Record<Field, string>> = {};
          if (error instanceof ApiError) {
            if (error.code === 'wrong_password') fields.password = describeError(error);
            if (error.code === 'email_taken') fields.email = describeError(error);
            fields.email ??= fieldText(error, 'email');
            fields.password ??= fieldText(error, 'password');
          }
          fail(fields, describeError(error));
        },
      },
    );
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save(email.trim());
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('profile.emailTitle')}>
      <p className="muted">
        {currentEmail ? t('profile.emailCurrent', { email: currentEmail }) : t('profile.emailNone')}
      </p>
      <FormAlert>{alert ? <span key={alert.id}>{alert.text}</span> : null}</FormAlert>
      <FormAlert tone="success">{done}</FormAlert>
      <TextField
        ref={fields.register('email')}
        label={t('profile.newEmail')}
        name="email"
        type="email"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        autoComplete="email"
        error={errors.email}
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
      <div className="button-row">
        <SubmitButton pending={mutation.isPending} pendingLabel={t('profile.saving')}>
          {t('profile.saveEmail')}
        </SubmitButton>
        {currentEmail ? (
          <button
            type="button"
            className="secondary outline"
            disabled={mutation.isPending}
            onClick={() => save(null)}
          >
            {t('profile.removeEmail')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
