import type {
  CreateLoanRequest,
  DisburseLoanRequest,
  ExtendLoanRequest,
  LoanServiceLine,
  LoanView,
  PaymentView,
  PhoneVerificationResult,
  PhoneVerificationStarted,
  RepayLoanRequest,
  SubmitLoanRequest,
  TokenResponse,
  UpdateLoanDraftRequest,
  BindCardResponse,
} from '@cabinet/shared-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';
import { sessionStore } from '@/shared/session/session-store';
import { loanQueryOptions } from './get-loans';
import { loansQueryKey } from './get-products';

function useLoanUpdated() {
  const queryClient = useQueryClient();
  return (loan: LoanView) => {
    queryClient.setQueryData(loanQueryOptions(loan.id).queryKey, loan);
    void queryClient.invalidateQueries({ queryKey: [...loansQueryKey, 'list'] });
  };
}

/** POST /loans/phone-verification — an SMS code to the phone. */
export function useStartPhoneVerification() {
  return useMutation({ mutationFn: (phone: string) => apiRequest<PhoneVerificationStarted>('/loans/phone-verification', { method: 'POST', body: { phone }, auth: false }) });
}

/** POST /loans/phone-verification/confirm */
export function useConfirmPhoneVerification() {
  return useMutation({
    mutationFn: (body: { phone: string; code: string }) => apiRequest<PhoneVerificationResult>('/loans/phone-verification/confirm', { method: 'POST', body, auth: false }),
  });
}

/** POST /loans/registration — the confirmed phone becomes the login; signs in. */
export function useRegisterByPhone() {
  return useMutation({
    mutationFn: (body: { verificationToken: string; password: string }) => apiRequest<TokenResponse>('/loans/registration', { method: 'POST', body, auth: false }),
    onSuccess: (token) => sessionStore.signIn(token),
  });
}

/** POST /auth/login — a known phone signs in inside the wizard. */
export function useSignInInWizard() {
  return useMutation({
    mutationFn: (body: { login: string; password: string }) => apiRequest<TokenResponse>('/auth/login', { method: 'POST', body, auth: false }),
    onSuccess: (token) => sessionStore.signIn(token),
  });
}

export function useCreateLoan() {
  const updated = useLoanUpdated();
  return useMutation({
    mutationFn: ({ request, idempotencyKey }: { request: CreateLoanRequest; idempotencyKey: string }) =>
      apiRequest<LoanView>('/loans', { method: 'POST', body: request, headers: { 'Idempotency-Key': idempotencyKey } }),
    onSuccess: updated,
  });
}

export function useUpdateDraft(id: string) {
  const updated = useLoanUpdated();
  return useMutation({ mutationFn: (body: UpdateLoanDraftRequest) => apiRequest<LoanView>(`/loans/${encodeURIComponent(id)}`, { method: 'PATCH', body }), onSuccess: updated });
}

export function useSubmitLoan(id: string) {
  const updated = useLoanUpdated();
  return useMutation({ mutationFn: (body: SubmitLoanRequest) => apiRequest<LoanView>(`/loans/${encodeURIComponent(id)}/submit`, { method: 'POST', body }), onSuccess: updated });
}

export function useCancelLoan(id: string) {
  const updated = useLoanUpdated();
  return useMutation({ mutationFn: () => apiRequest<LoanView>(`/loans/${encodeURIComponent(id)}/cancel`, { method: 'POST' }), onSuccess: updated });
}

export function useDisburse(id: string) {
  const updated = useLoanUpdated();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: DisburseLoanRequest; idempotencyKey: string }) =>
      apiRequest<LoanView>(`/loans/${encodeURIComponent(id)}/disburse`, { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } }),
    onSuccess: updated,
  });
}

/** POST /cards — bind a card on the acquirer's page (1 ₽, refunded); back to the loan page. */
export function useBindCardForLoan(loanId: string) {
  return useMutation({
    mutationFn: (idempotencyKey: string) =>
      apiRequest<BindCardResponse>('/cards', { method: 'POST', body: { returnUrl: `/loans/${loanId}?bound={id}` }, headers: { 'Idempotency-Key': idempotencyKey } }),
  });
}

function useAfterPayment(id: string) {
  const queryClient = useQueryClient();
  return (payment: PaymentView) => {
    queryClient.setQueryData(['payments', 'detail', payment.id], payment);
    void queryClient.invalidateQueries({ queryKey: loansQueryKey });
    void queryClient.invalidateQueries({ queryKey: loanQueryOptions(id).queryKey });
  };
}

export function useRepay(id: string) {
  const after = useAfterPayment(id);
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: RepayLoanRequest; idempotencyKey: string }) =>
      apiRequest<PaymentView>(`/loans/${encodeURIComponent(id)}/repayments`, { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } }),
    onSuccess: after,
  });
}

export function useExtend(id: string) {
  const after = useAfterPayment(id);
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: ExtendLoanRequest; idempotencyKey: string }) =>
      apiRequest<PaymentView>(`/loans/${encodeURIComponent(id)}/extension`, { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } }),
    onSuccess: after,
  });
}

/** POST /loans/:id/services/:code/refund — give up a paid optional service within its window; the money goes back to the card. */
export function useRefundService(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, idempotencyKey }: { code: string; idempotencyKey: string }) =>
      apiRequest<LoanServiceLine>(`/loans/${encodeURIComponent(id)}/services/${encodeURIComponent(code)}/refund`, { method: 'POST', headers: { 'Idempotency-Key': idempotencyKey } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: loanQueryOptions(id).queryKey }),
  });
}
