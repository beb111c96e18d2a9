import type { SecurityQuestionChallenge } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError } from '@/shared/api/api-error';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageHeading } from '@/shared/ui/page-heading';
import { PasswordField } from '@/shared/ui/password-field';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useAskSecurityQuestion, useResetBySecurityQuestion } from '../api/security-question';
import { useSecurityQuestionError, useSecurityQuestionT } from '../i18n/use-security-question-t';

/** /forgot-password/question — the recovery path without the phone: login → the question → answer and a new password. */
export function QuestionResetPage() {
  const { t } = useSecurityQuestionT();
  const describe = useSecurityQuestionError();
  const ask = useAskSecurityQuestion();
  const reset = useResetBySecurityQuestion();
  const [login, setLogin] = useState('');
  const [challenge, setChallenge] = useState<SecurityQuestionChallenge | null>(null);
  const [answer, setAnswer] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [attemptsLeft, setAttemptsLeft] = useState<number | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const onAsk = (event: FormEvent) => {
    event.preventDefault();
    setAlert(null);
    if (!login.trim()) {
      setAlert(t('required'));
      return;
    }
    ask.mutate(login.trim(), {
      onSuccess: (c) => {
        setChallenge(c);
        setAttemptsLeft(c.attemptsLeft);
        setAnswer('');
      },
      onError: (e) => setAlert(describe(e)),
    });
  };

  const onReset = (event: FormEvent) => {
    event.preventDefault();
    if (!challenge) return;
    setAlert(null);
    if (!answer.trim() || !newPassword) {
      setAlert(t('required'));
      return;
    }
    reset.mutate(
      { challengeId: challenge.challengeId, answer, newPassword },
      {
        onSuccess: () => setDone(true),
        onError: (e) => {
          if (e instanceof ApiError && typeof e.problem?.attemptsLeft === 'number') setAttemptsLeft(e.problem.attemptsLeft);
          if (e instanceof ApiError && e.code === 'otp_expired') setChallenge(null);
          setAlert(describe(e));
        },
      },
    );
  };

  if (done) {
    return (
      <section className="auth-card">
        <PageHeading title={t('reset.title')}>{t('reset.title')}</PageHeading>
        <FormAlert tone="info">{t('reset.done')}</FormAlert>
        <p>
          <Link to="/login">{t('reset.signIn')}</Link>
        </p>
      </section>
    );
  }

  return (
    <section className="auth-card">
      <PageHeading title={t('reset.title')}>{t('reset.title')}</PageHeading>
      <p className="muted">{t('reset.intro')}</p>
      <FormAlert>{alert}</FormAlert>
      {!challenge ? (
        <form onSubmit={onAsk} noValidate aria-label={t('reset.title')}>
          <TextField label={t('reset.login')} value={login} onChange={(e) => setLogin(e.target.value)} autoComplete="username" required />
          <SubmitButton pending={ask.isPending}>{t('reset.next')}</SubmitButton>
        </form>
      ) : (
        <form onSubmit={onReset} noValidate aria-label={t('reset.title')}>
          <p>
            <strong>{t('reset.question', { question: challenge.question })}</strong>
          </p>
          {attemptsLeft !== null ? <p className="muted">{t('reset.tries', { count: attemptsLeft })}</p> : null}
          <TextField label={t('reset.answer')} value={answer} onChange={(e) => setAnswer(e.target.value)} autoComplete="off" />
          <PasswordField label={t('reset.newPassword')} value={newPassword} onChange={(e) => setNewPassword(e.target.value)} autoComplete="new-password" />
          <SubmitButton pending={reset.isPending}>{t('reset.submit')}</SubmitButton>
        </form>
      )}
      <p className="auth-card__links">
        <Link to="/forgot-password">{t('reset.bySms')}</Link>
      </p>
    </section>
  );
}
