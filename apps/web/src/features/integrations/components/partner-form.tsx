import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { FormAlert } from '@/shared/ui/form-alert';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useCreatePartner } from '../api/partners';

/** Adds a partner: a name and the address failure notices go to. */
export function PartnerForm({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const describeError = useErrorMessage();
  const create = useCreatePartner();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<{ name?: string; email?: string }>({});
  const [alert, setAlert] = useState<string | null>(null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: typeof errors = {};
    if (!name.trim()) next.name = t('common.required');
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) next.email = t('common.invalidEmail');
    setErrors(next);
    if (Object.keys(next).length) return;
    setAlert(null);
    create.mutate(
      { name: name.trim(), contactEmail: email.trim(), description: description.trim() || null },
      { onSuccess: (p) => onCreated(p.id), onError: (error) => setAlert(describeError(error)) },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('integrations.addPartner')}>
      <FormAlert>{alert}</FormAlert>
      <TextField label={t('integrations.partnerName')} name="name" value={name} onChange={(e) => setName(e.target.value)} required error={errors.name} maxLength={100} />
      <TextField label={t('integrations.contactEmail')} hint={t('integrations.contactEmailHint')} name="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required error={errors.email} />
      <TextField label={t('integrations.description')} name="description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500} />
      <SubmitButton pending={create.isPending}>{t('integrations.addPartner')}</SubmitButton>
    </form>
  );
}
