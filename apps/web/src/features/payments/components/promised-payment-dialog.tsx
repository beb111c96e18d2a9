import type { PromisedPaymentOffer, PromisedPaymentView } from '@cabinet/shared-types';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { formatDay } from '@/shared/lib/format-date';
import { formatMoney } from '@/shared/lib/format-money';
import { parseRoubles, roublesInput } from '@/shared/lib/parse-money';
import { FormAlert } from '@/shared/ui/form-alert';
import { ModalDialog } from '@/shared/ui/modal-dialog';
import { TextField } from '@/shared/ui/text-field';
import { useAttemptKey } from '@/shared/api/attempt-key';
import { feeFor, useTakePromisedPayment } from '../api/promised-payment';

interface PromisedPaymentDialogProps {
  accountId: string;
  offer: PromisedPaymentOffer;
  open: boolean;
  onClose: () => void;
  onDone: (taken: PromisedPaymentView) => void;
}

/** The terms first — amount up to the limit, the fee for it, the due date, repayment and the block — then the request. */
export function PromisedPaymentDialog({ accountId, offer, open, onClose, onDone }: PromisedPaymentDialogProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const describeError = useErrorMessage();
  const take = useTakePromisedPayment(accountId);
  const attempt = useAttemptKey();
  const [text, setText] = useState(() => roublesInput(offer.maxAmount.amount, lang));
  const [error, setError] = useState<string | null>(null);
  // When the dialog opened: the due date shown is counted from then (the API sets the exact moment).
  const [openedAt] = useState(() => Date.now());
  const money = (amount: number) => formatMoney({ amount, currency: 'RUB' }, lang);

  const parsed = parseRoubles(text);
  const amount = parsed !== null && parsed > 0 && parsed <= offer.maxAmount.amount ? parsed : null;
  const fee = amount === null ? null : feeFor(offer, amount);
  const dueAt = formatDay(new Date(openedAt + offer.days * 86_400_000).toISOString(), lang);
  const fieldError =
    text.trim() && amount === null ? t('promised.amountInvalid', { max: money(offer.maxAmount.amount) }) : null;

  const confirm = () => {
    if (amount === null) {
      setError(t('promised.amountInvalid', { max: money(offer.maxAmount.amount) }));
      return;
    }
    setError(null);
    const body = { amount: { amount, currency: 'RUB' as const } };
    take.mutate(
      { ...body, idempotencyKey: attempt.keyFor(body) },
      {
        onSuccess: (taken) => {
          attempt.settle(null);
          onDone(taken);
        },
        onError: (failure) => {
          attempt.settle(failure);
          setError(describeError(failure));
        },
      },
    );
  };

  return (
    <ModalDialog
      open={open}
      title={t('promised.title')}
      onCancel={onClose}
      actions={
        <>
          <button type="button" className="secondary outline" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            aria-busy={take.isPending || undefined}
            disabled={take.isPending || amount === null}
            onClick={confirm}
          >
            {amount === null ? t('promised.confirmNoAmount') : t('promised.confirm', { amount: money(amount) })}
          </button>
        </>
      }
    >
      <p>{t('promised.intro', { count: offer.days })}</p>
      <TextField
        label={t('promised.amount')}
        hint={t('promised.amountHint', { max: money(offer.maxAmount.amount) })}
        inputMode="decimal"
        autoComplete="off"
        value={text}
        error={fieldError}
        onChange={(event) => setText(event.target.value)}
      />
      <h3 className="terms__title">{t('promised.terms')}</h3>
      <dl className="facts" aria-live="polite">
        <dt>{t('promised.fee')}</dt>
        <dd>{fee ? (fee.amount === 0 ? t('tariff.free') : formatMoney(fee, lang)) : '—'}</dd>
        <dt>{t('promised.total')}</dt>
        <dd>{amount !== null && fee ? money(amount + fee.amount) : '—'}</dd>
        <dt>{t('promised.due')}</dt>
        <dd>{dueAt}</dd>
      </dl>
      <ul className="terms">
        <li>{t('promised.repay')}</li>
        <li>{t('promised.block', { date: dueAt })}</li>
        <li>
          {t('promised.fees')}{' '}
          {offer.fees
            .map((band) => t('promised.feeBand', { upTo: formatMoney(band.upTo, lang), fee: formatMoney(band.fee, lang) }))
            .join('; ')}
        </li>
      </ul>
      <FormAlert>{error}</FormAlert>
    </ModalDialog>
  );
}
