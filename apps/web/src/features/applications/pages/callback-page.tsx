import { CallbackTopics, type ApplicationStatusView, type CallbackTopic } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/shared/api/api-error';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { normalizePhone } from '@/shared/lib/format-phone';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageHeading } from '@/shared/ui/page-heading';
import { SelectField } from '@/shared/ui/select-field';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useCaptcha } from '@/shared/ui/use-captcha';
import { useFieldFocus } from '@/shared/ui/use-field-focus';
import { useSubmitCallbackRequest } from '../api/submit-application';
import { ApplicationAccepted } from '../components/application-accepted';
import { CaptchaBlock } from '../components/captcha-block';
import { fieldErrorsOf } from '../components/field-errors';

type Field = 'phone' | 'name' | 'topic' | 'comment' | 'captcha';
const order: readonly Field[] = ['phone', 'name', 'topic', 'comment', 'captcha'];
const apiFields: Record<string, Field> = { phone: 'phone', name: 'name', topic: 'topic', comment: 'comment', 'captcha.answer': 'captcha' };

/** /callback — "call me back": a phone and a topic; staff see it in a queue. */
export function CallbackPage() {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const submit = useSubmitCallbackRequest();
  const captcha = useCaptcha();
  const fields = useFieldFocus(order);
  const [phone, setPhone] = useState('');
  const [name, setName] = useState('');
  const [topic, setTopic] = useState<CallbackTopic>('connection');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [accepted, setAccepted] = useState<ApplicationStatusView | null>(null);

  if (accepted) return <ApplicationAccepted view={accepted} phone={phone} />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next: Partial<Record<Field, string>> = {};
    if (!normalizePhone(phone)) next.phone = t('common.invalidPhone');
    if (captcha.challenge && !captcha.answer.trim()) next.captcha = t('common.required');
    setErrors(next);
    if (Object.keys(next).length) {
      setAlert(t('common.fixErrors'));
      fields.focusFirst(next);
      return;
    }
    setAlert(null);
    submit.mutate(
      { phone: phone.trim(), ...(name.trim() ? { name: name.trim() } : {}), topic, ...(comment.trim() ? { comment: comment.trim() } : {}), ...(captcha.value ? { captcha: captcha.value } : {}) },
      {
        onSuccess: setAccepted,
        onError: (error) => {
          const asked = captcha.take(error);
          const mapped = fieldErrorsOf(t, error, apiFields);
          if (error instanceof ApiError && error.code === 'captcha_invalid') mapped.captcha = t('errors.captcha_invalid');
          setErrors(mapped);
          setAlert(describe(error));
          if (asked) requestAnimationFrame(() => fields.focus('captcha'));
          else fields.focusFirst(mapped);
        },
      },
    );
  };

  return (
    <section className="narrow">
      <PageHeading title={t('connect.callbackTitle')}>{t('connect.callbackTitle')}</PageHeading>
      <p className="muted">{t('connect.callbackIntro')}</p>
      <form onSubmit={onSubmit} noValidate aria-label={t('connect.callbackTitle')}>
        <FormAlert>{alert}</FormAlert>
        <TextField ref={fields.register('phone')} label={t('connect.phone')} hint={t('connect.phoneHint')} value={phone} onChange={(e) => setPhone(e.target.value)} error={errors.phone} type="tel" inputMode="tel" autoComplete="tel" required />
        <TextField ref={fields.register('name')} label={t('connect.name')} hint={t('connect.optional')} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} autoComplete="given-name" />
        <SelectField ref={fields.register('topic')} label={t('connect.topic')} value={topic} onChange={(e) => setTopic(e.target.value as CallbackTopic)} error={errors.topic}>
          {CallbackTopics.map((x) => (
            <option key={x} value={x}>
              {t(`connect.topics.${x}`)}
            </option>
          ))}
        </SelectField>
        <div className="field">
          <label htmlFor="callback-comment">{t('connect.comment')}</label>
          <textarea id="callback-comment" ref={fields.register('comment')} value={comment} onChange={(e) => setComment(e.target.value)} rows={3} maxLength={1000} aria-invalid={errors.comment ? true : undefined} />
        </div>
        <CaptchaBlock captcha={captcha} error={errors.captcha} inputRef={fields.register('captcha')} />
        <SubmitButton pending={submit.isPending} pendingLabel={t('connect.sending')} className="wide">
          {t('connect.callbackSubmit')}
        </SubmitButton>
      </form>
    </section>
  );
}
