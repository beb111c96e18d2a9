import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '@/shared/ui/form-alert';
import { cardsQueryKey } from '../api/get-cards';
import { usePayment } from '../api/get-payment';
import { cardLabel } from './card-label';
import { reasonSentence } from './payment-outcome';

/** Back from the acquirer with `?bound=<paymentId>`: waits for the 1 ₽ check, then shows the new card. */
export function BindResult({ paymentId }: { paymentId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const payment = usePayment(paymentId, true);
  const status = payment.data?.status;

  useEffect(() => {
    if (status === 'succeeded') void queryClient.invalidateQueries({ queryKey: cardsQueryKey });
  }, [status, queryClient]);

  if (payment.isError) return <FormAlert>{t('cards.boundUnknown')}</FormAlert>;
  if (!payment.data || status === 'pending') {
    return (
      <div role="status" aria-busy="true" className="form-alert form-alert--info">
        {t('cards.boundPending')}
      </div>
    );
  }
  if (status === 'succeeded') {
    return (
      <FormAlert tone="success">
        {payment.data.card ? t('cards.bound', { card: cardLabel(t, payment.data.card) }) : t('cards.boundNoCard')}
      </FormAlert>
    );
  }
  return <FormAlert>{t('cards.boundFailed', { reason: reasonSentence(t, payment.data.cancellationReason) })}</FormAlert>;
}
