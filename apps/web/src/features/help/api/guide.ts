import type { DismissGuideRequest, GuideStateView } from '@cabinet/shared-types';
import { queryOptions, useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';

export const guideQueryKey = ['me', 'guide'] as const;

/** GET /me/guide — the tips still to show. */
export function getGuide(signal?: AbortSignal): Promise<GuideStateView> {
  return apiRequest('/me/guide', { signal });
}

export function guideQueryOptions() {
  return queryOptions({ queryKey: guideQueryKey, queryFn: ({ signal }) => getGuide(signal), staleTime: Infinity });
}

const noTips: GuideStateView = { pending: [], dismissed: [], dismissedAllAt: null };

/**
 * For the tip over the page: suspends until the state is in (the page waits with it, so the tip is never late and
 * never pushes the page down). A guide that cannot be loaded shows no tip rather than breaking the page.
 */
export function useGuideForTip() {
  return useSuspenseQuery({ ...guideQueryOptions(), queryFn: ({ signal }) => getGuide(signal).catch(() => noTips), retry: false });
}

/** POST /me/guide/dismissals — one tip, or all. The answer is the new state. */
export function dismissGuide(input: DismissGuideRequest): Promise<GuideStateView> {
  return apiRequest('/me/guide/dismissals', { method: 'POST', body: input });
}

export function useDismissGuide() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: dismissGuide,
    // Hide the tip at once; the server's answer confirms it.
    onMutate: (input) => {
      const before = queryClient.getQueryData<GuideStateView>(guideQueryKey);
      if (before) {
        queryClient.setQueryData<GuideStateView>(guideQueryKey, {
          ...before,
          pending: input.all ? [] : before.pending.filter((tip) => tip !== input.tip),
        });
      }
      return { before };
    },
    onError: (_error, _input, context) => {
      if (context?.before) queryClient.setQueryData(guideQueryKey, context.before);
    },
    onSuccess: (state) => queryClient.setQueryData(guideQueryKey, state),
  });
}

/** DELETE /me/guide/dismissals — show the tips again. */
export function resetGuide(): Promise<GuideStateView> {
  return apiRequest('/me/guide/dismissals', { method: 'DELETE' });
}

export function useResetGuide() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: resetGuide, onSuccess: (state) => queryClient.setQueryData(guideQueryKey, state) });
}
