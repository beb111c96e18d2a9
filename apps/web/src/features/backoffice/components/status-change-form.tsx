import type { OrderStatus, StatusChange, StatusChangeRequest } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { FormAlert } from '@/shared/ui/form-alert';
import { SelectField } from '@/shared/ui/select-field';
import { SubmitButton } from '@/shared/ui/submit-button';

/** The next status by hand (a rejection needs a reason; the applicant reads it and gets an SMS). */
export function StatusChangeForm({
  current,
  choices,
  pending,
  onChange,
}: {
  current: OrderStatus;
  choices: StatusChange[];
  pending: boolean;
  onChange: (body: StatusChangeRequest, done: (error: unknown | null) => void) => void;
}) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const allowed = choices.filter((c) => c !== current);
  const [status, setStatus] = useState<StatusChange | ''>('');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  if (!allowed.length) return null;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!status) return setMessage({ tone: 'error', text: t('backoffice.chooseStatus') });
    if (status === 'rejected' && !reason.trim()) return setMessage({ tone: 'error', text: t('backoffice.reasonRequired') });
    onChange({ status, ...(reason.trim() ? { reason: reason.trim() } : {}) }, (error) => {
      if (error) return setMessage({ tone: 'error', text: describe(error) });
      setMessage({ tone: 'success', text: t('backoffice.statusSaved') });
      setStatus('');
      setReason('');
    });
  };
  return (
    <form onSubmit={onSubmit} aria-label={t('backoffice.changeStatus')} className="panel">
      <h2>{t('backoffice.changeStatus')}</h2>
      <FormAlert tone={message?.tone ?? 'error'}>{message?.text}</FormAlert>
      <SelectField label={t('backoffice.newStatus')} value={status} onChange={(e) => setStatus(e.target.value as StatusChange)}>
        <option value="">{t('backoffice.chooseStatus')}</option>
        {allowed.map((s) => (
          <option key={s} value={s}>
            {t(`requestStatus.${s}`)}
          </option>
        ))}
      </SelectField>
      <div className="field">
        <label htmlFor="status-reason">{status === 'rejected' ? t('backoffice.reason') : t('backoffice.note')}</label>
        <textarea id="status-reason" rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} aria-describedby="status-reason-hint" />
        <small id="status-reason-hint" className="field__hint">
          {t('backoffice.reasonHint')}
        </small>
      </div>
      <SubmitButton pending={pending}>{t('backoffice.saveStatus')}</SubmitButton>
    </form>
  );
}
