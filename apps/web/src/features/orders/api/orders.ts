import type { NumberOrderRequest, NumberView, OfficeView, OrderView, Page, SimOrderRequest } from '@cabinet/shared-types';
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { accountsQueryKey } from '@/shared/api/accounts';
import { apiRequest } from '@/shared/api/client';

export const ordersQueryKey = ['orders'] as const;

/** GET /orders — the customer's orders, newest first. */
export function getOrders(cursor: string | null, signal?: AbortSignal): Promise<Page<OrderView>> {
  return apiRequest<Page<OrderView>>('/orders', { query: { limit: 20, cursor }, signal });
}

export function ordersListQueryOptions() {
  return infiniteQueryOptions({
    queryKey: [...ordersQueryKey, 'list'],
    queryFn: ({ pageParam, signal }) => getOrders(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 10_000,
  });
}

export function useOrders() {
  return useInfiniteQuery(ordersListQueryOptions());
}

/** GET /orders/:id */
export function getOrder(id: string, signal?: AbortSignal): Promise<OrderView> {
  return apiRequest<OrderView>(`/orders/${encodeURIComponent(id)}`, { signal });
}

export function orderQueryOptions(id: string) {
  return queryOptions({ queryKey: [...ordersQueryKey, 'one', id], queryFn: ({ signal }) => getOrder(id, signal), staleTime: 10_000 });
}

export function useOrder(id: string) {
  return useQuery(orderQueryOptions(id));
}

function useOrderMutation<V>(fn: (v: V) => Promise<OrderView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: ordersQueryKey }), queryClient.invalidateQueries({ queryKey: accountsQueryKey })]),
  });
}

/** POST /orders/sim */
export function useOrderSim() {
  return useOrderMutation(({ body, key }: { body: SimOrderRequest; key: string }) =>
    apiRequest<OrderView>('/orders/sim', { method: 'POST', body, headers: { 'Idempotency-Key': key } }),
  );
}

/** POST /orders/number — charges the account (50 % of the operator's price). */
export function useOrderNumber() {
  return useOrderMutation(({ body, key }: { body: NumberOrderRequest; key: string }) =>
    apiRequest<OrderView>('/orders/number', { method: 'POST', body, headers: { 'Idempotency-Key': key } }),
  );
}

/** POST /orders/:id/cancel */
export function useCancelOrder(id: string) {
  return useOrderMutation(() => apiRequest<OrderView>(`/orders/${encodeURIComponent(id)}/cancel`, { method: 'POST' }));
}

/** GET /numbers/:id — the number being bought. */
export function getOrderNumber(id: string, signal?: AbortSignal): Promise<NumberView & { available: boolean }> {
  return apiRequest<NumberView & { available: boolean }>(`/numbers/${encodeURIComponent(id)}`, { auth: false, signal });
}

export function useOrderNumberInfo(id: string | null) {
  return useQuery({ queryKey: ['numbers', 'one', id ?? ''], queryFn: ({ signal }) => getOrderNumber(id!, signal), enabled: Boolean(id), staleTime: 10_000 });
}

/** GET /offices?simPickup=true — where an ordered SIM card can be collected (public). */
export function getPickupPoints(signal?: AbortSignal): Promise<{ items: OfficeView[] }> {
  return apiRequest<{ items: OfficeView[] }>('/offices', { auth: false, query: { simPickup: 'true' }, signal });
}

export function usePickupPoints(enabled: boolean) {
  return useQuery(queryOptions({ queryKey: ['offices', 'sim-pickup'], queryFn: ({ signal }) => getPickupPoints(signal), staleTime: 600_000, enabled }));
}
