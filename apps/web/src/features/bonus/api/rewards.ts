import type { BonusRedemptionView, BonusRewardView, Page } from '@cabinet/shared-types';
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';
import { bonusQueryKey } from './get-bonus';

/** GET /bonus/rewards — the catalog (public). */
export function getRewards(signal?: AbortSignal): Promise<{ items: BonusRewardView[] }> {
  return apiRequest<{ items: BonusRewardView[] }>('/bonus/rewards', { signal, auth: false });
}

export function rewardsQueryOptions() {
  return queryOptions({ queryKey: [...bonusQueryKey, 'rewards'], queryFn: ({ signal }) => getRewards(signal), staleTime: 300_000 });
}

export function useRewards() {
  return useQuery(rewardsQueryOptions());
}

/** POST /bonus/rewards/:code/redemptions — points for a voucher code (Idempotency-Key required). */
export function redeemReward(input: { code: string; idempotencyKey: string }): Promise<BonusRedemptionView> {
  return apiRequest<BonusRedemptionView>(`/bonus/rewards/${encodeURIComponent(input.code)}/redemptions`, { method: 'POST', headers: { 'Idempotency-Key': input.idempotencyKey } });
}

export function useRedeemReward() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: redeemReward, onSettled: () => queryClient.invalidateQueries({ queryKey: bonusQueryKey }) });
}

/** GET /bonus/redemptions — my vouchers, newest first. */
export function getRedemptions(cursor: string | null, signal?: AbortSignal): Promise<Page<BonusRedemptionView>> {
  return apiRequest<Page<BonusRedemptionView>>('/bonus/redemptions', { query: { limit: 20, cursor }, signal });
}

export function redemptionsQueryOptions() {
  return infiniteQueryOptions({
    queryKey: [...bonusQueryKey, 'redemptions'],
    queryFn: ({ pageParam, signal }) => getRedemptions(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useRedemptions() {
  return useInfiniteQuery(redemptionsQueryOptions());
}
