import type { NewsItemView, NewsKind, NewsletterStatusResponse, Page, PromotionJoinResponse, PromotionView } from '@cabinet/shared-types';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';

/** GET /news — public, newest first. */
export function getNews(kind: NewsKind | undefined, signal?: AbortSignal) {
  return apiRequest<Page<NewsItemView>>('/news', { auth: false, query: { kind, limit: 50 }, signal });
}

export function newsQueryOptions(kind?: NewsKind) {
  return queryOptions({ queryKey: ['news', { kind: kind ?? null }] as const, queryFn: ({ signal }) => getNews(kind, signal) });
}

export const useNews = (kind?: NewsKind) => useQuery(newsQueryOptions(kind));

/** GET /news/:slug — public. */
export function getNewsItem(slug: string, signal?: AbortSignal) {
  return apiRequest<NewsItemView>(`/news/${encodeURIComponent(slug)}`, { auth: false, signal });
}

export function newsItemQueryOptions(slug: string) {
  return queryOptions({ queryKey: ['news', 'item', slug] as const, queryFn: ({ signal }) => getNewsItem(slug, signal) });
}

export const useNewsItem = (slug: string) => useQuery(newsItemQueryOptions(slug));

/** GET /me/promotions — open promotions with whether I joined. */
export function getPromotions(signal?: AbortSignal) {
  return apiRequest<Page<PromotionView>>('/me/promotions', { query: { limit: 50 }, signal });
}

export function promotionsQueryOptions() {
  return queryOptions({ queryKey: ['promotions'] as const, queryFn: ({ signal }) => getPromotions(signal) });
}

export const usePromotions = () => useQuery(promotionsQueryOptions());

export function useJoinPromotion() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<PromotionJoinResponse>(`/me/promotions/${id}/join`, { method: 'POST' }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: promotionsQueryOptions().queryKey });
      void client.invalidateQueries({ queryKey: ['notifications'] });
    },
  });
}

export function useSubscribe() {
  return useMutation({
    mutationFn: (email: string) => apiRequest<NewsletterStatusResponse>('/newsletter/subscriptions', { method: 'POST', auth: false, body: { email } }),
  });
}

export function confirmSubscription(token: string) {
  return apiRequest<NewsletterStatusResponse>('/newsletter/confirm', { method: 'POST', auth: false, body: { token } });
}

export function unsubscribe(email: string, token: string) {
  return apiRequest<NewsletterStatusResponse>('/newsletter/unsubscribe', { method: 'POST', auth: false, query: { email, token } });
}
