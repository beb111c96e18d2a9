import type { NumberView } from '@cabinet/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';

export type CatalogNumber = NumberView & { available: boolean };

/** GET /numbers/:id — the beautiful number a visitor picked in the catalog. */
export function getChosenNumber(id: string, signal?: AbortSignal): Promise<CatalogNumber> {
  return apiRequest<CatalogNumber>(`/numbers/${encodeURIComponent(id)}`, { auth: false, signal });
}

export function chosenNumberQueryOptions(id: string) {
  return queryOptions({ queryKey: ['numbers', 'one', id], queryFn: ({ signal }) => getChosenNumber(id, signal), staleTime: 10_000 });
}

export function useChosenNumber(id: string | null) {
  return useQuery({ ...chosenNumberQueryOptions(id ?? ''), enabled: Boolean(id) });
}
