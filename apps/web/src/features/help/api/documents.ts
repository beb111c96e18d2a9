import type { AboutView, HelpVideoView, LegalDocumentHistory, LegalDocumentView } from '@cabinet/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';

/** GET /about — public. */
export function getAbout(signal?: AbortSignal): Promise<AboutView> {
  return apiRequest('/about', { auth: false, signal });
}

export function aboutQueryOptions() {
  return queryOptions({ queryKey: ['about'], queryFn: ({ signal }) => getAbout(signal), staleTime: 600_000 });
}

export function useAbout() {
  return useQuery(aboutQueryOptions());
}

/** GET /documents/:code, or one version of it. */
export function getDocument(code: string, version: string | null, signal?: AbortSignal): Promise<LegalDocumentHistory | LegalDocumentView> {
  const path = version ? `/documents/${encodeURIComponent(code)}/versions/${encodeURIComponent(version)}` : `/documents/${encodeURIComponent(code)}`;
  return apiRequest(path, { auth: false, signal });
}

export function documentQueryOptions(code: string, version: string | null) {
  return queryOptions({ queryKey: ['documents', code, version], queryFn: ({ signal }) => getDocument(code, version, signal), staleTime: 600_000 });
}

export function useDocument(code: string, version: string | null) {
  return useQuery(documentQueryOptions(code, version));
}

/** GET /help/videos — public. */
export function getVideos(signal?: AbortSignal): Promise<{ items: HelpVideoView[] }> {
  return apiRequest('/help/videos', { auth: false, signal });
}

export function videosQueryOptions() {
  return queryOptions({ queryKey: ['help', 'videos'], queryFn: ({ signal }) => getVideos(signal), staleTime: 600_000 });
}

export function useVideos() {
  return useQuery(videosQueryOptions());
}
