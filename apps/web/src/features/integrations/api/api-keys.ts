import type { ApiKeyCallView, ApiKeyUsageView, ApiKeyView, CreateApiKeyRequest, CreatedApiKey, Page, RotatedApiKey, UpdateApiKeyRequest } from '@cabinet/shared-types';
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';
import { newIdempotencyKey } from '@/shared/lib/browser';
import { partnersQueryKey } from './partners';

const keysKey = ['backoffice', 'api-keys'] as const;

/** GET /backoffice/partners/:id/api-keys */
export function getPartnerKeys(partnerId: string, signal?: AbortSignal): Promise<Page<ApiKeyView>> {
  return apiRequest<Page<ApiKeyView>>(`/backoffice/partners/${encodeURIComponent(partnerId)}/api-keys`, { query: { limit: 200 }, signal });
}

export function partnerKeysQueryOptions(partnerId: string) {
  return queryOptions({ queryKey: [...keysKey, 'partner', partnerId], queryFn: ({ signal }) => getPartnerKeys(partnerId, signal), staleTime: 15_000 });
}

export function usePartnerKeys(partnerId: string) {
  return useQuery(partnerKeysQueryOptions(partnerId));
}

/** GET /backoffice/api-keys/:id */
export function getApiKey(id: string, signal?: AbortSignal): Promise<ApiKeyView> {
  return apiRequest<ApiKeyView>(`/backoffice/api-keys/${encodeURIComponent(id)}`, { signal });
}

export function apiKeyQueryOptions(id: string) {
  return queryOptions({ queryKey: [...keysKey, id], queryFn: ({ signal }) => getApiKey(id, signal), staleTime: 15_000 });
}

export function useApiKey(id: string) {
  return useQuery(apiKeyQueryOptions(id));
}

/** GET /backoffice/api-keys/:id/usage — the last 30 days. */
export function getApiKeyUsage(id: string, signal?: AbortSignal): Promise<ApiKeyUsageView> {
  return apiRequest<ApiKeyUsageView>(`/backoffice/api-keys/${encodeURIComponent(id)}/usage`, { signal });
}

export function apiKeyUsageQueryOptions(id: string) {
  return queryOptions({ queryKey: [...keysKey, id, 'usage'], queryFn: ({ signal }) => getApiKeyUsage(id, signal), staleTime: 15_000 });
}

export function useApiKeyUsage(id: string) {
  return useQuery(apiKeyUsageQueryOptions(id));
}

/** GET /backoffice/api-keys/:id/calls — the call log, newest first. */
export function getApiKeyCalls(id: string, cursor: string | undefined, signal?: AbortSignal): Promise<Page<ApiKeyCallView>> {
  return apiRequest<Page<ApiKeyCallView>>(`/backoffice/api-keys/${encodeURIComponent(id)}/calls`, { query: { limit: 50, cursor }, signal });
}

export function apiKeyCallsQueryOptions(id: string) {
  return infiniteQueryOptions({
    queryKey: [...keysKey, id, 'calls'],
    queryFn: ({ pageParam, signal }) => getApiKeyCalls(id, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 15_000,
  });
}

export function useApiKeyCalls(id: string) {
  return useInfiniteQuery(apiKeyCallsQueryOptions(id));
}

function useInvalidateKeys() {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: keysKey }), queryClient.invalidateQueries({ queryKey: partnersQueryKey })]);
}

/** POST /backoffice/partners/:id/api-keys — the answer carries the whole key, once. */
export function createApiKey({ partnerId, ...body }: CreateApiKeyRequest & { partnerId: string }): Promise<CreatedApiKey> {
  return apiRequest<CreatedApiKey>(`/backoffice/partners/${encodeURIComponent(partnerId)}/api-keys`, { method: 'POST', body, headers: { 'Idempotency-Key': newIdempotencyKey() } });
}

export function useCreateApiKey() {
  const invalidate = useInvalidateKeys();
  return useMutation({ mutationFn: createApiKey, onSuccess: invalidate });
}

/** PATCH /backoffice/api-keys/:id */
export function updateApiKey({ id, ...body }: UpdateApiKeyRequest & { id: string }): Promise<ApiKeyView> {
  return apiRequest<ApiKeyView>(`/backoffice/api-keys/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

export function useUpdateApiKey() {
  const invalidate = useInvalidateKeys();
  return useMutation({ mutationFn: updateApiKey, onSuccess: invalidate });
}

/** POST /backoffice/api-keys/:id/rotate */
export function rotateApiKey({ id, overlapHours }: { id: string; overlapHours: number }): Promise<RotatedApiKey> {
  return apiRequest<RotatedApiKey>(`/backoffice/api-keys/${encodeURIComponent(id)}/rotate`, { method: 'POST', body: { overlapHours }, headers: { 'Idempotency-Key': newIdempotencyKey() } });
}

export function useRotateApiKey() {
  const invalidate = useInvalidateKeys();
  return useMutation({ mutationFn: rotateApiKey, onSuccess: invalidate });
}

/** POST /backoffice/api-keys/:id/revoke */
export function revokeApiKey(id: string): Promise<ApiKeyView> {
  return apiRequest<ApiKeyView>(`/backoffice/api-keys/${encodeURIComponent(id)}/revoke`, { method: 'POST' });
}

export function useRevokeApiKey() {
  const invalidate = useInvalidateKeys();
  return useMutation({ mutationFn: revokeApiKey, onSuccess: invalidate });
}
