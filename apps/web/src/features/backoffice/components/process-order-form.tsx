import type { Operator, StaffOrderView } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAttemptKey } from '@/shared/api/attempt-key';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { formatPhone } from '@/shared/lib/format-phone';
import { FormAlert } from '@/shared/ui/form-alert';
import { SelectField } from '@/shared/ui/select-field';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useStock } from '../api/admin';
import { useProcessOrder } from '../api/queues';

/** Fulfilling an order: a new line needs the SIM card; a SIM order takes a free number too. */
export function ProcessOrderForm({ order, operator }: { order: StaffOrderView; operator: Operator | undefined }) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const process = useProcessOrder(order.id);
  const attempt = useAttemptKey();
  const newLine = order.kind === 'sim' || !order.line;
  const free = useStock({ status: 'available', category: 'regular', operator }, order.kind === 'sim');
  const freeNumbers = free.data?.pages.flatMap((p) => p.items) ?? [];
  const [iccid, setIccid] = useState('');
  const [numberId, setNumberId] = useState('');
  const [alert, setAlert] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const digits = iccid.replace(/\s/g, '');
    if (newLine && !/^89\d{17,18}$/.test(digits)) return setError(t('backoffice.iccidFormat'));
    setError(null);
    const body = { ...(newLine ? { iccid: digits } : {}), ...(order.kind === 'sim' && numberId ? { numberId } : {}) };
    process.mutate(
      { body, key: attempt.keyFor(body) },
      {
        onSuccess: () => attempt.settle(null),
        onError: (e) => {
          attempt.settle(e);
          setAlert(describe(e));
        },
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('backoffice.process')} className="panel">
      <h2>{t('backoffice.fulfil')}</h2>
      <FormAlert>{alert}</FormAlert>
      {!newLine && order.line && order.beautifulNumber ? (
        <p>{t('backoffice.moveNumber', { from: formatPhone(order.line.msisdn), to: formatPhone(order.beautifulNumber.msisdn) })}</p>
      ) : null}
      {newLine ? <TextField label={t('backoffice.iccid')} hint={t('backoffice.iccidHint')} value={iccid} onChange={(e) => setIccid(e.target.value)} error={error} inputMode="numeric" autoComplete="off" required /> : null}
      {order.kind === 'sim' ? (
        <SelectField label={t('backoffice.number')} value={numberId} onChange={(e) => setNumberId(e.target.value)}>
          <option value="">{t('backoffice.firstFree')}</option>
          {freeNumbers.map((n) => (
            <option key={n.id} value={n.id}>
              {formatPhone(n.msisdn)}
            </option>
          ))}
        </SelectField>
      ) : null}
      <SubmitButton pending={process.isPending}>{t('backoffice.fulfilSubmit')}</SubmitButton>
    </form>
  );
}
