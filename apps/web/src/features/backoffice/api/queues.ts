import type {
  ApplicationKind,
  ApplicationView,
  BackofficeSummary,
  OrderKind,
  OrderStatus,
  Page,
  ProcessApplicationRequest,
  ProcessOrderRequest,
  RequestStatus,
  StaffOrderView,
  StatusChangeRequest,
} from '@cabinet/shared-types';
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';

export const backofficeKey = ['backoffice'] as const;

/** GET /backoffice/summary */
export function summaryQueryOptions() {
  return queryOptions({
    queryKey: [...backofficeKey, 'summary'],
    queryFn: ({ signal }) => apiRequest<BackofficeSummary>('/backoffice/summary', { signal }),
    staleTime: 10_000,
  });
}

export function useSummary() {
  return useQuery(summaryQueryOptions());
}

export interface QueueFilter<K, S> {
  kind?: K;
  status?: S | 'open';
  q?: string;
}

/** GET /backoffice/applications — newest first. */
export function applicationsQueueQueryOptions(filter: QueueFilter<ApplicationKind, RequestStatus>) {
  return infiniteQueryOptions({
    queryKey: [...backofficeKey, 'applications', filter],
    queryFn: ({ pageParam, signal }) => apiRequest<Page<ApplicationView>>('/backoffice/applications', { query: { ...filter, limit: 30, cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 5_000,
  });
}

export function useApplicationsQueue(filter: QueueFilter<ApplicationKind, RequestStatus>) {
  return useInfiniteQuery(applicationsQueueQueryOptions(filter));
}

export function applicationQueryOptions(id: string) {
  return queryOptions({
    queryKey: [...backofficeKey, 'applications', 'one', id],
    queryFn: ({ signal }) => apiRequest<ApplicationView>(`/backoffice/applications/${encodeURIComponent(id)}`, { signal }),
  });
}

export function useApplication(id: string) {
  return useQuery(applicationQueryOptions(id));
}

function useStaffMutation<V, R>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => queryClient.invalidateQueries({ queryKey: backofficeKey }) });
}

/** POST /backoffice/applications/:id/status */
export function useChangeApplicationStatus(id: string) {
  return useStaffMutation((body: StatusChangeRequest) => apiRequest<ApplicationView>(`/backoffice/applications/${encodeURIComponent(id)}/status`, { method: 'POST', body }));
}

/** POST /backoffice/applications/:id/process */
export function useProcessApplication(id: string) {
  return useStaffMutation(({ body, key }: { body: ProcessApplicationRequest; key: string }) =>
    apiRequest<ApplicationView>(`/backoffice/applications/${encodeURIComponent(id)}/process`, { method: 'POST', body, headers: { 'Idempotency-Key': key } }),
  );
}

/** GET /backoffice/orders */
export function ordersQueueQueryOptions(filter: QueueFilter<OrderKind, OrderStatus>) {
  return infiniteQueryOptions({
    queryKey: [...backofficeKey, 'orders', filter],
    queryFn: ({ pageParam, signal }) => apiRequest<Page<StaffOrderView>>('/backoffice/orders', { query: { ...filter, limit: 30, cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 5_000,
  });
}

export function useOrdersQueue(filter: QueueFilter<OrderKind, OrderStatus>) {
  return useInfiniteQuery(ordersQueueQueryOptions(filter));
}

export function staffOrderQueryOptions(id: string) {
  return queryOptions({
    queryKey: [...backofficeKey, 'orders', 'one', id],
    queryFn: ({ signal }) => apiRequest<StaffOrderView>(`/backoffice/orders/${encodeURIComponent(id)}`, { signal }),
  });
}

export function useStaffOrder(id: string) {
  return useQuery(staffOrderQueryOptions(id));
}

export function useChangeOrderStatus(id: string) {
  return useStaffMutation((body: StatusChangeRequest) => apiRequest<StaffOrderView>(`/backoffice/orders/${encodeURIComponent(id)}/status`, { method: 'POST', body }));
}

export function useProcessOrder(id: string) {
  return useStaffMutation(({ body, key }: { body: ProcessOrderRequest; key: string }) =>
    apiRequest<StaffOrderView>(`/backoffice/orders/${encodeURIComponent(id)}/process`, { method: 'POST', body, headers: { 'Idempotency-Key': key } }),
  );
}
