import type { CaptchaChallenge } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/shared/api/api-error';
import { useErrorMessage, useFieldErrorMessage } from '@/shared/i18n/error-message';
import { FormAlert } from '@/shared/ui/form-alert';
import { PasswordField } from '@/shared/ui/password-field';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useFieldFocus } from '@/shared/ui/use-field-focus';
import { useRequestCaptcha } from '@/shared/api/captcha';
import { useLogin } from '../api/login';
import { CaptchaField } from '@/shared/ui/captcha-field';

type FieldName = 'login' | 'password' | 'captcha';
type FieldErrors = Partial<Record<FieldName, string>>;
const fieldOrder: readonly FieldName[] = ['login', 'password', 'captcha'];

const apiFields: Record<string, FieldName> = { login: 'login', password: 'password', 'captcha.answer': 'captcha', captcha: 'captcha' };

/** Phone or contract number + password; a captcha when the server asks for one. */
export function LoginForm({ initialLogin = '' }: { initialLogin?: string }) {
  const { t } = useTranslation();
  const describeError = useErrorMessage();
  const fieldText = useFieldErrorMessage();
  const loginMutation = useLogin();
  const captchaMutation = useRequestCaptcha();

  const [login, setLogin] = useState(initialLogin);
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<CaptchaChallenge | null>(null);
  const [captchaAnswer, setCaptchaAnswer] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<{ text: string; id: number } | null>(null);

  const fields = useFieldFocus(fieldOrder);

  const showAlert = (text: string) => setAlert((previous) => ({ text, id: (previous?.id ?? 0) + 1 }));

  const onError = (error: unknown) => {
    const problem = error instanceof ApiError ? error.problem : null;
    if (problem?.captcha) {
      setChallenge(problem.captcha);
      setCaptchaAnswer('');
    }
    const errors: FieldErrors = {};
    if (error instanceof ApiError) {
      for (const fieldError of error.fieldErrors) {
        const name = apiFields[fieldError.field];
        if (name && !errors[name]) errors[name] = fieldText(error, fieldError.field);
      }
      if (error.code === 'captcha_invalid') errors.captcha = t('errors.captcha_invalid');
      if (error.code === 'captcha_required' && problem?.captcha) errors.captcha = undefined;
      if (error.code === 'invalid_credentials') setPassword('');
    }
    setFieldErrors(errors);
    showAlert(describeError(error));
    if (error instanceof ApiError && (error.code === 'captcha_invalid' || error.code === 'captcha_required')) {
      requestAnimationFrame(() => fields.focus('captcha'));
    } else {
      fields.focusFirst(errors);
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (!login.trim()) errors.login = t('common.required');
    if (!password) errors.password = t('common.required');
    if (challenge && !captchaAnswer.trim()) errors.captcha = t('common.required');
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) {
      showAlert(t('common.fixErrors'));
      fields.focusFirst(errors);
      return;
    }
    setAlert(null);
    loginMutation.mutate(
      {
        login: login.trim(),
        password,
        ...(challenge ? { captcha: { id: challenge.id, answer: captchaAnswer.trim() } } : {}),
      },
      { onError },
    );
  };

  const onRefreshCaptcha = () => {
    captchaMutation.mutate(undefined, {
      onSuccess: (next) => {
        setChallenge(next);
        setCaptchaAnswer('');
        requestAnimationFrame(() => fields.focus('captcha'));
      },
      onError: (error) => showAlert(describeError(error)),
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('login.title')}>
      <FormAlert>{alert ? <span key={alert.id}>{alert.text}</span> : null}</FormAlert>
      <TextField
        ref={fields.register('login')}
        label={t('login.login')}
        hint={t('login.loginHint')}
        name="login"
        value={login}
        onChange={(event) => setLogin(event.target.value)}
        autoComplete="username"
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        inputMode="text"
        required
        error={fieldErrors.login}
      />
      <PasswordField
        ref={fields.register('password')}
        label={t('login.password')}
        name="password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        autoComplete="current-password"
        required
        error={fieldErrors.password}
      />
      {challenge ? (
        <CaptchaField
          challenge={challenge}
          answer={captchaAnswer}
          onAnswerChange={setCaptchaAnswer}
          onRefresh={onRefreshCaptcha}
          refreshing={captchaMutation.isPending}
          error={fieldErrors.captcha}
          inputRef={fields.register('captcha')}
        />
      ) : null}
      <SubmitButton pending={loginMutation.isPending} pendingLabel={t('login.submitting')} className="wide">
        {t('login.submit')}
      </SubmitButton>
    </form>
  );
}
