import type { EsiaLinkTicketView } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/shared/api/api-error';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { FormAlert } from '@/shared/ui/form-alert';
import { PasswordField } from '@/shared/ui/password-field';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useConfirmLink, useSendLinkCode } from '../api/link';

type Method = 'password' | 'sms';

/** An existing customer confirms that the Gosuslugi account is theirs: the cabinet password, or a code by SMS. */
export function LinkForm({ ticket, view, onLinked }: { ticket: string; view: EsiaLinkTicketView; onLinked: () => void }) {
  const { t } = useTranslation();
  const describeError = useErrorMessage();
  const confirm = useConfirmLink();
  const sendCode = useSendLinkCode();
  const [method, setMethod] = useState<Method>('password');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [codeSent, setCodeSent] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);

  const explain = (error: unknown) => {
    const code = error instanceof ApiError ? error.code : null;
    return (code && t(`gosuslugi.errors.${code}` as 'gosuslugi.errors.esia_ticket_invalid', { defaultValue: '' })) || describeError(error);
  };

  const onSend = () => {
    setAlert(null);
    sendCode.mutate(ticket, {
      onSuccess: () => setCodeSent(true),
      onError: (error) => setAlert(explain(error)),
    });
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = method === 'password' ? password : code.trim();
    if (!value) {
      setFieldError(t('common.required'));
      return;
    }
    setFieldError(null);
    setAlert(null);
    confirm.mutate(method === 'password' ? { ticket, password } : { ticket, code: code.trim() }, {
      onSuccess: onLinked,
      onError: (error) => {
        if (error instanceof ApiError && (error.code === 'wrong_password' || error.code === 'otp_invalid')) setFieldError(explain(error));
        setAlert(explain(error));
        if (method === 'password') setPassword('');
      },
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('gosuslugi.linkTitle')}>
      <p>{t('gosuslugi.linkIntro', { name: view.displayName, phone: view.phone })}</p>
      <FormAlert>{alert}</FormAlert>
      <fieldset>
        <legend>{t('gosuslugi.confirmWith')}</legend>
        <label>
          <input type="radio" name="method" value="password" checked={method === 'password'} onChange={() => setMethod('password')} />
          {t('gosuslugi.byPassword')}
        </label>
        <label>
          <input type="radio" name="method" value="sms" checked={method === 'sms'} onChange={() => setMethod('sms')} />
          {t('gosuslugi.bySms')}
        </label>
      </fieldset>
      {method === 'password' ? (
        <PasswordField label={t('gosuslugi.password')} name="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required error={fieldError} />
      ) : (
        <>
          <button type="button" className="secondary outline" disabled={sendCode.isPending} aria-busy={sendCode.isPending || undefined} onClick={onSend}>
            {codeSent ? t('gosuslugi.resendCode') : t('gosuslugi.sendCode')}
          </button>
          <FormAlert tone="info">{codeSent ? t('gosuslugi.codeSent', { phone: view.phone }) : null}</FormAlert>
          <TextField
            label={t('gosuslugi.code')}
            name="code"
            value={code}
            onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            error={fieldError}
          />
        </>
      )}
      <SubmitButton pending={confirm.isPending} pendingLabel={t('gosuslugi.linking')} className="wide">
        {t('gosuslugi.linkSubmit')}
      </SubmitButton>
    </form>
  );
}
