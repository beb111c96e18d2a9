import { SupportLimits, SupportTopics, type CaptchaAnswer, type SupportTopic } from '@cabinet/shared-types';
import { useId, useState, type FormEvent } from 'react';
import { CaptchaField } from '@/shared/ui/captcha-field';
import { FormAlert } from '@/shared/ui/form-alert';
import { SelectField } from '@/shared/ui/select-field';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useCaptcha } from '@/shared/ui/use-captcha';
import { useSupportError, useSupportT } from '../i18n/use-support-t';

export interface OpenChatValues {
  topic: SupportTopic;
  text: string;
  name?: string;
  phone?: string;
  captcha?: CaptchaAnswer;
}

/** Topic and the first message; a visitor also gives a name and a phone (and a captcha when asked). */
export function OpenChatForm({ visitor, pending, onSubmit }: { visitor: boolean; pending: boolean; onSubmit: (v: OpenChatValues) => Promise<unknown> }) {
  const { t } = useSupportT();
  const errorText = useSupportError();
  const id = useId();
  const [topic, setTopic] = useState<SupportTopic>('general');
  const [text, setText] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const captcha = useCaptcha();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await onSubmit({ topic, text, ...(visitor ? { name, phone, ...(captcha.value ? { captcha: captcha.value } : {}) } : {}) });
    } catch (err) {
      if (!captcha.take(err)) setError(errorText(err));
    }
  };

  return (
    <form className="support-open" onSubmit={(e) => void submit(e)}>
      <FormAlert>{error}</FormAlert>
      <SelectField label={t('open.topic')} value={topic} onChange={(e) => setTopic(e.target.value as SupportTopic)}>
        {SupportTopics.map((k) => (
          <option key={k} value={k}>
            {t(`topics.${k}`)}
          </option>
        ))}
      </SelectField>
      {visitor ? (
        <>
          <TextField label={t('open.name')} value={name} onChange={(e) => setName(e.target.value)} required maxLength={SupportLimits.nameMaxLength} autoComplete="given-name" />
          <TextField label={t('open.phone')} hint={t('open.phoneHint')} value={phone} onChange={(e) => setPhone(e.target.value)} required type="tel" inputMode="tel" autoComplete="tel" />
        </>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('open.text')}</label>
        <textarea id={`${id}-text`} rows={4} required maxLength={SupportLimits.messageMaxLength} value={text} onChange={(e) => setText(e.target.value)} aria-describedby={`${id}-hint`} />
        <small id={`${id}-hint`} className="field__hint">
          {t('open.textHint')}
        </small>
      </div>
      {captcha.challenge ? (
        <CaptchaField challenge={captcha.challenge} answer={captcha.answer} onAnswerChange={captcha.setAnswer} onRefresh={captcha.refresh} refreshing={captcha.refreshing} />
      ) : null}
      <SubmitButton pending={pending}>{t('open.submit')}</SubmitButton>
    </form>
  );
}
