import type { Page, TariffOptionView } from '@cabinet/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';

/** GET /tariff-options?tariffId= — the options that fit a tariff (public). */
export function getTariffOptions(tariffId: string, signal?: AbortSignal): Promise<Page<TariffOptionView>> {
  return apiRequest<Page<TariffOptionView>>('/tariff-options', { auth: false, query: { tariffId }, signal });
}

export function tariffOptionsQueryOptions(tariffId: string) {
  return queryOptions({
    queryKey: ['tariff-options', tariffId],
    queryFn: ({ signal }) => getTariffOptions(tariffId, signal),
    staleTime: 5 * 60_000,
  });
}

export function useTariffOptions(tariffId: string) {
  return useQuery(tariffOptionsQueryOptions(tariffId));
}
