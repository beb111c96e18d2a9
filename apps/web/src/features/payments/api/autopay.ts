import type { AutopayRequest, AutopayView } from '@cabinet/shared-types';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';

export const autopayQueryKey = ['autopay'] as const;

const base = (accountId: string) => `/accounts/${encodeURIComponent(accountId)}/autopay`;

/** GET /accounts/:accountId/autopay */
export function getAutopay(accountId: string, signal?: AbortSignal): Promise<{ items: AutopayView[] }> {
  return apiRequest<{ items: AutopayView[] }>(base(accountId), { signal });
}

export function autopayQueryOptions(accountId: string) {
  return queryOptions({
    queryKey: [...autopayQueryKey, accountId],
    queryFn: ({ signal }) => getAutopay(accountId, signal),
    staleTime: 15_000,
  });
}

export function useAutopay(accountId: string) {
  return useQuery(autopayQueryOptions(accountId));
}

/** POST /accounts/:accountId/autopay — needs a saved card. */
export function createAutopay(accountId: string, request: AutopayRequest): Promise<AutopayView> {
  return apiRequest<AutopayView>(base(accountId), { method: 'POST', body: request });
}

/** PATCH …/autopay/:id — pause or resume (a stopped rule is resumed the same way). */
export function setAutopayStatus(accountId: string, autopayId: string, status: 'active' | 'paused'): Promise<AutopayView> {
  return apiRequest<AutopayView>(`${base(accountId)}/${encodeURIComponent(autopayId)}`, { method: 'PATCH', body: { status } });
}

/** DELETE …/autopay/:id */
export function deleteAutopay(accountId: string, autopayId: string): Promise<void> {
  return apiRequest<void>(`${base(accountId)}/${encodeURIComponent(autopayId)}`, { method: 'DELETE' });
}

function useInvalidate(accountId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: autopayQueryOptions(accountId).queryKey });
}

export function useCreateAutopay(accountId: string) {
  const invalidate = useInvalidate(accountId);
  return useMutation({ mutationFn: (request: AutopayRequest) => createAutopay(accountId, request), onSettled: invalidate });
}

export function useSetAutopayStatus(accountId: string) {
  const invalidate = useInvalidate(accountId);
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: 'active' | 'paused' }) => setAutopayStatus(accountId, id, status),
    onSettled: invalidate,
  });
}

export function useDeleteAutopay(accountId: string) {
  const invalidate = useInvalidate(accountId);
  return useMutation({ mutationFn: (id: string) => deleteAutopay(accountId, id), onSettled: invalidate });
}
