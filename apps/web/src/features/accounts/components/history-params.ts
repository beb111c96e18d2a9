import { LedgerKinds, TransactionSorts, type LedgerKind, type TransactionSort } from '@cabinet/shared-types';
import type { HistoryFilters } from '../api/get-transactions';

const day = /^\d{4}-\d{2}-\d{2}$/;
const names = ['kind', 'direction', 'from', 'to', 'minAmount', 'maxAmount', 'sort'] as const;

function kopecks(value: string | null): number | undefined {
  return value !== null && /^\d{1,12}$/.test(value) ? Number(value) : undefined;
}

/** The page's address holds the filters (a filtered history can be bookmarked or shared); unknown values are dropped. */
export function filtersFromParams(params: URLSearchParams): HistoryFilters {
  const kind = (params.get('kind') ?? '')
    .split(',')
    .filter((value): value is LedgerKind => (LedgerKinds as readonly string[]).includes(value));
  const direction = params.get('direction');
  const sort = params.get('sort');
  const from = params.get('from');
  const to = params.get('to');
  const filters: HistoryFilters = {};
  if (kind.length) filters.kind = kind;
  if (direction === 'debit' || direction === 'credit') filters.direction = direction;
  if (from && day.test(from)) filters.from = from;
  if (to && day.test(to)) filters.to = to;
  const min = kopecks(params.get('minAmount'));
  const max = kopecks(params.get('maxAmount'));
  if (min !== undefined) filters.minAmount = min;
  if (max !== undefined) filters.maxAmount = max;
  if (sort && (TransactionSorts as readonly string[]).includes(sort) && sort !== '-createdAt') filters.sort = sort as TransactionSort;
  return filters;
}

/** Writes the filters into a copy of `params`, keeping what is not a filter (`line`). */
export function paramsWithFilters(params: URLSearchParams, filters: HistoryFilters): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of names) next.delete(name);
  if (filters.kind?.length) next.set('kind', filters.kind.join(','));
  if (filters.direction) next.set('direction', filters.direction);
  if (filters.from) next.set('from', filters.from);
  if (filters.to) next.set('to', filters.to);
  if (filters.minAmount !== undefined) next.set('minAmount', String(filters.minAmount));
  if (filters.maxAmount !== undefined) next.set('maxAmount', String(filters.maxAmount));
  if (filters.sort && filters.sort !== '-createdAt') next.set('sort', filters.sort);
  return next;
}

export function hasFilters(filters: HistoryFilters): boolean {
  return Object.keys(filters).some((key) => key !== 'sort');
}
