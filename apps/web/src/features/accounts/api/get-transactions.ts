import type {
  DetailReportRequest,
  DetailReportView,
  LedgerKind,
  MonthlySummaryView,
  Page,
  TransactionSort,
  TransactionView,
} from '@cabinet/shared-types';
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { accountsQueryKey } from '@/shared/api/accounts';
import { apiDownload, apiRequest, type Download } from '@/shared/api/client';

/** The history filters, named and in the units of the API (amounts in kopecks, days as YYYY-MM-DD). */
export interface HistoryFilters {
  kind?: LedgerKind[];
  direction?: 'debit' | 'credit';
  from?: string;
  to?: string;
  minAmount?: number;
  maxAmount?: number;
  sort?: TransactionSort;
}

/** Filters → query parameters (`kind=a,b`), the same for the list and its CSV. */
export function historyQuery(filters: HistoryFilters): Record<string, string | number | undefined> {
  return {
    kind: filters.kind?.length ? filters.kind.join(',') : undefined,
    direction: filters.direction,
    from: filters.from,
    to: filters.to,
    minAmount: filters.minAmount,
    maxAmount: filters.maxAmount,
    sort: filters.sort,
  };
}

const base = (accountId: string) => `/accounts/${encodeURIComponent(accountId)}/transactions`;

/** GET /accounts/:accountId/transactions — one cursor page of the history. */
export function getTransactions(
  accountId: string,
  filters: HistoryFilters,
  page: { limit: number; cursor: string | null },
  signal?: AbortSignal,
): Promise<Page<TransactionView>> {
  return apiRequest<Page<TransactionView>>(base(accountId), {
    query: { ...historyQuery(filters), limit: page.limit, cursor: page.cursor },
    signal,
  });
}

/** Under the accounts key: a payment or a charge that refreshes balances refreshes the history too. */
export const transactionsQueryKey = (accountId: string) => [...accountsQueryKey, 'transactions', accountId] as const;

export function transactionsQueryOptions(accountId: string, filters: HistoryFilters) {
  return infiniteQueryOptions({
    queryKey: [...transactionsQueryKey(accountId), 'list', filters],
    queryFn: ({ pageParam, signal }) => getTransactions(accountId, filters, { limit: 30, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 15_000,
  });
}

export function useTransactions(accountId: string, filters: HistoryFilters) {
  return useInfiniteQuery(transactionsQueryOptions(accountId, filters));
}

/** The dashboard's quick view: the last five charges (`direction=debit`, newest first). */
export function lastChargesQueryOptions(accountId: string) {
  return queryOptions({
    queryKey: [...transactionsQueryKey(accountId), 'last-charges'],
    queryFn: ({ signal }) => getTransactions(accountId, { direction: 'debit', sort: '-createdAt' }, { limit: 5, cursor: null }, signal),
    staleTime: 30_000,
  });
}

export function useLastCharges(accountId: string) {
  return useQuery(lastChargesQueryOptions(accountId));
}

/** GET …/transactions/summary?months=6 — money out and in per month, for the chart. */
export function getMonthlySummary(accountId: string, months: number, signal?: AbortSignal): Promise<MonthlySummaryView> {
  return apiRequest<MonthlySummaryView>(`${base(accountId)}/summary`, { query: { months }, signal });
}

export function monthlySummaryQueryOptions(accountId: string, months = 6) {
  return queryOptions({
    queryKey: [...transactionsQueryKey(accountId), 'summary', months],
    queryFn: ({ signal }) => getMonthlySummary(accountId, months, signal),
    staleTime: 60_000,
  });
}

export function useMonthlySummary(accountId: string, months = 6) {
  return useQuery(monthlySummaryQueryOptions(accountId, months));
}

/** GET …/transactions.csv with the same filters: UTF-8 with BOM, `;`-separated (opens in Excel). */
export function downloadTransactionsCsv(accountId: string, accountNumber: string, filters: HistoryFilters): Promise<Download> {
  return apiDownload(`${base(accountId)}.csv`, {
    query: historyQuery(filters),
    fallbackName: `history-${accountNumber}.csv`,
  });
}

/** POST /accounts/:accountId/detail-reports — the period's detail by e-mail (queued; answers 202). */
export function orderDetailReport(accountId: string, request: DetailReportRequest, idempotencyKey: string): Promise<DetailReportView> {
  return apiRequest<DetailReportView>(`/accounts/${encodeURIComponent(accountId)}/detail-reports`, {
    method: 'POST',
    body: request,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}
