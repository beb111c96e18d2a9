import { QueryClient, type DefaultOptions } from '@tanstack/react-query';
import { ApiError } from '@/shared/api/api-error';

/** Retry only what may pass on a second try: lost connection and server trouble, twice. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status >= 500) && failureCount < 2;
}

export function createQueryClient(overrides: DefaultOptions = {}): QueryClient {
  return new QueryClient({
    defaultOptions: {
      ...overrides,
      queries: { retry: shouldRetry, refetchOnWindowFocus: false, ...overrides.queries },
      mutations: { retry: false, ...overrides.mutations },
    },
  });
}
