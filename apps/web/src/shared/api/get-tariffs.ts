import type { AccountKind, Page, TariffView } from '@cabinet/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from './client';

export interface TariffFilter {
  kind?: AccountKind;
  provider?: string;
}

/**
 * GET /tariffs — the public catalog (no sign-in needed). Shared: the public catalog page and an
 * account's tariff tab both show it.
 */
export function getTariffs(filter: TariffFilter = {}, signal?: AbortSignal): Promise<Page<TariffView>> {
  return apiRequest<Page<TariffView>>('/tariffs', {
    auth: false,
    query: { kind: filter.kind, provider: filter.provider },
    signal,
  });
}

export const tariffsQueryKey = ['tariffs'] as const;

export function tariffsQueryOptions(filter: TariffFilter = {}) {
  return queryOptions({
    queryKey: [...tariffsQueryKey, filter.kind ?? 'all', filter.provider ?? 'all'],
    queryFn: ({ signal }) => getTariffs(filter, signal),
    staleTime: 5 * 60_000,
  });
}

export function useTariffs(filter: TariffFilter = {}) {
  return useQuery(tariffsQueryOptions(filter));
}
