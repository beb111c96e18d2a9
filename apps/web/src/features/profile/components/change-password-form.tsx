import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/shared/api/api-error';
import { defaultAuthConfig, useAuthConfig } from '@/shared/api/auth-config';
import { useErrorMessage, useFieldErrorMessage } from '@/shared/i18n/error-message';
import { FormAlert } from '@/shared/ui/form-alert';
import { PasswordField } from '@/shared/ui/password-field';
import { SubmitButton } from '@/shared/ui/submit-button';
import { useFieldFocus } from '@/shared/ui/use-field-focus';
import { useChangePassword } from '../api/change-password';

type Field = 'currentPassword' | 'newPassword' | 'repeat';
const fieldOrder: readonly Field[] = ['currentPassword', 'newPassword', 'repeat'];

interface ChangePasswordFormProps {
  /** Offer "end other sessions" (the profile page does; the forced change does not need it). */
  offerEndOthers?: boolean;
  onChanged?: (endedSessions: number) => void;
}

export function ChangePasswordForm({ offerEndOthers = true, onChanged }: ChangePasswordFormProps) {
  const { t } = useTranslation();
  const describeError = useErrorMessage();
  const fieldText = useFieldErrorMessage();
  const { data: config = defaultAuthConfig } = useAuthConfig();
  const mutation = useChangePassword();
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', repeat: '' });
  const [endOthers, setEndOthers] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [alert, setAlert] = useState<{ text: string; id: number } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const fields = useFieldFocus(fieldOrder);
  const min = config.passwordMinLength;

  const fail = (next: Partial<Record<Field, string>>, text: string) => {
    setErrors(next);
    setAlert((previous) => ({ text, id: (previous?.id ?? 0) + 1 }));
    fields.focusFirst(next);
  };

  const set = (field: Field) => (event: ChangeEvent<HTMLInputElement>) =>
    setValues((previous) => ({ ...previous, [field]: event.target.value }));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(null);
    const next: Partial<Record<Field, string>> = {};
    if (!values.currentPassword) next.currentPassword = t('common.required');
    if (values.newPassword.length < min) next.newPassword = t('common.passwordTooShort', { count: min });
    if (values.repeat !== values.newPassword) next.repeat = t('common.passwordsDiffer');
    if (Object.keys(next).length > 0) {
      fail(next, t('common.fixErrors'));
      return;
    }
    setErrors({});
    setAlert(null);
    mutation.mutate(
      {
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
        ...(offerEndOthers ? { endOtherSessions: endOthers } : {}),
      },
      {
        onSuccess: ({ endedSessions }) => {
          setValues({ currentPassword: '', newPassword: '', repeat: '' });
          setEndOthers(false);
          setDone(endedSessions > 0 ? t('passwordChange.doneEnded', { count: endedSessions }) : t('passwordChange.done'));
          onChanged?.(endedSessions);
        },
        onError: (error) => {
          const fields: Partial<Record<Field, string>> = {};
          if (error instanceof ApiError) {
            if (error.code === 'wrong_password') fields.currentPassword = describeError(error);
            if (error.code === 'weak_password') fields.newPassword = describeError(error);
            fields.currentPassword ??= fieldText(error, 'currentPassword');
            fields.newPassword ??= fieldText(error, 'newPassword');
          }
          fail(fields, describeError(error));
        },
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('passwordChange.title')}>
      <FormAlert>{alert ? <span key={alert.id}>{alert.text}</span> : null}</FormAlert>
      <FormAlert tone="success">{done}</FormAlert>
      <PasswordField
        ref={fields.register('currentPassword')}
        label={t('passwordChange.current')}
        name="currentPassword"
        value={values.currentPassword}
        onChange={set('currentPassword')}
        autoComplete="current-password"
        required
        error={errors.currentPassword}
      />
      <PasswordField
        ref={fields.register('newPassword')}
        label={t('passwordChange.new')}
        hint={t('passwordChange.hint', { count: min })}
        name="newPassword"
        value={values.newPassword}
        onChange={set('newPassword')}
        autoComplete="new-password"
        required
        error={errors.newPassword}
      />
      <PasswordField
        ref={fields.register('repeat')}
        label={t('passwordChange.repeat')}
        name="repeatPassword"
        value={values.repeat}
        onChange={set('repeat')}
        autoComplete="new-password"
        required
        error={errors.repeat}
      />
      {offerEndOthers ? (
        <label className="checkbox">
          <input
            type="checkbox"
            name="endOtherSessions"
            checked={endOthers}
            onChange={(event) => setEndOthers(event.target.checked)}
          />
          {t('passwordChange.endOthers')}
        </label>
      ) : null}
      <SubmitButton pending={mutation.isPending} pendingLabel={t('passwordChange.submitting')}>
        {t('passwordChange.submit')}
      </SubmitButton>
    </form>
  );
}
