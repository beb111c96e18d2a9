import type { LoanReviewItem, LoanReviewView, Page, PhoneChangeRequestView } from '@cabinet/shared-types';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';

const reviewKey = ['backoffice', 'loan-applications'] as const;
const phoneKey = ['backoffice', 'phone-changes'] as const;

export function useReviewQueue() {
  return useQuery({ queryKey: reviewKey, queryFn: ({ signal }) => apiRequest<Page<LoanReviewItem>>('/backoffice/loan-applications', { signal, query: { limit: 100 } }) });
}

export function useReviewItem(id: string | null) {
  return useQuery({
    queryKey: [...reviewKey, id],
    queryFn: ({ signal }) => apiRequest<LoanReviewView>(`/backoffice/loan-applications/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: id !== null,
  });
}

export function useDecideLoan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, approve, text }: { id: string; approve: boolean; text: string }) =>
      apiRequest<LoanReviewView>(`/backoffice/loan-applications/${encodeURIComponent(id)}/${approve ? 'approve' : 'reject'}`, {
        method: 'POST',
        body: approve ? (text ? { comment: text } : {}) : { reason: text },
      }),
    onSuccess: (view) => {
      queryClient.setQueryData([...reviewKey, view.id], view);
      void queryClient.invalidateQueries({ queryKey: reviewKey, exact: true });
    },
  });
}

export function usePhoneChanges() {
  return useQuery({ queryKey: phoneKey, queryFn: ({ signal }) => apiRequest<Page<PhoneChangeRequestView>>('/backoffice/phone-changes', { signal, query: { limit: 100 } }) });
}

export function useDecidePhoneChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; confirm: true; passportSeries: string; passportNumber: string } | { id: string; confirm: false; reason: string }) =>
      apiRequest<PhoneChangeRequestView>(`/backoffice/phone-changes/${encodeURIComponent(input.id)}/${input.confirm ? 'confirm' : 'reject'}`, {
        method: 'POST',
        body: input.confirm ? { passportSeries: input.passportSeries, passportNumber: input.passportNumber } : { reason: input.reason },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: phoneKey }),
  });
}
