import type { BorrowerData, ConsentTextView, LoanExtensionOffer, LoanSummaryView, LoanView, Page, PaymentView, SavedCardView } from '@cabinet/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';
import { loansQueryKey } from './get-products';

/** GET /loans — the customer's loans and applications. */
export function getLoans(signal?: AbortSignal): Promise<Page<LoanSummaryView>> {
  return apiRequest('/loans', { signal, query: { limit: 100 } });
}

export function loansListQueryOptions() {
  return queryOptions({ queryKey: [...loansQueryKey, 'list'], queryFn: ({ signal }) => getLoans(signal), staleTime: 15_000 });
}

export function useLoans(enabled = true) {
  return useQuery({ ...loansListQueryOptions(), enabled });
}

/** GET /loans/:id */
export function getLoan(id: string, signal?: AbortSignal): Promise<LoanView> {
  return apiRequest(`/loans/${encodeURIComponent(id)}`, { signal });
}

export function loanQueryOptions(id: string) {
  return queryOptions({ queryKey: [...loansQueryKey, 'detail', id], queryFn: ({ signal }) => getLoan(id, signal), staleTime: 5_000 });
}

/** The loan; read every 2 s while the money is on its way to the card. */
export function useLoan(id: string, enabled = true) {
  return useQuery({ ...loanQueryOptions(id), enabled: enabled && id !== '', refetchInterval: (q) => (q.state.data?.status === 'disbursed' ? 2_000 : false) });
}

/** GET /loans/borrower-profile — what the wizard pre-fills. */
export function useBorrowerProfile(enabled: boolean) {
  return useQuery({
    queryKey: [...loansQueryKey, 'borrower-profile'],
    queryFn: ({ signal }) => apiRequest<Partial<BorrowerData>>('/loans/borrower-profile', { signal }),
    enabled,
    staleTime: 60_000,
  });
}

/** GET /loans/consents (public) */
export function useConsentTexts() {
  return useQuery({
    queryKey: [...loansQueryKey, 'consents'],
    queryFn: ({ signal }) => apiRequest<{ items: ConsentTextView[] }>('/loans/consents', { signal, auth: false }),
    staleTime: 10 * 60_000,
    select: (d) => d.items,
  });
}

/** GET /loans/:id/extension?days= */
export function useExtensionOffer(id: string, days: number | null, enabled: boolean) {
  return useQuery({
    queryKey: [...loansQueryKey, 'extension', id, days],
    queryFn: ({ signal }) => apiRequest<LoanExtensionOffer>(`/loans/${encodeURIComponent(id)}/extension`, { signal, query: { days } }),
    enabled,
    staleTime: 10_000,
  });
}

/** GET /cards — the saved cards (the payout goes to one in the customer's own name). */
export function useSavedCards() {
  return useQuery({
    queryKey: ['cards'],
    queryFn: ({ signal }) => apiRequest<{ items: SavedCardView[] }>('/cards', { signal }),
    staleTime: 30_000,
    select: (d) => [...d.items].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || b.createdAt.localeCompare(a.createdAt)),
  });
}

/** GET /payments/:id — a loan payment back from the acquirer's page; read every 2 s while pending. */
export function useLoanPayment(paymentId: string | null) {
  return useQuery({
    queryKey: ['payments', 'detail', paymentId],
    queryFn: ({ signal }) => apiRequest<PaymentView>(`/payments/${encodeURIComponent(paymentId ?? '')}`, { signal }),
    enabled: paymentId !== null,
    refetchInterval: (q) => (q.state.data?.status === 'pending' ? 2_000 : false),
  });
}
