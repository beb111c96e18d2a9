import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { FormAlert } from '@/shared/ui/form-alert';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useSubscribe } from '../api/news';

/** The newsletter form: sends a confirmation link (double opt-in). */
export function SubscribeForm() {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const subscribe = useSubscribe();
  const [email, setEmail] = useState('');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    subscribe.mutate(email.trim());
  };
  return (
    <section aria-labelledby="newsletter-heading" className="card">
      <h2 id="newsletter-heading">{t('newsletter.title')}</h2>
      <p className="muted">{t('newsletter.intro')}</p>
      {subscribe.isSuccess ? (
        <FormAlert tone="success">{t('newsletter.sent', { email: subscribe.data.email })}</FormAlert>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          {subscribe.isError ? <FormAlert>{message(subscribe.error)}</FormAlert> : null}
          <TextField label={t('newsletter.email')} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          <SubmitButton pending={subscribe.isPending} disabled={!email.includes('@')}>
            {t('newsletter.subscribe')}
          </SubmitButton>
        </form>
      )}
    </section>
  );
}
