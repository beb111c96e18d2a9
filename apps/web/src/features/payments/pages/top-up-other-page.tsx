import { PaymentLimits, type PayRecipientView, type TopUpOtherRequest } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAttemptKey } from '@/shared/api/attempt-key';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { browser } from '@/shared/lib/browser';
import { formatMoney } from '@/shared/lib/format-money';
import { formatPhone, normalizePhone } from '@/shared/lib/format-phone';
import { parseRoubles } from '@/shared/lib/parse-money';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageHeading } from '@/shared/ui/page-heading';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useLookUpOther, useTopUpOther } from '../api/top-up-other';

/** /payments/other — top up somebody else's number: the owner is shown by a masked name only. */
export function TopUpOtherPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const describe = useErrorMessage();
  const navigate = useNavigate();
  const lookup = useLookUpOther();
  const pay = useTopUpOther();
  const attempt = useAttemptKey();
  const [number, setNumber] = useState('');
  const [recipient, setRecipient] = useState<PayRecipientView | null>(null);
  const [amountText, setAmountText] = useState('');
  const [method, setMethod] = useState<'bank_card' | 'sbp'>('bank_card');
  const [alert, setAlert] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const amount = parseRoubles(amountText);
  const min = formatMoney({ amount: PaymentLimits.minAmount, currency: 'RUB' }, lang);
  const max = formatMoney({ amount: PaymentLimits.maxAmount, currency: 'RUB' }, lang);

  const onFind = (event: FormEvent) => {
    event.preventDefault();
    setAlert(null);
    const value = normalizePhone(number) ?? (/^\d{4,32}$/.test(number.trim()) ? number.trim() : null);
    if (!value) {
      setFieldError(t('topUpOther.numberInvalid'));
      return;
    }
    setFieldError(null);
    lookup.mutate(value, { onSuccess: setRecipient, onError: (e) => setAlert(describe(e)) });
  };

  const onPay = (event: FormEvent) => {
    event.preventDefault();
    if (!recipient) return;
    setAlert(null);
    if (amount === null || amount < PaymentLimits.minAmount || amount > PaymentLimits.maxAmount) {
      setFieldError(t('topUpOther.amountRange', { min, max }));
      return;
    }
    setFieldError(null);
    const request: TopUpOtherRequest = { number: recipient.number, amount: { amount, currency: 'RUB' }, method, returnUrl: '/payments/{id}' };
    pay.mutate(
      { request, idempotencyKey: attempt.keyFor(request) },
      {
        onSuccess: (p) => {
          attempt.settle(null);
          if (p.status === 'pending' && p.confirmation?.type === 'redirect') browser.assign(p.confirmation.url);
          else void navigate(`/payments/${p.id}`);
        },
        onError: (e) => {
          attempt.settle(e);
          setAlert(describe(e));
        },
      },
    );
  };

  return (
    <section className="narrow">
      <PageHeading title={t('topUpOther.title')}>{t('topUpOther.title')}</PageHeading>
      <p className="muted">{t('topUpOther.intro')}</p>
      <FormAlert>{alert}</FormAlert>
      {!recipient ? (
        <form onSubmit={onFind} noValidate aria-label={t('topUpOther.title')}>
          <TextField label={t('topUpOther.number')} value={number} onChange={(e) => setNumber(e.target.value)} error={fieldError} inputMode="tel" />
          <SubmitButton pending={lookup.isPending}>{t('topUpOther.find')}</SubmitButton>
        </form>
      ) : (
        <form onSubmit={onPay} noValidate aria-label={t('topUpOther.title')}>
          <p role="status" aria-label={t('topUpOther.recipient')}>
            {t('topUpOther.recipient')}: <strong>{recipient.maskedName}</strong> · {recipient.kind === 'mobile' ? formatPhone(recipient.number) : recipient.number}
          </p>
          <TextField label={t('topUpOther.amount')} hint={t('topUpOther.amountHint', { min, max })} inputMode="decimal" value={amountText} onChange={(e) => setAmountText(e.target.value)} error={fieldError} />
          <fieldset className="methods">
            <legend>{t('topUp.method')}</legend>
            <label className="method">
              <input type="radio" name="method" checked={method === 'bank_card'} onChange={() => setMethod('bank_card')} />
              <span className="method__text">{t('payment.method.bank_card')}</span>
            </label>
            <label className="method">
              <input type="radio" name="method" checked={method === 'sbp'} onChange={() => setMethod('sbp')} />
              <span className="method__text">{t('topUp.sbp')}</span>
            </label>
          </fieldset>
          <SubmitButton pending={pay.isPending}>{amount !== null ? t('topUp.submit', { amount: formatMoney({ amount, currency: 'RUB' }, lang) }) : t('topUp.submitNoAmount')}</SubmitButton>
          <p>
            <button type="button" className="link-button" onClick={() => setRecipient(null)}>
              {t('topUpOther.another')}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}
