import type { PaymentView, PayRecipientView, TopUpOtherRequest } from '@cabinet/shared-types';
import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';

/** GET /payments/recipient — whom a number belongs to (a masked name only). */
export function useLookUpOther() {
  return useMutation({ mutationFn: (number: string) => apiRequest<PayRecipientView>('/payments/recipient', { query: { number } }) });
}

/** POST /payments/other — `Idempotency-Key` per attempt. */
export function useTopUpOther() {
  return useMutation({
    mutationFn: ({ request, idempotencyKey }: { request: TopUpOtherRequest; idempotencyKey: string }) =>
      apiRequest<PaymentView>('/payments/other', { method: 'POST', body: request, headers: { 'Idempotency-Key': idempotencyKey } }),
  });
}
