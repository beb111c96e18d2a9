import { PaymentLimits, type AccountView, type AutopayKind, type AutopayRequest, type SavedCardView } from '@cabinet/shared-types';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { formatMoney } from '@/shared/lib/format-money';
import { roublesInput } from '@/shared/lib/parse-money';
import { FormAlert } from '@/shared/ui/form-alert';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useCreateAutopay } from '../api/autopay';
import { checkAmount, type AmountProblem } from './amount-field';
import { cardExpiry, cardLabel, isCardExpired } from './card-label';

const days = Array.from({ length: 28 }, (_, index) => index + 1);

/** A new rule: on a low balance (mobile) or on a day of the month (the internet fee). */
export function AutopayForm({ account, cards }: { account: AccountView; cards: SavedCardView[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const describeError = useErrorMessage();
  const create = useCreateAutopay(account.id);
  const cardId = useId();
  const dayId = useId();
  const usable = cards.filter((card) => !isCardExpired(card));
  const monthlyFee = account.contract?.tariff.monthlyFee.amount ?? account.lines[0]?.tariff.monthlyFee.amount ?? 0;
  const [kind, setKind] = useState<AutopayKind>(account.kind === 'internet' ? 'monthly' : 'threshold');
  const [card, setCard] = useState(() => (usable.find((candidate) => candidate.isDefault) ?? usable[0])?.id ?? '');
  const [amount, setAmount] = useState(() => (monthlyFee ? roublesInput(Math.max(monthlyFee, PaymentLimits.minAmount), lang) : ''));
  const [threshold, setThreshold] = useState(() => roublesInput(100_00, lang));
  const [day, setDay] = useState(() => {
    const start = account.contract ? new Date(account.contract.periodEnd).getDate() : 1;
    return Math.min(28, Math.max(1, start - 1 || 1));
  });
  const [errors, setErrors] = useState<{ amount?: string; threshold?: string }>({});
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const min = formatMoney({ amount: PaymentLimits.minAmount, currency: 'RUB' }, lang);
  const max = formatMoney({ amount: PaymentLimits.maxAmount, currency: 'RUB' }, lang);
  const problemText = (problem: AmountProblem) =>
    ({
      required: t('topUp.amountRequired'),
      invalid: t('topUp.amountInvalid'),
      tooSmall: t('topUp.amountTooSmall', { min }),
      tooLarge: t('topUp.amountTooLarge', { max }),
    })[problem];

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setStatus(null);
    setError(null);
    const checkedAmount = checkAmount(amount);
    const checkedThreshold = checkAmount(threshold, 1, PaymentLimits.maxAmount);
    const next: typeof errors = {};
    if (checkedAmount.problem) next.amount = problemText(checkedAmount.problem);
    if (kind === 'threshold' && checkedThreshold.problem) next.threshold = problemText(checkedThreshold.problem === 'tooSmall' ? 'invalid' : checkedThreshold.problem);
    setErrors(next);
    if (Object.keys(next).length || checkedAmount.amount === null) return;
    const request: AutopayRequest = {
      kind,
      cardId: card,
      amount: { amount: checkedAmount.amount, currency: 'RUB' },
      ...(kind === 'threshold' && checkedThreshold.amount !== null
        ? { threshold: { amount: checkedThreshold.amount, currency: 'RUB' } }
        : { dayOfMonth: day }),
    };
    create.mutate(request, {
      onSuccess: () => setStatus(t('autopay.created')),
      onError: (failure) => setError(describeError(failure)),
    });
  };

  return (
    <form noValidate onSubmit={onSubmit} className="device-form autopay-form" aria-labelledby="autopay-create-title">
      <h3 id="autopay-create-title">{t('autopay.create')}</h3>
      <FormAlert tone="success">{status}</FormAlert>
      <FormAlert>{error}</FormAlert>
      <fieldset>
        <legend>{t('autopay.kind')}</legend>
        <label>
          <input type="radio" name="autopay-kind" checked={kind === 'threshold'} onChange={() => setKind('threshold')} />
          {t('autopay.kindThreshold')}
        </label>
        <label>
          <input type="radio" name="autopay-kind" checked={kind === 'monthly'} onChange={() => setKind('monthly')} />
          {t('autopay.kindMonthly')}
        </label>
        {account.kind === 'internet' ? <small className="field__hint">{t('autopay.kindMonthlyHint')}</small> : null}
      </fieldset>
      <div className="field">
        <label htmlFor={cardId}>{t('autopay.card')}</label>
        <select id={cardId} value={card} onChange={(event) => setCard(event.target.value)}>
          {usable.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {cardLabel(t, candidate)} · {cardExpiry(candidate)}
              {candidate.isDefault ? ` · ${t('cards.default')}` : ''}
            </option>
          ))}
        </select>
      </div>
      <TextField
        label={t('autopay.amount')}
        hint={t('topUp.amountHint', { min, max })}
        inputMode="decimal"
        autoComplete="off"
        value={amount}
        error={errors.amount}
        onChange={(event) => setAmount(event.target.value)}
      />
      {kind === 'threshold' ? (
        <TextField
          label={t('autopay.threshold')}
          hint={t('autopay.thresholdHint')}
          inputMode="decimal"
          autoComplete="off"
          value={threshold}
          error={errors.threshold}
          onChange={(event) => setThreshold(event.target.value)}
        />
      ) : (
        <div className="field">
          <label htmlFor={dayId}>{t('autopay.day')}</label>
          <select id={dayId} value={day} aria-describedby={`${dayId}-hint`} onChange={(event) => setDay(Number(event.target.value))}>
            {days.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
          <small id={`${dayId}-hint`} className="field__hint">
            {t('autopay.dayHint')}
          </small>
        </div>
      )}
      <SubmitButton pending={create.isPending}>{t('autopay.submit')}</SubmitButton>
    </form>
  );
}
