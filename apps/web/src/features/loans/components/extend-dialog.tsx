import type { ExtendLoanRequest, LoanView, PaymentView, SavedCardView } from '@cabinet/shared-types';
import { useId, useState } from 'react';
import { useAttemptKey } from '@/shared/api/attempt-key';
import { browser } from '@/shared/lib/browser';
import { formatDay } from '@/shared/lib/format-date';
import { formatMoney } from '@/shared/lib/format-money';
import { FormAlert } from '@/shared/ui/form-alert';
import { ModalDialog } from '@/shared/ui/modal-dialog';
import { useExtensionOffer } from '../api/get-loans';
import { useExtend } from '../api/manage-loans';
import { useLoansError, useLoansT } from '../i18n/use-loans-t';
import { CardChoice, type CardChoiceValue } from './card-choice';
import { useDebounced } from './use-debounced';

interface ExtendDialogProps {
  loan: LoanView;
  cards: SavedCardView[];
  minDays: number;
  maxDays: number;
  open: boolean;
  onClose: () => void;
  onPaid: (payment: PaymentView) => void;
}

/** Extension (пролонгация): the days, then what it costs today — interest to date, any penalty, the fee — and the new date. */
export function ExtendDialog({ loan, cards, minDays, maxDays, open, onClose, onPaid }: ExtendDialogProps) {
  const { t, language } = useLoansT();
  const describe = useLoansError();
  const extend = useExtend(loan.id);
  const attempt = useAttemptKey();
  const daysId = useId();
  const [days, setDays] = useState(Math.min(maxDays, Math.max(minDays, 14)));
  const settled = useDebounced(days);
  const offer = useExtensionOffer(loan.id, settled, open);
  const [method, setMethod] = useState<CardChoiceValue>(() => (cards[0] ? { kind: 'saved', cardId: cards[0].id } : { kind: 'new' }));
  const [error, setError] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  const o = offer.data;
  const money = (m: { amount: number; currency: 'RUB' }) => formatMoney(m, language);
  const ready = o?.available && o.days === days;

  const confirm = () => {
    if (!ready) return;
    setError(null);
    const body: ExtendLoanRequest = method.kind === 'saved' ? { days, method: 'saved_card', cardId: method.cardId } : { days, method: 'bank_card', returnUrl: `/loans/${loan.id}?payment={id}` };
    extend.mutate(
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
      title={t('extend.title')}
      onCancel={onClose}
      actions={
        <>
          <button type="button" className="secondary outline" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" aria-busy={extend.isPending || leaving || undefined} disabled={!ready || extend.isPending || leaving} onClick={confirm}>
            {o && ready ? t('extend.confirm', { amount: money(o.total) }) : t('extend.confirmNoAmount')}
          </button>
        </>
      }
    >
      <p>{t('extend.intro')}</p>
      <div className="slider">
        <label htmlFor={daysId}>{t('extend.days')}</label>
        <output htmlFor={daysId} className="slider__value">
          {t('common.days', { count: days })}
        </output>
        <input id={daysId} type="range" min={minDays} max={maxDays} step={1} value={days} aria-valuetext={t('common.days', { count: days })} onChange={(event) => setDays(Number(event.target.value))} />
      </div>
      <dl className="facts" aria-live="polite" aria-busy={offer.isFetching || undefined}>
        <dt>{t('extend.interest')}</dt>
        <dd>{o ? money(o.interest) : '—'}</dd>
        {o && o.penalty.amount > 0 ? (
          <>
            <dt>{t('extend.penalty')}</dt>
            <dd>{money(o.penalty)}</dd>
          </>
        ) : null}
        <dt>{t('extend.fee')}</dt>
        <dd>{o ? money(o.fee) : '—'}</dd>
        <dt>{t('extend.total')}</dt>
        <dd>{o ? money(o.total) : '—'}</dd>
        <dt>{t('extend.newDue')}</dt>
        <dd>{o?.newDueOn ? formatDay(o.newDueOn, language) : '—'}</dd>
      </dl>
      {o ? <p className="muted">{t('extend.left', { count: o.extensionsLeft })}</p> : null}
      <CardChoice cards={cards} value={method} onChange={setMethod} legend={t('repay.method')} />
      <FormAlert>{error}</FormAlert>
      <FormAlert tone="info">{leaving ? t('repay.redirecting') : null}</FormAlert>
    </ModalDialog>
  );
}
