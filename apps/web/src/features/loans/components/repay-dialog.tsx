import type { LoanView, PaymentView, RepayLoanRequest, SavedCardView } from '@cabinet/shared-types';
import { useState } from 'react';
import { useAttemptKey } from '@/shared/api/attempt-key';
import { browser } from '@/shared/lib/browser';
import { formatMoney } from '@/shared/lib/format-money';
import { parseRoubles, roublesInput } from '@/shared/lib/parse-money';
import { FormAlert } from '@/shared/ui/form-alert';
import { ModalDialog } from '@/shared/ui/modal-dialog';
import { TextField } from '@/shared/ui/text-field';
import { useRepay } from '../api/manage-loans';
import { useLoansError, useLoansT } from '../i18n/use-loans-t';
import { splitPayment } from './loan-format';
import { CardChoice, type CardChoiceValue } from './card-choice';

interface RepayDialogProps {
  loan: LoanView;
  cards: SavedCardView[];
  open: boolean;
  onClose: () => void;
  onPaid: (payment: PaymentView) => void;
}

/**
 * Repay in part or in full. Before confirming it shows where the money goes — penalties, then interest
 * to today, then principal — and what is left; an amount above the debt is not offered.
 */
export function RepayDialog({ loan, cards, open, onClose, onPaid }: RepayDialogProps) {
  const { t, language } = useLoansT();
  const describe = useLoansError();
  const repay = useRepay(loan.id);
  const attempt = useAttemptKey();
  const debt = loan.debt!;
  const next = loan.nextPayment;
  const [text, setText] = useState(() => roublesInput(next && next.amount.amount < debt.total.amount ? next.amount.amount : debt.total.amount, language));
  const [method, setMethod] = useState<CardChoiceValue>(() => (cards[0] ? { kind: 'saved', cardId: cards[0].id } : { kind: 'new' }));
  const [error, setError] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  const money = (amount: number) => formatMoney({ amount, currency: 'RUB' }, language);

  const amount = parseRoubles(text);
  const valid = amount !== null && amount > 0 && amount <= debt.total.amount;
  const split = valid ? splitPayment(debt, amount) : null;
  const fieldError = text.trim() && !valid ? (amount !== null && amount > debt.total.amount ? t('repay.tooMuch', { max: money(debt.total.amount) }) : t('repay.invalid')) : null;

  const confirm = () => {
    if (!valid || amount === null) return;
    setError(null);
    const body: RepayLoanRequest =
      method.kind === 'saved' ? { amount: { amount, currency: 'RUB' }, method: 'saved_card', cardId: method.cardId } : { amount: { amount, currency: 'RUB' }, method: 'bank_card', returnUrl: `/loans/${loan.id}?payment={id}` };
    repay.mutate(
      { body, idempotencyKey: attempt.keyFor(body) },
      {
        onSuccess: (payment) => {
          attempt.settle(null);
          if (payment.status === 'pending' && payment.confirmation?.type === 'redirect') {
            setLeaving(true);
            browser.assign(payment.confirmation.url);
            return;
          }
          onPaid(payment);
        },
        onError: (failure) => {
          attempt.settle(failure);
          setError(describe(failure));
        },
      },
    );
  };

  return (
    <ModalDialog
      open={open}
      title={t('repay.title')}
      onCancel={onClose}
      actions={
        <>
          <button type="button" className="secondary outline" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" aria-busy={repay.isPending || leaving || undefined} disabled={!valid || repay.isPending || leaving} onClick={confirm}>
            {valid && amount !== null ? t('repay.confirm', { amount: money(amount) }) : t('repay.confirmNoAmount')}
          </button>
        </>
      }
    >
      <p>{t('repay.debtNow', { amount: money(debt.total.amount), date: debt.asOf.split('-').reverse().join('.') })}</p>
      <div role="group" aria-label={t('repay.presets')} className="presets">
        {next && next.amount.amount < debt.total.amount ? (
          <button type="button" className="preset" aria-pressed={amount === next.amount.amount} onClick={() => setText(roublesInput(next.amount.amount, language))}>
            {t('repay.next', { amount: money(next.amount.amount) })}
          </button>
        ) : null}
        <button type="button" className="preset" aria-pressed={amount === debt.total.amount} onClick={() => setText(roublesInput(debt.total.amount, language))}>
          {t('repay.all', { amount: money(debt.total.amount) })}
        </button>
      </div>
      <TextField label={t('repay.amount')} inputMode="decimal" autoComplete="off" value={text} error={fieldError} onChange={(event) => setText(event.target.value)} />
      <CardChoice cards={cards} value={method} onChange={setMethod} legend={t('repay.method')} />
      <h3 className="terms__title">{t('repay.split')}</h3>
      <dl className="facts" aria-live="polite">
        <dt>{t('repay.toPenalty')}</dt>
        <dd>{split ? money(split.toPenalty) : '—'}</dd>
        <dt>{t('repay.toInterest')}</dt>
        <dd>{split ? money(split.toInterest) : '—'}</dd>
        <dt>{t('repay.toPrincipal')}</dt>
        <dd>{split ? money(split.toPrincipal) : '—'}</dd>
        <dt>{t('repay.left')}</dt>
        <dd>{split ? (split.remaining === 0 ? t('repay.closes') : money(split.remaining)) : '—'}</dd>
      </dl>
      <FormAlert>{error}</FormAlert>
      <FormAlert tone="info">{leaving ? t('repay.redirecting') : null}</FormAlert>
    </ModalDialog>
  );
}
