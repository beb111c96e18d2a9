import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { defaultAuthConfig, useAuthConfig } from '@/shared/api/auth-config';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { ApiError } from '@/shared/api/api-error';
import { useCountdown } from '@/shared/lib/use-countdown';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { useDevInboxAvailable } from '../api/dev-inbox-availability';
import { useRequestPasswordReset } from '../api/password-reset';
import { ResetConfirmForm } from '../components/reset-confirm-form';
import { ResetRequestForm, type ResetRequested } from '../components/reset-request-form';

/** Forgot password: 1) login [+ surname] → SMS code; 2) code + new password. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const describeError = useErrorMessage();
  const config = useAuthConfig();
  const devInbox = useDevInboxAvailable();
  const resend = useRequestPasswordReset();
  const countdown = useCountdown();
  const [request, setRequest] = useState<ResetRequested | null>(null);
  const [previous, setPrevious] = useState<ResetRequested | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [resendError, setResendError] = useState<string | null>(null);

  if (config.isPending) return <PageLoader />;
  const { passwordResetRequiresSurname, passwordMinLength } = config.data ?? defaultAuthConfig;

  const onRequested = (result: ResetRequested) => {
    setRequest(result);
    countdown.start(result.resendAfter);
    setResendError(null);
    setNotice(
      result.alreadySent
        ? t('errors.otp_resend_too_soon')
        : t('forgot.codeSent', { minutes: Math.round(result.codeTtl / 60) }),
    );
  };

  const onResend = () => {
    if (!request) return;
    setResendError(null);
    resend.mutate(
      { login: request.login, ...(request.surname ? { surname: request.surname } : {}) },
      {
        onSuccess: (result) =>
          onRequested({ ...request, resendAfter: result.resendAfter, codeTtl: result.codeTtl, alreadySent: false }),
        onError: (error) => {
          if (error instanceof ApiError && error.retryAfter) countdown.start(error.retryAfter);
          setResendError(describeError(error));
        },
      },
    );
  };

  return (
    <section className="auth-card">
      <PageHeading title={t('forgot.title')}>{t('forgot.title')}</PageHeading>
      {request ? (
        <>
          <p>{t('forgot.step2')}</p>
          <FormAlert tone="success">{notice}</FormAlert>
          <FormAlert>{resendError}</FormAlert>
          <ResetConfirmForm
            login={request.login}
            passwordMinLength={passwordMinLength}
            secondsToResend={countdown.secondsLeft}
            resending={resend.isPending}
            onResend={onResend}
            onDone={() => navigate('/login', { replace: true, state: { passwordChanged: true, login: request.login } })}
          />
          <p className="auth-card__links">
            <button type="button" className="link-button" onClick={() => {
                setPrevious(request);
                setRequest(null);
              }}>
              {t('forgot.changeLogin')}
            </button>
          </p>
        </>
      ) : (
        <>
          <p>{t('forgot.step1')}</p>
          <ResetRequestForm
            initialLogin={previous?.login ?? ''}
            initialSurname={previous?.surname ?? ''}
            askSurname={passwordResetRequiresSurname}
            onRequested={onRequested}
          />
        </>
      )}
      <p className="auth-card__links">
        {devInbox.data ? (
          <a href="/dev/inbox" target="_blank" rel="noopener">
            {t('forgot.devInbox')}
          </a>
        ) : null}
        <Link to="/login">{t('forgot.backToLogin')}</Link>
      </p>
    </section>
  );
}
