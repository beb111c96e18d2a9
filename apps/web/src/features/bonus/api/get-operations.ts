import type { BonusOperationKind, BonusOperationSort, BonusOperationView, BonusStatementView, Page } from '@cabinet/shared-types';
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { apiDownload, apiRequest, type Download } from '@/shared/api/client';
import { bonusQueryKey } from './get-bonus';

/** The history filters, in the API's terms (days as YYYY-MM-DD, Moscow). */
export interface OperationFilters {
  kind?: BonusOperationKind[];
  direction?: 'in' | 'out';
  from?: string;
  to?: string;
  sort?: BonusOperationSort;
}

export function operationsQuery(filters: OperationFilters): Record<string, string | undefined> {
  return {
    kind: filters.kind?.length ? filters.kind.join(',') : undefined,
    direction: filters.direction,
    from: filters.from,
    to: filters.to,
    sort: filters.sort,
  };
}

/** GET /bonus/operations — one cursor page of the points history. */
export function getOperations(filters: OperationFilters, page: { limit: number; cursor: string | null }, signal?: AbortSignal): Promise<Page<BonusOperationView>> {
  return apiRequest<Page<BonusOperationView>>('/bonus/operations', { query: { ...operationsQuery(filters), limit: page.limit, cursor: page.cursor }, signal });
}

export function operationsQueryOptions(filters: OperationFilters) {
  return infiniteQueryOptions({
    queryKey: [...bonusQueryKey, 'operations', filters],
    queryFn: ({ pageParam, signal }) => getOperations(filters, { limit: 20, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 15_000,
  });
}

export function useOperations(filters: OperationFilters) {
  return useInfiniteQuery(operationsQueryOptions(filters));
}

/** GET /bonus/operations.csv with the same filters (UTF-8 with BOM, `;`). */
export function downloadOperationsCsv(filters: OperationFilters): Promise<Download> {
  return apiDownload('/bonus/operations.csv', { query: operationsQuery(filters), fallbackName: 'bonus-history.csv' });
}

/** GET /bonus/statements/:month — the month's statement. */
export function getStatement(month: string, signal?: AbortSignal): Promise<BonusStatementView> {
  return apiRequest<BonusStatementView>(`/bonus/statements/${encodeURIComponent(month)}`, { signal });
}

export function statementQueryOptions(month: string) {
  return queryOptions({ queryKey: [...bonusQueryKey, 'statement', month], queryFn: ({ signal }) => getStatement(month, signal), staleTime: 60_000 });
}

export function useStatement(month: string) {
  return useQuery(statementQueryOptions(month));
}
