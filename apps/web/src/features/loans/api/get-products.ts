import type { LoanCalculation, LoanProductView, LoanServiceView } from '@cabinet/shared-types';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';

export const loansQueryKey = ['loans'] as const;

/** GET /loans/products (public) */
export function getLoanProducts(signal?: AbortSignal): Promise<{ items: LoanProductView[] }> {
  return apiRequest('/loans/products', { signal, auth: false });
}

export function loanProductsQueryOptions() {
  return queryOptions({ queryKey: [...loansQueryKey, 'products'], queryFn: ({ signal }) => getLoanProducts(signal), staleTime: 10 * 60_000, select: (d) => d.items });
}

export function useLoanProducts() {
  return useQuery(loanProductsQueryOptions());
}

/** GET /loans/calculator (public) */
export function getCalculation(q: { productId: string; amount: number; termDays: number }, signal?: AbortSignal): Promise<LoanCalculation> {
  return apiRequest('/loans/calculator', { signal, auth: false, query: q });
}

export function calculationQueryOptions(q: { productId: string; amount: number; termDays: number }) {
  return queryOptions({ queryKey: [...loansQueryKey, 'calculator', q], queryFn: ({ signal }) => getCalculation(q, signal), staleTime: 60_000 });
}

/** The figures follow the sliders; while the next answer comes the last one stays on screen. */
export function useCalculation(q: { productId: string; amount: number; termDays: number } | null) {
  return useQuery({
    ...calculationQueryOptions(q ?? { productId: '', amount: 0, termDays: 0 }),
    enabled: q !== null && q.productId !== '',
    placeholderData: keepPreviousData,
  });
}

/** GET /loans/services (public): the optional paid services, each with its own price. */
export function getLoanServices(signal?: AbortSignal): Promise<{ items: LoanServiceView[] }> {
  return apiRequest('/loans/services', { signal, auth: false });
}

export function loanServicesQueryOptions() {
  return queryOptions({ queryKey: [...loansQueryKey, 'services'], queryFn: ({ signal }) => getLoanServices(signal), staleTime: 10 * 60_000, select: (d) => d.items });
}

export function useLoanServices() {
  return useQuery(loanServicesQueryOptions());
}
