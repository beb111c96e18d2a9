import type { ApplicationView, Operator, ProcessApplicationRequest } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAttemptKey } from '@/shared/api/attempt-key';
import { useErrorMessage, useFieldErrorMessage } from '@/shared/i18n/error-message';
import { formatPhone } from '@/shared/lib/format-phone';
import { FormAlert } from '@/shared/ui/form-alert';
import { SelectField } from '@/shared/ui/select-field';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useStock } from '../api/admin';
import { useProcessApplication } from '../api/queues';

const ICCID = /^89\d{17,18}$/;

/**
 * Processing a connection application: the SIM card (ICCID) and a number for a mobile one, the
 * customer's name when nobody has the applicant's phone yet; the API opens the account and sends the
 * first-login SMS.
 */
export function ProcessApplicationForm({ application }: { application: ApplicationView }) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const fieldText = useFieldErrorMessage();
  const process = useProcessApplication(application.id);
  const attempt = useAttemptKey();
  const mobile = application.kind === 'mobile';
  const operator = application.tariff?.provider as Operator | undefined;
  const free = useStock({ status: 'available', category: 'regular', operator }, mobile && !application.chosenNumber);
  const freeNumbers = free.data?.pages.flatMap((p) => p.items) ?? [];
  const [first, ...rest] = application.name.split(/\s+/);
  const guess = application.kind === 'internet' ? { surname: first ?? '', name: rest[0] ?? '', patronymic: rest.slice(1).join(' ') } : { surname: '', name: application.name, patronymic: '' };
  const [iccid, setIccid] = useState('');
  const [numberId, setNumberId] = useState('');
  const [surname, setSurname] = useState(guess.surname);
  const [name, setName] = useState(guess.name);
  const [patronymic, setPatronymic] = useState(guess.patronymic);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const needsName = !application.existingCustomerId;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    const digits = iccid.replace(/\s/g, '');
    if (mobile && !ICCID.test(digits)) next.iccid = t('backoffice.iccidFormat');
    if (needsName && !surname.trim()) next.surname = t('common.required');
    if (needsName && !name.trim()) next.name = t('common.required');
    setErrors(next);
    if (Object.keys(next).length) return setAlert(t('common.fixErrors'));
    const body: ProcessApplicationRequest = {
      ...(mobile ? { iccid: digits } : {}),
      ...(mobile && numberId ? { numberId } : {}),
      ...(needsName ? { customer: { surname: surname.trim(), name: name.trim(), ...(patronymic.trim() ? { patronymic: patronymic.trim() } : {}) } } : {}),
    };
    setAlert(null);
    process.mutate(
      { body, key: attempt.keyFor(body) },
      {
        onSuccess: () => attempt.settle(null),
        onError: (error) => {
          attempt.settle(error);
          setErrors({ iccid: fieldText(error, 'iccid') ?? '', surname: fieldText(error, 'customer.surname') ?? '' });
          setAlert(describe(error));
        },
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('backoffice.process')} className="panel">
      <h2>{t(mobile ? 'backoffice.processMobile' : 'backoffice.processInternet')}</h2>
      <FormAlert>{alert}</FormAlert>
      {application.existingCustomerId ? <p className="notice">{t('backoffice.attachToExisting', { phone: formatPhone(application.phone) })}</p> : null}
      {mobile ? (
        <>
          <TextField label={t('backoffice.iccid')} hint={t('backoffice.iccidHint')} value={iccid} onChange={(e) => setIccid(e.target.value)} error={errors.iccid || null} inputMode="numeric" autoComplete="off" required />
          {application.chosenNumber ? (
            <p>{t('backoffice.chosenNumber', { number: formatPhone(application.chosenNumber.msisdn) })}</p>
          ) : (
            <SelectField label={t('backoffice.number')} value={numberId} onChange={(e) => setNumberId(e.target.value)} hint={free.isSuccess && !freeNumbers.length ? t('backoffice.noFreeNumbers') : undefined}>
              <option value="">{t('backoffice.firstFree')}</option>
              {freeNumbers.map((n) => (
                <option key={n.id} value={n.id}>
                  {formatPhone(n.msisdn)}
                </option>
              ))}
            </SelectField>
          )}
        </>
      ) : (
        <p className="muted">{t('backoffice.contractNote')}</p>
      )}
      {needsName ? (
        <fieldset>
          <legend>{t('backoffice.customerName')}</legend>
          <TextField label={t('backoffice.surname')} value={surname} onChange={(e) => setSurname(e.target.value)} error={errors.surname || null} required />
          <TextField label={t('backoffice.firstName')} value={name} onChange={(e) => setName(e.target.value)} error={errors.name || null} required />
          <TextField label={t('backoffice.patronymic')} value={patronymic} onChange={(e) => setPatronymic(e.target.value)} />
        </fieldset>
      ) : null}
      <SubmitButton pending={process.isPending}>{t('backoffice.processSubmit')}</SubmitButton>
    </form>
  );
}
