import type {
  AuditEntryView,
  AuditQuery,
  CreateStaffRequest,
  NumberCategoryView,
  NumberImportResult,
  NumberStatus,
  Operator,
  Page,
  StaffOptionView,
  StaffView,
  StockNumberView,
  TariffInput,
  TariffPatch,
  TariffView,
  UpdateStaffRequest,
} from '@cabinet/shared-types';
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';
import { backofficeKey } from './queues';

function useAdminMutation<V, R>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => queryClient.invalidateQueries({ queryKey: backofficeKey }) });
}

// ---- number stock ----

export interface StockFilter {
  status?: NumberStatus;
  operator?: Operator;
  category?: string;
  digits?: string;
}

export function stockQueryOptions(filter: StockFilter) {
  return infiniteQueryOptions({
    queryKey: [...backofficeKey, 'numbers', filter],
    queryFn: ({ pageParam, signal }) => apiRequest<Page<StockNumberView>>('/backoffice/numbers', { query: { ...filter, limit: 50, cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useStock(filter: StockFilter, enabled = true) {
  return useInfiniteQuery({ ...stockQueryOptions(filter), enabled });
}

export function useImportNumbers() {
  return useAdminMutation((csv: string) => apiRequest<NumberImportResult>('/backoffice/numbers/import', { method: 'POST', body: { csv } }));
}

export function useArchiveNumber() {
  return useAdminMutation((id: string) => apiRequest<StockNumberView>(`/backoffice/numbers/${encodeURIComponent(id)}/archive`, { method: 'POST' }));
}

export function categoriesQueryOptions() {
  return queryOptions({
    queryKey: [...backofficeKey, 'number-categories'],
    queryFn: ({ signal }) => apiRequest<{ items: NumberCategoryView[] }>('/number-categories', { auth: false, signal }),
  });
}

export function useCategories() {
  return useQuery(categoriesQueryOptions());
}

export function useSetCategoryPrice() {
  return useAdminMutation(({ operator, category, amount }: { operator: string; category: string; amount: number }) =>
    apiRequest<NumberCategoryView>(`/backoffice/number-categories/${operator}/${category}`, { method: 'PUT', body: { operatorPrice: { amount, currency: 'RUB' } } }),
  );
}

// ---- catalog ----

export function staffTariffsQueryOptions() {
  return queryOptions({ queryKey: [...backofficeKey, 'tariffs'], queryFn: ({ signal }) => apiRequest<{ items: TariffView[] }>('/backoffice/tariffs', { signal }) });
}

export function useStaffTariffs() {
  return useQuery(staffTariffsQueryOptions());
}

export function staffOptionsQueryOptions() {
  return queryOptions({ queryKey: [...backofficeKey, 'tariff-options'], queryFn: ({ signal }) => apiRequest<{ items: StaffOptionView[] }>('/backoffice/tariff-options', { signal }) });
}

export function useStaffOptions() {
  return useQuery(staffOptionsQueryOptions());
}

export function useCreateTariff() {
  return useAdminMutation((body: TariffInput) => apiRequest<TariffView>('/backoffice/tariffs', { method: 'POST', body }));
}

export function usePatchTariff() {
  return useAdminMutation(({ id, body }: { id: string; body: TariffPatch }) => apiRequest<TariffView>(`/backoffice/tariffs/${encodeURIComponent(id)}`, { method: 'PATCH', body }));
}

/** POST …/archive or …/restore of a tariff or an option. */
export function useSetArchived() {
  return useAdminMutation(({ what, id, archived }: { what: 'tariffs' | 'tariff-options'; id: string; archived: boolean }) =>
    apiRequest<unknown>(`/backoffice/${what}/${encodeURIComponent(id)}/${archived ? 'archive' : 'restore'}`, { method: 'POST' }),
  );
}

// ---- staff and audit ----

export function staffQueryOptions() {
  return queryOptions({ queryKey: [...backofficeKey, 'staff'], queryFn: ({ signal }) => apiRequest<{ items: StaffView[] }>('/backoffice/staff', { signal }) });
}

export function useStaffList() {
  return useQuery(staffQueryOptions());
}

export function useCreateStaff() {
  return useAdminMutation(({ body, key }: { body: CreateStaffRequest; key: string }) => apiRequest<StaffView>('/backoffice/staff', { method: 'POST', body, headers: { 'Idempotency-Key': key } }));
}

export function useUpdateStaff() {
  return useAdminMutation(({ id, body }: { id: string; body: UpdateStaffRequest }) => apiRequest<StaffView>(`/backoffice/staff/${encodeURIComponent(id)}`, { method: 'PATCH', body }));
}

export function auditQueryOptions(filter: Omit<AuditQuery, 'limit' | 'cursor'>) {
  return infiniteQueryOptions({
    queryKey: [...backofficeKey, 'audit', filter],
    queryFn: ({ pageParam, signal }) => apiRequest<Page<AuditEntryView>>('/backoffice/audit', { query: { ...filter, limit: 50, cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useAudit(filter: Omit<AuditQuery, 'limit' | 'cursor'>) {
  return useInfiniteQuery(auditQueryOptions(filter));
}
