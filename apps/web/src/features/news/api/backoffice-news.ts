import type { NewsInput, NewsKind, StaffNewsItemView } from '@cabinet/shared-types';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';
import { newIdempotencyKey } from '@/shared/lib/browser';

export function staffNewsQueryOptions(kind?: NewsKind) {
  return queryOptions({
    queryKey: ['backoffice', 'news', { kind: kind ?? null }] as const,
    queryFn: ({ signal }) => apiRequest<{ items: StaffNewsItemView[] }>('/backoffice/news', { query: { kind }, signal }),
  });
}

export const useStaffNews = () => useQuery(staffNewsQueryOptions());

export function useCreateNews() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: NewsInput) => apiRequest<StaffNewsItemView>('/backoffice/news', { method: 'POST', body: input, headers: { 'Idempotency-Key': newIdempotencyKey() } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['backoffice', 'news'] }),
  });
}

export function useArchiveNews() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<StaffNewsItemView>(`/backoffice/news/${id}/archive`, { method: 'POST' }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['backoffice', 'news'] }),
  });
}

export function useSendNewsletter() {
  return useMutation({
    mutationFn: (id: string) => apiRequest<{ queued: number }>(`/backoffice/news/${id}/newsletter`, { method: 'POST', headers: { 'Idempotency-Key': newIdempotencyKey() } }),
  });
}
