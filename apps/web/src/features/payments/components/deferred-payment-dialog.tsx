import type { DeferredPaymentOffer } from '@cabinet/shared-types';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { formatDay } from '@/shared/lib/format-date';
import { formatMoney } from '@/shared/lib/format-money';
import { FormAlert } from '@/shared/ui/form-alert';
import { ModalDialog } from '@/shared/ui/modal-dialog';
import { useAttemptKey } from '@/shared/api/attempt-key';
import { addDays, useDeferPayment } from '../api/deferred-payment';

interface DeferredPaymentDialogProps {
  accountId: string;
  offer: DeferredPaymentOffer;
  open: boolean;
  onClose: () => void;
  onDone: (paidUntil: string) => void;
}

/** The terms first — the new paid-until date, once a month, what happens if not paid — then the request. */
export function DeferredPaymentDialog({ accountId, offer, open, onClose, onDone }: DeferredPaymentDialogProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const describeError = useErrorMessage();
  const defer = useDeferPayment(accountId);
  const attempt = useAttemptKey();
  const selectId = useId();
  const [days, setDays] = useState(offer.maxDays);
  const [error, setError] = useState<string | null>(null);
  const newPaidUntil = offer.paidUntil ? formatDay(addDays(offer.paidUntil, days), lang) : null;

  const confirm = () => {
    setError(null);
    const body = { days };
    defer.mutate(
      { days, idempotencyKey: attempt.keyFor(body) },
      {
        onSuccess: (answer) => {
          attempt.settle(null);
          onDone(answer.paidUntil);
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
      title={t('deferred.title')}
      onCancel={onClose}
      actions={
        <>
          <button type="button" className="secondary outline" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" aria-busy={defer.isPending || undefined} disabled={defer.isPending} onClick={confirm}>
            {t('deferred.confirm', { count: days })}
          </button>
        </>
      }
    >
      <p>{t('deferred.intro', { fee: formatMoney(offer.monthlyFee, lang) })}</p>
      <div className="field">
        <label htmlFor={selectId}>{t('deferred.days')}</label>
        <select id={selectId} value={days} onChange={(event) => setDays(Number(event.target.value))}>
          {Array.from({ length: offer.maxDays }, (_, index) => index + 1).map((value) => (
            <option key={value} value={value}>
              {t('deferred.daysValue', { count: value })}
            </option>
          ))}
        </select>
      </div>
      <h3 className="terms__title">{t('deferred.terms')}</h3>
      <dl className="facts" aria-live="polite">
        {offer.paidUntil ? (
          <>
            <dt>{t('deferred.paidUntilNow')}</dt>
            <dd>{formatDay(offer.paidUntil, lang)}</dd>
          </>
        ) : null}
        <dt>{t('deferred.paidUntilNew')}</dt>
        <dd>{newPaidUntil ?? '—'}</dd>
      </dl>
      <ul className="terms">
        <li>{t('deferred.onceAMonth')}</li>
        <li>{t('deferred.payLater', { fee: formatMoney(offer.monthlyFee, lang), date: newPaidUntil ?? '—' })}</li>
      </ul>
      <FormAlert>{error}</FormAlert>
    </ModalDialog>
  );
}
