import type { NumberCategory, NumberCategoryView, NumberPattern, NumberView, Operator, Page } from '@cabinet/shared-types';
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';

export interface NumberFilter {
  operator?: Operator;
  category?: NumberCategory;
  pattern?: NumberPattern;
  digits?: string;
}

/** GET /numbers — the public beautiful-number catalog, cheapest first, paged. */
export function getNumbers(filter: NumberFilter, cursor: string | null, signal?: AbortSignal): Promise<Page<NumberView>> {
  return apiRequest<Page<NumberView>>('/numbers', { auth: false, query: { ...filter, limit: 24, cursor }, signal });
}

export function numbersQueryOptions(filter: NumberFilter) {
  return infiniteQueryOptions({
    queryKey: ['numbers', 'catalog', filter],
    queryFn: ({ pageParam, signal }) => getNumbers(filter, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 15_000,
  });
}

export function useNumbers(filter: NumberFilter) {
  return useInfiniteQuery(numbersQueryOptions(filter));
}

/** GET /number-categories — what each category costs at each operator. */
export function getNumberCategories(signal?: AbortSignal): Promise<{ items: NumberCategoryView[] }> {
  return apiRequest<{ items: NumberCategoryView[] }>('/number-categories', { auth: false, signal });
}

export function numberCategoriesQueryOptions() {
  return queryOptions({ queryKey: ['numbers', 'categories'], queryFn: ({ signal }) => getNumberCategories(signal), staleTime: 5 * 60_000 });
}

export function useNumberCategories() {
  return useQuery(numberCategoriesQueryOptions());
}
