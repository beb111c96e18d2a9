import type {
  BindEmployeeRequest,
  ClosingDocumentView,
  CompanyView,
  CorporateLineView,
  CreateCompanyRequest,
  Money,
  Page,
  SpendingQuery,
  SpendingReport,
} from '@cabinet/shared-types';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { accountsQueryKey } from '@/shared/api/accounts';
import { apiDownload, apiRequest, type Download } from '@/shared/api/client';

export const corporateQueryKey = ['corporate'] as const;
const company = (id: string) => `/corporate/companies/${encodeURIComponent(id)}`;

/** GET /corporate/companies */
export function companiesQueryOptions() {
  return queryOptions({
    queryKey: [...corporateQueryKey, 'list'],
    queryFn: ({ signal }) => apiRequest<Page<CompanyView>>('/corporate/companies', { signal }),
    staleTime: 30_000,
  });
}
export const useCompanies = () => useQuery(companiesQueryOptions());

/** GET /corporate/companies/:id */
export function companyQueryOptions(id: string) {
  return queryOptions({ queryKey: [...corporateQueryKey, id], queryFn: ({ signal }) => apiRequest<CompanyView>(company(id), { signal }), staleTime: 30_000 });
}
export const useCompany = (id: string) => useQuery(companyQueryOptions(id));

/** GET …/lines */
export function linesQueryOptions(id: string) {
  return queryOptions({
    queryKey: [...corporateQueryKey, id, 'lines'],
    queryFn: ({ signal }) => apiRequest<Page<CorporateLineView>>(`${company(id)}/lines`, { signal }),
    staleTime: 15_000,
  });
}
export const useCompanyLines = (id: string) => useQuery(linesQueryOptions(id));

/** GET …/spending?from&to */
export function spendingQueryOptions(id: string, period: SpendingQuery) {
  return queryOptions({
    queryKey: [...corporateQueryKey, id, 'spending', period.from, period.to],
    queryFn: ({ signal }) => apiRequest<SpendingReport>(`${company(id)}/spending`, { signal, query: { ...period } }),
    staleTime: 30_000,
  });
}
export const useSpending = (id: string, period: SpendingQuery, enabled: boolean) => useQuery({ ...spendingQueryOptions(id, period), enabled });

/** GET …/documents */
export function documentsQueryOptions(id: string) {
  return queryOptions({
    queryKey: [...corporateQueryKey, id, 'documents'],
    queryFn: ({ signal }) => apiRequest<Page<ClosingDocumentView>>(`${company(id)}/documents`, { signal }),
    staleTime: 60_000,
  });
}
export const useDocuments = (id: string) => useQuery(documentsQueryOptions(id));

/** GET …/spending.csv — UTF-8 with BOM, `;` (opens in Excel). */
export function downloadSpendingCsv(id: string, period: SpendingQuery): Promise<Download> {
  return apiDownload(`${company(id)}/spending.csv`, { query: { ...period }, fallbackName: `spending-${period.from}-${period.to}.csv` });
}

/** GET …/documents/:documentId/pdf */
export function downloadDocument(id: string, doc: ClosingDocumentView): Promise<Download> {
  return apiDownload(`${company(id)}/documents/${encodeURIComponent(doc.id)}/pdf`, { fallbackName: `${doc.number}.pdf` });
}

/** POST /corporate/companies */
export function useRegisterCompany() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ request, idempotencyKey }: { request: CreateCompanyRequest; idempotencyKey: string }) =>
      apiRequest<CompanyView>('/corporate/companies', { method: 'POST', body: request, headers: { 'Idempotency-Key': idempotencyKey } }),
    onSuccess: () => client.invalidateQueries({ queryKey: corporateQueryKey }),
  });
}

/** Line changes refresh the company's queries and the accounts (a restriction shows there too). */
function useLineMutation<V>(fn: (v: V) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([client.invalidateQueries({ queryKey: corporateQueryKey }), client.invalidateQueries({ queryKey: accountsQueryKey })]);
    },
  });
}

/** PUT / DELETE …/lines/:lineId/limit */
export function useSetLimit(id: string) {
  return useLineMutation(({ lineId, amount }: { lineId: string; amount: Money | null }) =>
    amount
      ? apiRequest<CorporateLineView>(`${company(id)}/lines/${encodeURIComponent(lineId)}/limit`, { method: 'PUT', body: { amount } })
      : apiRequest<void>(`${company(id)}/lines/${encodeURIComponent(lineId)}/limit`, { method: 'DELETE' }),
  );
}

/** PUT / DELETE …/lines/:lineId/employee */
export function useBindEmployee(id: string) {
  return useLineMutation(({ lineId, employee }: { lineId: string; employee: BindEmployeeRequest | null }) =>
    employee
      ? apiRequest<CorporateLineView>(`${company(id)}/lines/${encodeURIComponent(lineId)}/employee`, { method: 'PUT', body: employee })
      : apiRequest<void>(`${company(id)}/lines/${encodeURIComponent(lineId)}/employee`, { method: 'DELETE' }),
  );
}
