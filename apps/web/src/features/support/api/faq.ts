import type {
  FaqAdminCategoryView,
  FaqAdminQuestionView,
  FaqCategoryRequest,
  FaqCategoryView,
  FaqQuestionRequest,
  FaqSearchResult,
  FaqVoteView,
} from '@cabinet/shared-types';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';
import { newIdempotencyKey } from '@/shared/lib/browser';
import { supportQueryKey } from './chats';

const faqKey = [...supportQueryKey, 'faq'] as const;

export function faqQueryOptions() {
  return queryOptions({
    queryKey: [...faqKey, 'list'],
    queryFn: ({ signal }) => apiRequest<{ items: FaqCategoryView[] }>('/faq', { signal, auth: false }),
    staleTime: 5 * 60_000,
    select: (d) => d.items,
  });
}

export function useFaq() {
  return useQuery(faqQueryOptions());
}

export function useFaqSearch(q: string) {
  return useQuery({
    queryKey: [...faqKey, 'search', q],
    queryFn: ({ signal }) => apiRequest<{ items: FaqSearchResult[] }>('/faq/search', { signal, auth: false, query: { q } }),
    enabled: q.trim().length > 0,
    staleTime: 60_000,
    select: (d) => d.items,
  });
}

const VISITOR_KEY = 'cabinet.faq.visitor';

/** The id this browser votes with when nobody is signed in (one vote per visitor); not a secret. */
export function visitorId(): string {
  try {
    const saved = localStorage.getItem(VISITOR_KEY);
    if (saved && /^[0-9a-f-]{36}$/.test(saved)) return saved;
    const made = crypto.randomUUID();
    localStorage.setItem(VISITOR_KEY, made);
    return made;
  } catch {
    return crypto.randomUUID();
  }
}

export function useFaqVote(signedIn: boolean) {
  return useMutation({
    mutationFn: ({ id, helpful }: { id: string; helpful: boolean }) =>
      signedIn
        ? apiRequest<FaqVoteView>(`/support/faq/questions/${encodeURIComponent(id)}/votes`, { method: 'POST', body: { helpful } })
        : apiRequest<FaqVoteView>(`/faq/questions/${encodeURIComponent(id)}/votes`, { method: 'POST', auth: false, body: { helpful, visitorId: visitorId() } }),
  });
}

// ---- admins ----

export function useFaqAdmin() {
  return useQuery({
    queryKey: [...faqKey, 'admin'],
    queryFn: ({ signal }) => apiRequest<{ items: FaqAdminCategoryView[] }>('/backoffice/faq', { signal }),
    select: (d) => d.items,
  });
}

function useFaqChange<T, R>(fn: (input: T) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: faqKey }) });
}

export const useCreateCategory = () =>
  useFaqChange((body: FaqCategoryRequest) => apiRequest<FaqAdminCategoryView>('/backoffice/faq/categories', { method: 'POST', body, headers: { 'Idempotency-Key': newIdempotencyKey() } }));

export const useDeleteCategory = () => useFaqChange((id: string) => apiRequest<void>(`/backoffice/faq/categories/${encodeURIComponent(id)}`, { method: 'DELETE' }));

export const useCreateQuestion = () =>
  useFaqChange((body: FaqQuestionRequest) => apiRequest<FaqAdminQuestionView>('/backoffice/faq/questions', { method: 'POST', body, headers: { 'Idempotency-Key': newIdempotencyKey() } }));

export const useUpdateQuestion = () =>
  useFaqChange(({ id, ...body }: Partial<FaqQuestionRequest> & { id: string }) => apiRequest<FaqAdminQuestionView>(`/backoffice/faq/questions/${encodeURIComponent(id)}`, { method: 'PATCH', body }));

export const useDeleteQuestion = () => useFaqChange((id: string) => apiRequest<void>(`/backoffice/faq/questions/${encodeURIComponent(id)}`, { method: 'DELETE' }));
