import { useState, type FormEvent } from 'react';
import { FormAlert } from '@/shared/ui/form-alert';
import { PasswordField } from '@/shared/ui/password-field';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useRemoveSecurityQuestion, useSecurityQuestion, useSetSecurityQuestion } from '../api/security-question';
import { useSecurityQuestionError, useSecurityQuestionT } from '../i18n/use-security-question-t';

/** The profile's card: set, change or remove the security question (the password is asked again). */
export function SecurityQuestionCard() {
  const { t } = useSecurityQuestionT();
  const describe = useSecurityQuestionError();
  const current = useSecurityQuestion();
  const save = useSetSecurityQuestion();
  const remove = useRemoveSecurityQuestion();
  const [question, setQuestion] = useState('');
  const [answer, setAnswer] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Partial<Record<'question' | 'answer' | 'password', string>>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    setAlert(null);
    const next: typeof errors = {};
    if (question.trim().length < 5) next.question = t('required');
    if (!answer.trim()) next.answer = t('required');
    if (!password) next.password = t('required');
    setErrors(next);
    if (Object.keys(next).length) return;
    save.mutate(
      { question: question.trim(), answer, password },
      {
        onSuccess: () => {
          setDone(t('card.saved'));
          setQuestion('');
          setAnswer('');
          setPassword('');
        },
        onError: (error) => setAlert(describe(error)),
      },
    );
  };

  return (
    <article aria-labelledby="profile-security-question">
      <h2 id="profile-security-question">{t('card.title')}</h2>
      <p className="muted">{t('card.intro')}</p>
      <p>{current.data?.question ? t('card.current', { question: current.data.question }) : t('card.none')}</p>
      <FormAlert tone="info">{done}</FormAlert>
      <form onSubmit={onSubmit} noValidate aria-label={t('card.title')}>
        <FormAlert>{alert}</FormAlert>
        <TextField label={t('card.question')} hint={t('card.questionHint')} value={question} onChange={(e) => setQuestion(e.target.value)} error={errors.question} maxLength={200} />
        <TextField label={t('card.answer')} hint={t('card.answerHint')} value={answer} onChange={(e) => setAnswer(e.target.value)} error={errors.answer} maxLength={100} autoComplete="off" />
        <PasswordField label={t('card.password')} value={password} onChange={(e) => setPassword(e.target.value)} error={errors.password} autoComplete="current-password" />
        <SubmitButton pending={save.isPending}>{t('card.save')}</SubmitButton>
      </form>
      {current.data?.question ? (
        <p>
          <button type="button" className="link-button" disabled={remove.isPending} onClick={() => remove.mutate(undefined, { onSuccess: () => setDone(t('card.removed')), onError: (e) => setAlert(describe(e)) })}>
            {t('card.remove')}
          </button>
        </p>
      ) : null}
    </article>
  );
}
