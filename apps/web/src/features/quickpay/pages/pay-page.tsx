import { PaymentLimits, type PayRecipientView, type QuickPayMethod, type QuickPayRequest } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useAttemptKey } from '@/shared/api/attempt-key';
import { browser } from '@/shared/lib/browser';
import { formatMoney } from '@/shared/lib/format-money';
import { formatPhone, normalizePhone } from '@/shared/lib/format-phone';
import { parseRoubles, roublesInput } from '@/shared/lib/parse-money';
import { CaptchaField } from '@/shared/ui/captcha-field';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageHeading } from '@/shared/ui/page-heading';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useCaptcha } from '@/shared/ui/use-captcha';
import { useCreateQuickPayment, useLookUpRecipient } from '../api/quickpay';
import { useQuickPayError, useQuickPayT } from '../i18n/use-quickpay-t';

const presets = [100_00, 300_00, 500_00, 1000_00] as const;

/** A phone (10 digits after +7/8) or a contract number (digits only) — what the API takes. */
export function numberForApi(input: string): string | null {
  const phone = normalizePhone(input);
  if (phone) return phone;
  const digits = input.trim();
  return /^\d{4,32}$/.test(digits) ? digits : null;
}

export function recipientNumber(view: PayRecipientView): string {
  return view.kind === 'mobile' ? formatPhone(view.number) : view.number;
}

/**
 * /pay — "Оплатить без входа": a number (phone or contract), then whom it belongs to (a masked name),
 * an amount and card or SBP. The card goes to the acquirer's page and comes back to /pay/:id.
 */
export function PayPage() {
  const { t, language } = useQuickPayT();
  const describe = useQuickPayError();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const lookup = useLookUpRecipient();
  const create = useCreateQuickPayment();
  const attempt = useAttemptKey();
  const captcha = useCaptcha();
  const [number, setNumber] = useState(params.get('number') ?? '');
  const [numberError, setNumberError] = useState<string | null>(null);
  const [recipient, setRecipient] = useState<PayRecipientView | null>(null);
  const [amountText, setAmountText] = useState('');
  const [amountError, setAmountError] = useState<string | null>(null);
  const [method, setMethod] = useState<QuickPayMethod>('bank_card');
  const [alert, setAlert] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);

  const min = formatMoney({ amount: PaymentLimits.minAmount, currency: 'RUB' }, language);
  const max = formatMoney({ amount: PaymentLimits.maxAmount, currency: 'RUB' }, language);
  const amount = parseRoubles(amountText);

  const onFind = (event: FormEvent) => {
    event.preventDefault();
    const value = numberForApi(number);
    if (!value) {
      setNumberError(t('numberInvalid'));
      return;
    }
    setNumberError(null);
    setAlert(null);
    lookup.mutate(
      { number: value, ...(captcha.value ? { captcha: captcha.value } : {}) },
      {
        onSuccess: (view) => {
          setRecipient(view);
        },
        onError: (error) => {
          captcha.take(error);
          setAlert(describe(error));
        },
      },
    );
  };

  const onPay = (event: FormEvent) => {
    event.preventDefault();
    if (!recipient) return;
    if (amount === null) {
      setAmountError(t('amountInvalid'));
      return;
    }
    if (amount < PaymentLimits.minAmount || amount > PaymentLimits.maxAmount) {
      setAmountError(t('amountRange', { min, max }));
      return;
    }
    setAmountError(null);
    setAlert(null);
    const request: QuickPayRequest = { number: recipient.number, amount: { amount, currency: 'RUB' }, method, returnUrl: '/pay/{id}' };
    const withCaptcha = captcha.value ? { ...request, captcha: captcha.value } : request;
    create.mutate(
      { request: withCaptcha, idempotencyKey: attempt.keyFor(withCaptcha) },
      {
        onSuccess: (payment) => {
          attempt.settle(null);
          if (payment.status === 'pending' && payment.confirmation?.type === 'redirect') {
            setLeaving(true);
            browser.assign(payment.confirmation.url);
            return;
          }
          void navigate(`/pay/${payment.id}`);
        },
        onError: (error) => {
          attempt.settle(error);
          captcha.take(error);
          setAlert(describe(error));
        },
      },
    );
  };

  const captchaBlock = captcha.challenge ? (
    <>
      <p className="muted">{t('captchaWhy')}</p>
      <CaptchaField challenge={captcha.challenge} answer={captcha.answer} onAnswerChange={captcha.setAnswer} onRefresh={captcha.refresh} refreshing={captcha.refreshing} />
    </>
  ) : null;

  return (
    <section className="narrow">
      <PageHeading title={t('title')}>{t('title')}</PageHeading>
      <p className="muted">{t('intro')}</p>
      {!recipient ? (
        <form onSubmit={onFind} noValidate aria-label={t('title')}>
          <FormAlert>{alert}</FormAlert>
          <TextField
            label={t('number')}
            hint={t('numberHint')}
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            error={numberError}
            inputMode="tel"
            autoComplete="tel"
            required
          />
          {captchaBlock}
          <SubmitButton pending={lookup.isPending} pendingLabel={t('finding')} className="wide">
            {t('find')}
          </SubmitButton>
        </form>
      ) : (
        <form onSubmit={onPay} noValidate aria-label={t('title')}>
          <div role="status" aria-label={t('recipient')} className="card">
            <p className="muted">{t('recipient')}</p>
            <p>
              <strong>{recipient.maskedName}</strong> · {recipientNumber(recipient)}
            </p>
            <p className="muted">{t(recipient.kind === 'mobile' ? 'recipientKind_mobile' : 'recipientKind_internet')}</p>
            <button type="button" className="link-button" onClick={() => setRecipient(null)}>
              {t('changeNumber')}
            </button>
          </div>
          <div role="group" aria-label={t('presets')} className="presets">
            {presets.map((p) => (
              <button key={p} type="button" className="preset" aria-pressed={amount === p} onClick={() => setAmountText(roublesInput(p, language))}>
                {formatMoney({ amount: p, currency: 'RUB' }, language)}
              </button>
            ))}
          </div>
          <TextField label={t('amount')} hint={t('amountHint', { min, max })} inputMode="decimal" autoComplete="off" value={amountText} error={amountError} onChange={(e) => setAmountText(e.target.value)} />
          <fieldset className="methods">
            <legend>{t('method')}</legend>
            {(['bank_card', 'sbp'] as const).map((m) => (
              <label key={m} className="method">
                <input type="radio" name="method" value={m} checked={method === m} onChange={() => setMethod(m)} />
                <span className="method__text">{t(m === 'bank_card' ? 'method_bank_card' : 'method_sbp')}</span>
              </label>
            ))}
          </fieldset>
          {captchaBlock}
          <FormAlert>{alert}</FormAlert>
          <FormAlert tone="info">{leaving ? t('redirecting') : null}</FormAlert>
          <SubmitButton pending={create.isPending || leaving} pendingLabel={t('paying')} className="wide">
            {t('pay', { amount: amount !== null ? formatMoney({ amount, currency: 'RUB' }, language) : '' })}
          </SubmitButton>
          <p className="muted">{t('privacy')}</p>
        </form>
      )}
    </section>
  );
}
