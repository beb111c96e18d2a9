import type { ApplicationStatusView } from '@cabinet/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';

/** GET /applications/status?number=&phone= — both must match. */
export function getApplicationStatus(number: string, phone: string, signal?: AbortSignal): Promise<ApplicationStatusView> {
  return apiRequest<ApplicationStatusView>('/applications/status', { auth: false, query: { number, phone }, signal });
}

export function applicationStatusQueryOptions(number: string, phone: string) {
  return queryOptions({
    queryKey: ['application-status', number.toUpperCase(), phone],
    queryFn: ({ signal }) => getApplicationStatus(number, phone, signal),
    staleTime: 15_000,
  });
}

export function useApplicationStatus(number: string, phone: string) {
  return useQuery({ ...applicationStatusQueryOptions(number, phone), enabled: Boolean(number && phone) });
}
