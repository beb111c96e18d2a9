import type { SavedCardView } from '@cabinet/shared-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';

export const cardsQueryKey = ['cards'] as const;

/** GET /cards — the customer's saved cards (the default one is marked). */
export function getCards(signal?: AbortSignal): Promise<{ items: SavedCardView[] }> {
  return apiRequest<{ items: SavedCardView[] }>('/cards', { signal });
}

export function cardsQueryOptions() {
  return queryOptions({
    queryKey: cardsQueryKey,
    queryFn: ({ signal }) => getCards(signal),
    staleTime: 30_000,
    // The default card first, then the newest.
    select: (data) => [...data.items].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || b.createdAt.localeCompare(a.createdAt)),
  });
}

export function useCards() {
  return useQuery(cardsQueryOptions());
}
