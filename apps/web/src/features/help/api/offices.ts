import type { OfficeKind, OfficeView } from '@cabinet/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';

export interface OfficeFilter {
  city?: string;
  kind?: OfficeKind;
  simPickup?: boolean;
}

/** GET /offices — public: offices and pick-up points. */
export function getOffices(filter: OfficeFilter, signal?: AbortSignal): Promise<{ items: OfficeView[] }> {
  return apiRequest('/offices', { auth: false, signal, query: { city: filter.city, kind: filter.kind, simPickup: filter.simPickup ? 'true' : undefined } });
}

export function officesQueryOptions(filter: OfficeFilter = {}) {
  return queryOptions({ queryKey: ['offices', filter], queryFn: ({ signal }) => getOffices(filter, signal), staleTime: 600_000 });
}

export function useOffices(filter: OfficeFilter = {}) {
  return useQuery(officesQueryOptions(filter));
}
