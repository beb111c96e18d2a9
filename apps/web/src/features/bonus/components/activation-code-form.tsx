import type { BonusActivationStartedView } from '@cabinet/shared-types';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/shared/api/api-error';
import { formatCountdown } from '@/shared/lib/format-date';
import { formatPhone } from '@/shared/lib/format-phone';
import { useCountdown } from '@/shared/lib/use-countdown';
import { FormAlert } from '@/shared/ui/form-alert';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useConfirmActivation, useResendActivation } from '../api/activation';
import { useBonusErrorMessage } from './bonus-error';

/** Step 2: the code from the SMS confirms the phone and signs in with it (then a password of one's own). */
export function ActivationCodeForm({ started, onBack, onDone }: { started: BonusActivationStartedView; onBack: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const describe = useBonusErrorMessage();
  const confirm = useConfirmActivation();
  const resend = useResendActivation();
  const countdown = useCountdown(started.resendAfter);
  const { start } = countdown;
  const [activation, setActivation] = useState(started);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [alert, setAlert] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);

  useEffect(() => start(activation.resendAfter), [activation, start]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const digits = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(digits)) {
      setError(t('common.codeFormat'));
      return;
    }
    setError(undefined);
    setAlert(null);
    confirm.mutate(
      { activationId: activation.activationId, code: digits },
      {
        onSuccess: onDone,
        onError: (failure) => {
          if (failure instanceof ApiError && (failure.code === 'otp_invalid' || failure.code === 'otp_expired')) setError(describe(failure));
          if (failure instanceof ApiError && failure.code === 'otp_expired') setCode('');
          setAlert(describe(failure));
        },
      },
    );
  };

  return (
    <form noValidate onSubmit={onSubmit} aria-label={t('bonus.activation.codeLabel')}>
      <p>{t('bonus.activation.codeSent', { phone: formatPhone(activation.phone) })}</p>
      <FormAlert>{alert}</FormAlert>
      <FormAlert tone="info">{info}</FormAlert>
      <TextField
        label={t('bonus.activation.code')}
        value={code}
        onChange={(event) => setCode(event.target.value.replace(/[^\d\s]/g, '').slice(0, 8))}
        inputMode="numeric"
        autoComplete="one-time-code"
        className="field--code"
        error={error}
        hint={t('bonus.activation.codeHint')}
        required
      />
      <div className="resend">
        {countdown.secondsLeft > 0 ? <p className="muted">{t('forgot.resendIn', { time: formatCountdown(countdown.secondsLeft) })}</p> : null}
        <button
          type="button"
          className="secondary outline"
          disabled={countdown.secondsLeft > 0 || resend.isPending}
          aria-busy={resend.isPending || undefined}
          onClick={() =>
            resend.mutate(activation.activationId, {
              onSuccess: (next) => {
                setActivation(next);
                setInfo(t('bonus.activation.resent'));
              },
              onError: (failure) => setAlert(describe(failure)),
            })
          }
        >
          {t('forgot.resend')}
        </button>
      </div>
      <div className="button-row">
        <SubmitButton pending={confirm.isPending}>{t('bonus.activation.confirm')}</SubmitButton>
        <button type="button" className="secondary outline" onClick={onBack}>
          {t('bonus.activation.back')}
        </button>
      </div>
    </form>
  );
}
