import type { CreatePaymentRequest, PaymentView } from '@cabinet/shared-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';
import { paymentQueryOptions } from './get-payment';

/** Where the acquirer sends the browser back; the API fills in the payment id. */
export const paymentReturnUrl = '/payments/{id}';

/** POST /payments — starts a top-up; `Idempotency-Key` is required. */
export function createPayment(request: CreatePaymentRequest, idempotencyKey: string): Promise<PaymentView> {
  return apiRequest<PaymentView>('/payments', {
    method: 'POST',
    body: request,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export function useCreatePayment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ request, idempotencyKey }: { request: CreatePaymentRequest; idempotencyKey: string }) =>
      createPayment(request, idempotencyKey),
    // The result page starts from this answer instead of asking again (the SBP QR shows at once).
    onSuccess: (payment) => queryClient.setQueryData(paymentQueryOptions(payment.id).queryKey, payment),
  });
}
