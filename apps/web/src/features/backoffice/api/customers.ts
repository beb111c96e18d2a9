import type { AdjustmentRequest, AdjustmentView, CustomerCard, CustomerSummaryView, Page } from '@cabinet/shared-types';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';
import { backofficeKey } from './queues';

/** GET /backoffice/customers?q= */
export function customerSearchQueryOptions(q: string) {
  return queryOptions({
    queryKey: [...backofficeKey, 'customers', 'search', q],
    queryFn: ({ signal }) => apiRequest<Page<CustomerSummaryView>>('/backoffice/customers', { query: { q, limit: 50 }, signal }),
    staleTime: 10_000,
  });
}

export function useCustomerSearch(q: string) {
  return useQuery({ ...customerSearchQueryOptions(q), enabled: q.trim().length >= 2 });
}

/** GET /backoffice/customers/:id — opening it is audited. */
export function customerCardQueryOptions(id: string) {
  return queryOptions({
    queryKey: [...backofficeKey, 'customers', 'card', id],
    queryFn: ({ signal }) => apiRequest<CustomerCard>(`/backoffice/customers/${encodeURIComponent(id)}`, { signal }),
    staleTime: 30_000,
  });
}

export function useCustomerCard(id: string) {
  return useQuery(customerCardQueryOptions(id));
}

function useCardMutation<V, R>(customerId: string, fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => queryClient.invalidateQueries({ queryKey: customerCardQueryOptions(customerId).queryKey }) });
}

/** DELETE /backoffice/customers/:id/sessions[/:sessionId] */
export function useRevokeSessions(customerId: string) {
  return useCardMutation(customerId, (sessionId: string | null) =>
    apiRequest<unknown>(`/backoffice/customers/${encodeURIComponent(customerId)}/sessions${sessionId ? `/${encodeURIComponent(sessionId)}` : ''}`, { method: 'DELETE' }),
  );
}

/** POST /backoffice/accounts/:accountId/adjustments (admin) */
export function useAdjustBalance(customerId: string) {
  return useCardMutation(customerId, ({ accountId, body, key }: { accountId: string; body: AdjustmentRequest; key: string }) =>
    apiRequest<AdjustmentView>(`/backoffice/accounts/${encodeURIComponent(accountId)}/adjustments`, { method: 'POST', body, headers: { 'Idempotency-Key': key } }),
  );
}
