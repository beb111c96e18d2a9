import type { CreatePartnerRequest, Page, PartnerView, UpdatePartnerRequest } from '@cabinet/shared-types';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';
import { newIdempotencyKey } from '@/shared/lib/browser';

export const partnersQueryKey = ['backoffice', 'partners'] as const;

/** GET /backoffice/partners (the first 200: partners are few). */
export function getPartners(signal?: AbortSignal): Promise<Page<PartnerView>> {
  return apiRequest<Page<PartnerView>>('/backoffice/partners', { query: { limit: 200 }, signal });
}

export function partnersQueryOptions() {
  return queryOptions({ queryKey: partnersQueryKey, queryFn: ({ signal }) => getPartners(signal), staleTime: 30_000 });
}

export function usePartners() {
  return useQuery(partnersQueryOptions());
}

/** GET /backoffice/partners/:id */
export function getPartner(id: string, signal?: AbortSignal): Promise<PartnerView> {
  return apiRequest<PartnerView>(`/backoffice/partners/${encodeURIComponent(id)}`, { signal });
}

export function partnerQueryOptions(id: string) {
  return queryOptions({ queryKey: [...partnersQueryKey, id], queryFn: ({ signal }) => getPartner(id, signal), staleTime: 30_000 });
}

export function usePartner(id: string) {
  return useQuery(partnerQueryOptions(id));
}

/** POST /backoffice/partners */
export function createPartner(body: CreatePartnerRequest): Promise<PartnerView> {
  return apiRequest<PartnerView>('/backoffice/partners', { method: 'POST', body, headers: { 'Idempotency-Key': newIdempotencyKey() } });
}

export function useCreatePartner() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createPartner, onSuccess: () => queryClient.invalidateQueries({ queryKey: partnersQueryKey }) });
}

/** PATCH /backoffice/partners/:id */
export function updatePartner({ id, ...body }: UpdatePartnerRequest & { id: string }): Promise<PartnerView> {
  return apiRequest<PartnerView>(`/backoffice/partners/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

export function useUpdatePartner() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: updatePartner, onSuccess: () => queryClient.invalidateQueries({ queryKey: partnersQueryKey }) });
}
