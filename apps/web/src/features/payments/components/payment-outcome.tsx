import type { PaymentView } from '@cabinet/shared-types';
import type { TFunction } from 'i18next';

/** The payment's state in one sentence, for the live region and the page. */
export function paymentSentence(t: TFunction, payment: PaymentView, amount: string): string {
  if (payment.status === 'succeeded') {
    if (payment.purpose === 'card_binding') return t('paymentPage.cardBound');
    return payment.loanId ? t('paymentPage.loanSucceeded', { amount }) : t('paymentPage.succeededText', { number: payment.accountNumber, amount });
  }
  if (payment.status === 'canceled') return reasonSentence(t, payment.cancellationReason);
  return t('paymentPage.pending');
}

/** Every cancellation reason of the acquirer in words. */
export function reasonSentence(t: TFunction, reason: PaymentView['cancellationReason']): string {
  return reason ? t(`payment.reason.${reason}`) : t('payment.reason.unknown');
}
