import { PaymentLimits, type AccountView, type CreatePaymentRequest, type SavedCardView } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { browser } from '@/shared/lib/browser';
import { formatMoney } from '@/shared/lib/format-money';
import { roublesInput } from '@/shared/lib/parse-money';
import { FormAlert } from '@/shared/ui/form-alert';
import { SubmitButton } from '@/shared/ui/submit-button';
import { useAttemptKey } from '@/shared/api/attempt-key';
import { paymentReturnUrl, useCreatePayment } from '../api/create-payment';
import { AmountField, checkAmount } from './amount-field';
import { cardExpiry, cardLabel, isCardExpired } from './card-label';

type MethodChoice = `saved:${string}` | 'bank_card' | 'sbp' | 'wallet';

function defaultMethod(cards: SavedCardView[]): MethodChoice {
  const usable = cards.filter((card) => !isCardExpired(card));
  const card = usable.find((candidate) => candidate.isDefault) ?? usable[0];
  return card ? `saved:${card.id}` : 'bank_card';
}

interface TopUpFormProps {
  account: AccountView;
  cards: SavedCardView[];
  /** Kopecks to start with (from "try again"). */
  initialAmount: number | null;
}

/**
 * Amount (presets or typed), method (saved cards first, the default one chosen; a new card, which
 * may be saved; SBP; a wallet), then the acquirer: a redirect to its page, or the SBP QR on the
 * payment page. One Idempotency-Key per attempt, reused when the same attempt is sent again.
 */
export function TopUpForm({ account, cards, initialAmount }: TopUpFormProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const describeError = useErrorMessage();
  const create = useCreatePayment();
  const attempt = useAttemptKey();
  const [amountText, setAmountText] = useState(() => (initialAmount ? roublesInput(initialAmount, lang) : ''));
  const [method, setMethod] = useState<MethodChoice>(() => defaultMethod(cards));
  const [saveCard, setSaveCard] = useState(false);
  const [amountError, setAmountError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  const [amountInput, setAmountInput] = useState<HTMLInputElement | null>(null);

  const min = formatMoney({ amount: PaymentLimits.minAmount, currency: 'RUB' }, lang);
  const max = formatMoney({ amount: PaymentLimits.maxAmount, currency: 'RUB' }, lang);
  const checked = checkAmount(amountText);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (checked.problem) {
      const messages = {
        required: t('topUp.amountRequired'),
        invalid: t('topUp.amountInvalid'),
        tooSmall: t('topUp.amountTooSmall', { min }),
        tooLarge: t('topUp.amountTooLarge', { max }),
      };
      setAmountError(messages[checked.problem]);
      amountInput?.focus();
      return;
    }
    setAmountError(null);
    const request: CreatePaymentRequest = {
      accountId: account.id,
      amount: { amount: checked.amount, currency: 'RUB' },
      method: method.startsWith('saved:') ? 'saved_card' : (method as 'bank_card' | 'sbp' | 'wallet'),
      ...(method.startsWith('saved:') ? { cardId: method.slice('saved:'.length) } : {}),
      ...(method === 'bank_card' ? { saveCard } : {}),
      returnUrl: paymentReturnUrl,
    };
    create.mutate(
      { request, idempotencyKey: attempt.keyFor(request) },
      {
        onSuccess: (payment) => {
          attempt.settle(null);
          if (payment.status === 'pending' && payment.confirmation?.type === 'redirect') {
            setLeaving(true);
            browser.assign(payment.confirmation.url);
            return;
          }
          void navigate(`/payments/${payment.id}`);
        },
        onError: (failure) => {
          attempt.settle(failure);
          setError(describeError(failure));
        },
      },
    );
  };

  return (
    <form noValidate onSubmit={onSubmit} className="top-up" aria-labelledby="top-up-form-title">
      <h2 id="top-up-form-title" className="visually-hidden">
        {t('topUp.title')}
      </h2>
      <AmountField
        label={t('topUp.amount')}
        hint={t('topUp.amountHint', { min, max })}
        value={amountText}
        error={amountError}
        inputRef={setAmountInput}
        onChange={(value) => {
          setAmountText(value);
          if (amountError) setAmountError(null);
        }}
      />
      <fieldset className="methods">
        <legend>{t('topUp.method')}</legend>
        {cards.map((card) => {
          const expired = isCardExpired(card);
          return (
            <label key={card.id} className={expired ? 'method method--disabled' : 'method'}>
              <input
                type="radio"
                name="method"
                value={`saved:${card.id}`}
                disabled={expired}
                checked={method === `saved:${card.id}`}
                onChange={() => setMethod(`saved:${card.id}`)}
              />
              <span className="method__text">
                {cardLabel(t, card)}
                <span className="muted">
                  {' '}
                  · {expired ? t('topUp.cardExpired') : t('cards.expires', { date: cardExpiry(card) })}
                </span>
                {card.isDefault ? (
                  <>
                    {' '}
                    <span className="badge">{t('cards.default')}</span>
                  </>
                ) : null}
              </span>
            </label>
          );
        })}
        <label className="method">
          <input type="radio" name="method" value="bank_card" checked={method === 'bank_card'} onChange={() => setMethod('bank_card')} />
          <span className="method__text">{cards.length ? t('topUp.newCard') : t('payment.method.bank_card')}</span>
        </label>
        {method === 'bank_card' ? (
          <label className="checkbox method__save">
            <input type="checkbox" checked={saveCard} onChange={(event) => setSaveCard(event.target.checked)} />
            {t('topUp.saveCard')}
          </label>
        ) : null}
        <label className="method">
          <input type="radio" name="method" value="sbp" checked={method === 'sbp'} onChange={() => setMethod('sbp')} />
          <span className="method__text">{t('topUp.sbp')}</span>
        </label>
        <label className="method">
          <input type="radio" name="method" value="wallet" checked={method === 'wallet'} onChange={() => setMethod('wallet')} />
          <span className="method__text">{t('payment.method.wallet')}</span>
        </label>
      </fieldset>
      <FormAlert>{error}</FormAlert>
      <FormAlert tone="info">{leaving ? t('topUp.redirecting') : null}</FormAlert>
      <SubmitButton pending={create.isPending || leaving} pendingLabel={t('topUp.submitting')} className="wide">
        {checked.amount !== null
          ? t('topUp.submit', { amount: formatMoney({ amount: checked.amount, currency: 'RUB' }, lang) })
          : t('topUp.submitNoAmount')}
      </SubmitButton>
      <p className="muted top-up__note">
        {t('topUp.note')} <Link to="/cards">{t('topUp.cardsLink')}</Link>
      </p>
    </form>
  );
}
