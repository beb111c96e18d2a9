import type { EsiaConfigResponse } from '@cabinet/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { API_BASE, apiRequest } from '@/shared/api/client';

/** GET /auth/esia/config — whether “Войти через Госуслуги” is offered here. */
export function getEsiaConfig(signal?: AbortSignal): Promise<EsiaConfigResponse> {
  return apiRequest<EsiaConfigResponse>('/auth/esia/config', { auth: false, signal });
}

export function esiaConfigQueryOptions() {
  return queryOptions({ queryKey: ['esia-config'], queryFn: ({ signal }) => getEsiaConfig(signal), staleTime: 5 * 60_000 });
}

export function useEsiaConfig() {
  return useQuery(esiaConfigQueryOptions());
}

/** The page that starts the sign-in (a full page load: the provider's pages are not ours). */
export function esiaStartUrl(next: string): string {
  return `${API_BASE}/auth/esia/start?next=${encodeURIComponent(next)}`;
}
