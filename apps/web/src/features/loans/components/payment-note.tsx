import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { formatMoney } from '@/shared/lib/format-money';
import { useLoanPayment } from '../api/get-loans';
import { loansQueryKey } from '../api/get-products';
import { useLoansT } from '../i18n/use-loans-t';

/** Back from the acquirer's page (`?payment=`): how the payment went, read until it settles; then the loan is read again. */
export function PaymentNote({ paymentId }: { paymentId: string }) {
  const { t, language } = useLoansT();
  const payment = useLoanPayment(paymentId);
  const queryClient = useQueryClient();
  const p = payment.data;
  const status = p?.status;
  useEffect(() => {
    if (status && status !== 'pending') void queryClient.invalidateQueries({ queryKey: loansQueryKey });
  }, [status, queryClient]);
  if (!p) return null;
  const amount = formatMoney(p.amount, language);
  if (p.status === 'pending') {
    return (
      <p className="form-alert form-alert--info" role="status" aria-busy="true">
        {t('paymentNote.pending', { amount })}
      </p>
    );
  }
  return p.status === 'succeeded' ? (
    <p className="form-alert form-alert--success" role="status">
      {t(p.purpose === 'loan_extension' ? 'paymentNote.extended' : 'paymentNote.succeeded', { amount })}
    </p>
  ) : (
    <p className="form-alert form-alert--error" role="alert">
      {t('paymentNote.canceled', { amount })}
    </p>
  );
}
