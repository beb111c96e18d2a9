import type { AccountView, AdjustmentDirection } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAttemptKey } from '@/shared/api/attempt-key';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { formatMoney } from '@/shared/lib/format-money';
import { parseRoubles } from '@/shared/lib/parse-money';
import { FormAlert } from '@/shared/ui/form-alert';
import { SelectField } from '@/shared/ui/select-field';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useAdjustBalance } from '../api/customers';

/** Admin: credit or debit an account with a mandatory reason (it goes through the ledger and the audit log). */
export function AdjustmentForm({ customerId, account }: { customerId: string; account: AccountView }) {
  const { t, i18n } = useTranslation();
  const describe = useErrorMessage();
  const adjust = useAdjustBalance(customerId);
  const attempt = useAttemptKey();
  const [direction, setDirection] = useState<AdjustmentDirection>('credit');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const kopecks = parseRoubles(amount);
    if (kopecks === null || kopecks <= 0) return setMessage({ tone: 'error', text: t('backoffice.amountInvalid') });
    if (!reason.trim()) return setMessage({ tone: 'error', text: t('backoffice.reasonRequired') });
    const body = { direction, amount: { amount: kopecks, currency: 'RUB' as const }, reason: reason.trim() };
    adjust.mutate(
      { accountId: account.id, body, key: attempt.keyFor(body) },
      {
        onSuccess: (r) => {
          attempt.settle(null);
          setMessage({ tone: 'success', text: t('backoffice.adjusted', { balance: formatMoney(r.balanceAfter, i18n.language) }) });
          setAmount('');
          setReason('');
        },
        onError: (e) => {
          attempt.settle(e);
          setMessage({ tone: 'error', text: describe(e) });
        },
      },
    );
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('backoffice.adjustTitle', { number: account.number })} className="panel">
      <h3>{t('backoffice.adjustTitle', { number: account.number })}</h3>
      <FormAlert tone={message?.tone ?? 'error'}>{message?.text}</FormAlert>
      <SelectField label={t('backoffice.direction')} value={direction} onChange={(e) => setDirection(e.target.value as AdjustmentDirection)}>
        <option value="credit">{t('backoffice.credit')}</option>
        <option value="debit">{t('backoffice.debit')}</option>
      </SelectField>
      <TextField label={t('backoffice.amount')} value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" autoComplete="off" required />
      <TextField label={t('backoffice.reason')} hint={t('backoffice.adjustReasonHint')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} required />
      <SubmitButton pending={adjust.isPending}>{t('backoffice.adjustSubmit')}</SubmitButton>
    </form>
  );
}
