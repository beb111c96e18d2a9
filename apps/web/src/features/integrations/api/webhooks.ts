import type { CreateWebhookEndpointRequest, Page, UpdateWebhookEndpointRequest, WebhookDeliveryView, WebhookEndpointView, WebhookEndpointWithSecret } from '@cabinet/shared-types';
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';
import { newIdempotencyKey } from '@/shared/lib/browser';

const hooksKey = ['backoffice', 'webhooks'] as const;

/** GET /backoffice/partners/:id/webhooks */
export function getPartnerWebhooks(partnerId: string, signal?: AbortSignal): Promise<{ items: WebhookEndpointView[] }> {
  return apiRequest<{ items: WebhookEndpointView[] }>(`/backoffice/partners/${encodeURIComponent(partnerId)}/webhooks`, { signal });
}

export function partnerWebhooksQueryOptions(partnerId: string) {
  return queryOptions({ queryKey: [...hooksKey, 'partner', partnerId], queryFn: ({ signal }) => getPartnerWebhooks(partnerId, signal), staleTime: 15_000 });
}

export function usePartnerWebhooks(partnerId: string) {
  return useQuery(partnerWebhooksQueryOptions(partnerId));
}

/** GET /backoffice/webhooks/:id */
export function getWebhook(id: string, signal?: AbortSignal): Promise<WebhookEndpointView> {
  return apiRequest<WebhookEndpointView>(`/backoffice/webhooks/${encodeURIComponent(id)}`, { signal });
}

export function webhookQueryOptions(id: string) {
  return queryOptions({ queryKey: [...hooksKey, id], queryFn: ({ signal }) => getWebhook(id, signal), staleTime: 15_000 });
}

export function useWebhook(id: string) {
  return useQuery(webhookQueryOptions(id));
}

/** GET /backoffice/webhooks/:id/deliveries — the delivery log. */
export function getDeliveries(id: string, cursor: string | undefined, signal?: AbortSignal): Promise<Page<WebhookDeliveryView>> {
  return apiRequest<Page<WebhookDeliveryView>>(`/backoffice/webhooks/${encodeURIComponent(id)}/deliveries`, { query: { limit: 20, cursor }, signal });
}

export function deliveriesQueryOptions(id: string) {
  return infiniteQueryOptions({
    queryKey: [...hooksKey, id, 'deliveries'],
    queryFn: ({ pageParam, signal }) => getDeliveries(id, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 10_000,
  });
}

export function useDeliveries(id: string) {
  return useInfiniteQuery(deliveriesQueryOptions(id));
}

function useInvalidateHooks() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: hooksKey });
}

/** POST /backoffice/partners/:id/webhooks — the answer carries the signing secret, once. */
export function createWebhook({ partnerId, ...body }: CreateWebhookEndpointRequest & { partnerId: string }): Promise<WebhookEndpointWithSecret> {
  return apiRequest<WebhookEndpointWithSecret>(`/backoffice/partners/${encodeURIComponent(partnerId)}/webhooks`, { method: 'POST', body, headers: { 'Idempotency-Key': newIdempotencyKey() } });
}

export function useCreateWebhook() {
  const invalidate = useInvalidateHooks();
  return useMutation({ mutationFn: createWebhook, onSuccess: invalidate });
}

/** PATCH /backoffice/webhooks/:id */
export function updateWebhook({ id, ...body }: UpdateWebhookEndpointRequest & { id: string }): Promise<WebhookEndpointView> {
  return apiRequest<WebhookEndpointView>(`/backoffice/webhooks/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

export function useUpdateWebhook() {
  const invalidate = useInvalidateHooks();
  return useMutation({ mutationFn: updateWebhook, onSuccess: invalidate });
}

/** POST /backoffice/webhooks/:id/rotate-secret */
export function rotateWebhookSecret(id: string): Promise<WebhookEndpointWithSecret> {
  return apiRequest<WebhookEndpointWithSecret>(`/backoffice/webhooks/${encodeURIComponent(id)}/rotate-secret`, { method: 'POST', headers: { 'Idempotency-Key': newIdempotencyKey() } });
}

export function useRotateWebhookSecret() {
  const invalidate = useInvalidateHooks();
  return useMutation({ mutationFn: rotateWebhookSecret, onSuccess: invalidate });
}

/** POST /backoffice/webhooks/:id/deliveries/:deliveryId/redeliver */
export function redeliver({ endpointId, deliveryId }: { endpointId: string; deliveryId: string }): Promise<WebhookDeliveryView> {
  return apiRequest<WebhookDeliveryView>(`/backoffice/webhooks/${encodeURIComponent(endpointId)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`, {
    method: 'POST',
    headers: { 'Idempotency-Key': newIdempotencyKey() },
  });
}

export function useRedeliver() {
  const invalidate = useInvalidateHooks();
  return useMutation({ mutationFn: redeliver, onSuccess: invalidate });
}
