import { WebhookEventTypes, type WebhookEndpointWithSecret, type WebhookEventType } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { FormAlert } from '@/shared/ui/form-alert';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useCreateWebhook } from '../api/webhooks';

/** Registers a webhook endpoint for a partner and its events; the signing secret comes back once. */
export function WebhookForm({ partnerId, onCreated }: { partnerId: string; onCreated: (e: WebhookEndpointWithSecret) => void }) {
  const { t } = useTranslation();
  const describeError = useErrorMessage();
  const create = useCreateWebhook();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEventType[]>([]);
  const [errors, setErrors] = useState<{ url?: string; events?: string }>({});
  const [alert, setAlert] = useState<string | null>(null);
  const toggle = (e: WebhookEventType) => setEvents((list) => (list.includes(e) ? list.filter((x) => x !== e) : [...list, e]));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: typeof errors = {};
    if (!/^https?:\/\/\S+$/.test(url.trim())) next.url = t('integrations.badUrl');
    if (!events.length) next.events = t('integrations.chooseEvent');
    setErrors(next);
    if (Object.keys(next).length) return;
    setAlert(null);
    create.mutate(
      { partnerId, url: url.trim(), events: WebhookEventTypes.filter((e) => events.includes(e)) },
      {
        onSuccess: (e) => {
          setUrl('');
          setEvents([]);
          onCreated(e);
        },
        onError: (error) => setAlert(describeError(error)),
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('integrations.addWebhook')}>
      <FormAlert>{alert}</FormAlert>
      <TextField label={t('integrations.webhookUrl')} hint={t('integrations.webhookUrlHint')} name="url" type="url" value={url} onChange={(e) => setUrl(e.target.value)} required error={errors.url} autoCapitalize="off" spellCheck={false} />
      <fieldset aria-invalid={errors.events ? true : undefined} aria-describedby={errors.events ? 'events-error' : undefined}>
        <legend>{t('integrations.events')}</legend>
        {WebhookEventTypes.map((e) => (
          <label key={e}>
            <input type="checkbox" name="events" value={e} checked={events.includes(e)} onChange={() => toggle(e)} />
            <code>{e}</code> — {t(`integrations.event.${e.replace('.', '_')}` as 'integrations.event.payment_succeeded')}
          </label>
        ))}
        {errors.events ? (
          <small id="events-error" className="field__error">
            {errors.events}
          </small>
        ) : null}
      </fieldset>
      <SubmitButton pending={create.isPending}>{t('integrations.addWebhook')}</SubmitButton>
    </form>
  );
}
