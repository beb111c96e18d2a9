import type { TariffChangeQuote, TariffChangeWhenValue } from '@cabinet/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';
import { accountsQueryKey } from '@/shared/api/accounts';
import { servicePath, type ServiceTarget } from './service-target';

/** GET …/tariff-change/quote — what a change would cost, before confirming it. */
export function getTariffQuote(
  target: ServiceTarget,
  tariffId: string,
  when: TariffChangeWhenValue,
  signal?: AbortSignal,
): Promise<TariffChangeQuote> {
  return apiRequest<TariffChangeQuote>(`${servicePath(target)}/tariff-change/quote`, {
    query: { tariffId, when },
    signal,
  });
}

export function tariffQuoteQueryOptions(target: ServiceTarget, tariffId: string, when: TariffChangeWhenValue) {
  return queryOptions({
    queryKey: [...accountsQueryKey, 'quote', target.accountId, target.lineId ?? 'contract', tariffId, when],
    queryFn: ({ signal }) => getTariffQuote(target, tariffId, when, signal),
    staleTime: 0,
  });
}

export function useTariffQuote(target: ServiceTarget, tariffId: string, when: TariffChangeWhenValue) {
  return useQuery(tariffQuoteQueryOptions(target, tariffId, when));
}
