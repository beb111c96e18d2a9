import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/shared/api/api-error';
import { useErrorMessage, useFieldErrorMessage } from '@/shared/i18n/error-message';
import { FormAlert } from '@/shared/ui/form-alert';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useFieldFocus } from '@/shared/ui/use-field-focus';
import { useRequestPasswordReset } from '../api/password-reset';

const fieldOrder = ['login', 'surname'] as const;

export interface ResetRequested {
  login: string;
  surname?: string;
  resendAfter: number;
  codeTtl: number;
  /** A code had been sent a moment ago: the server refused another (otp_resend_too_soon). */
  alreadySent: boolean;
}

interface ResetRequestFormProps {
  initialLogin: string;
  initialSurname: string;
  askSurname: boolean;
  onRequested: (result: ResetRequested) => void;
}

/** Step 1: which account (and the surname where the deployment asks for it). */
export function ResetRequestForm({ initialLogin, initialSurname, askSurname, onRequested }: ResetRequestFormProps) {
  const { t } = useTranslation();
  const describeError = useErrorMessage();
  const fieldText = useFieldErrorMessage();
  const mutation = useRequestPasswordReset();
  const [login, setLogin] = useState(initialLogin);
  const [surname, setSurname] = useState(initialSurname);
  const [errors, setErrors] = useState<{ login?: string; surname?: string }>({});
  const [alert, setAlert] = useState<string | null>(null);
  const fields = useFieldFocus(fieldOrder);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: typeof errors = {};
    if (!login.trim()) next.login = t('common.required');
    if (askSurname && !surname.trim()) next.surname = t('common.required');
    setErrors(next);
    if (next.login || next.surname) {
      setAlert(t('common.fixErrors'));
      fields.focusFirst(next);
      return;
    }
    setAlert(null);
    const body = { login: login.trim(), ...(askSurname ? { surname: surname.trim() } : {}) };
    mutation.mutate(body, {
      onSuccess: (result) =>
        onRequested({ ...body, resendAfter: result.resendAfter, codeTtl: result.codeTtl, alreadySent: false }),
      onError: (error) => {
        if (error instanceof ApiError && error.code === 'otp_resend_too_soon') {
          onRequested({ ...body, resendAfter: error.retryAfter ?? 60, codeTtl: 300, alreadySent: true });
          return;
        }
        if (error instanceof ApiError) {
          setErrors({
            login: fieldText(error, 'login'),
            surname: fieldText(error, 'surname'),
          });
        }
        setAlert(describeError(error));
      },
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('forgot.title')}>
      <FormAlert>{alert}</FormAlert>
      <TextField
        ref={fields.register('login')}
        label={t('login.login')}
        hint={t('login.loginHint')}
        name="login"
        value={login}
        onChange={(event) => setLogin(event.target.value)}
        autoComplete="username"
        autoCapitalize="off"
        spellCheck={false}
        required
        error={errors.login}
      />
      {askSurname ? (
        <TextField
          ref={fields.register('surname')}
          label={t('forgot.surname')}
          hint={t('forgot.surnameHint')}
          name="surname"
          value={surname}
          onChange={(event) => setSurname(event.target.value)}
          autoComplete="family-name"
          required
          error={errors.surname}
        />
      ) : null}
      <SubmitButton pending={mutation.isPending} pendingLabel={t('forgot.sending')} className="wide">
        {t('forgot.sendCode')}
      </SubmitButton>
    </form>
  );
}
