import type { BonusCampaignView, BonusSummaryView } from '@cabinet/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';

/** Everything of the bonus program a member sees lives under this key: a change refreshes it all. */
export const bonusQueryKey = ['bonus'] as const;

/** GET /bonus — balance, cards, what expires soon, today's transfer allowance. */
export function getBonusSummary(signal?: AbortSignal): Promise<BonusSummaryView> {
  return apiRequest<BonusSummaryView>('/bonus', { signal });
}

export function bonusSummaryQueryOptions() {
  return queryOptions({
    queryKey: [...bonusQueryKey, 'summary'],
    queryFn: ({ signal }) => getBonusSummary(signal),
    staleTime: 15_000,
  });
}

export function useBonusSummary() {
  return useQuery(bonusSummaryQueryOptions());
}

/** GET /bonus/campaigns — running and coming campaigns (public). */
export function getCampaigns(signal?: AbortSignal): Promise<{ items: BonusCampaignView[] }> {
  return apiRequest<{ items: BonusCampaignView[] }>('/bonus/campaigns', { signal, auth: false });
}

export function campaignsQueryOptions() {
  return queryOptions({ queryKey: [...bonusQueryKey, 'campaigns'], queryFn: ({ signal }) => getCampaigns(signal), staleTime: 300_000 });
}

export function useCampaigns() {
  return useQuery(campaignsQueryOptions());
}
