import type { BlacklistAddRequest, BlacklistView, ContentServiceListView, ContentServiceView } from '@cabinet/shared-types';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { accountsQueryKey } from '@/shared/api/accounts';
import { apiRequest } from '@/shared/api/client';
import { newIdempotencyKey } from '@/shared/lib/browser';

export interface LineRef {
  accountId: string;
  lineId: string;
}

const base = (r: LineRef) => `/accounts/${encodeURIComponent(r.accountId)}/lines/${encodeURIComponent(r.lineId)}`;
export const blacklistKey = (r: LineRef) => ['line-extras', r.lineId, 'blacklist'] as const;
export const contentKey = (r: LineRef) => ['line-extras', r.lineId, 'content'] as const;

/** GET …/blacklist */
export function blacklistQueryOptions(r: LineRef) {
  return queryOptions({ queryKey: blacklistKey(r), queryFn: ({ signal }) => apiRequest<BlacklistView>(`${base(r)}/blacklist`, { signal }) });
}
export const useBlacklist = (r: LineRef) => useQuery(blacklistQueryOptions(r));

/** GET …/content-services */
export function contentQueryOptions(r: LineRef) {
  return queryOptions({ queryKey: contentKey(r), queryFn: ({ signal }) => apiRequest<ContentServiceListView>(`${base(r)}/content-services`, { signal }) });
}
export const useContentServices = (r: LineRef) => useQuery(contentQueryOptions(r));

/** The blacklist's switch (a fee may move the balance) and its numbers. */
export function useBlacklistActions(r: LineRef) {
  const queryClient = useQueryClient();
  const done = (view: BlacklistView) => {
    queryClient.setQueryData(blacklistKey(r), view);
    void queryClient.invalidateQueries({ queryKey: accountsQueryKey });
  };
  const toggle = useMutation({
    mutationFn: (enabled: boolean) => apiRequest<BlacklistView>(`${base(r)}/blacklist`, { method: 'PUT', body: { enabled } }),
    onSuccess: done,
  });
  const add = useMutation({
    mutationFn: (body: BlacklistAddRequest) => apiRequest<BlacklistView>(`${base(r)}/blacklist/numbers`, { method: 'POST', body, headers: { 'Idempotency-Key': newIdempotencyKey() } }),
    onSuccess: done,
  });
  const remove = useMutation({
    mutationFn: (msisdn: string) => apiRequest<void>(`${base(r)}/blacklist/numbers/${encodeURIComponent(msisdn)}`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: blacklistKey(r) }),
  });
  return { toggle, add, remove };
}

export function useSwitchOffContent(r: LineRef) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<ContentServiceView>(`${base(r)}/content-services/${encodeURIComponent(id)}/off`, { method: 'POST', headers: { 'Idempotency-Key': newIdempotencyKey() } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: contentKey(r) }),
  });
}
