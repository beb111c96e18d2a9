import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode, useLayoutEffect } from 'react';
import { MemoryRouter, useLocation } from 'react-router';
import { vi } from 'vitest';
import { AppProviders } from '@/app/providers';
import { createQueryClient } from '@/app/query-client';
import { AppRoutes } from '@/app/router';

function LocationProbe({ onChange }: { onChange: (location: string) => void }) {
  const location = useLocation();
  // A layout effect runs in the same commit as the page: a test that has found the new page's
  // heading never reads the previous location (passive effects may be flushed later under load).
  useLayoutEffect(() => onChange(`${location.pathname}${location.search}`), [location, onChange]);
  return null;
}

/**
 * The whole SPA at `path`, as main.tsx mounts it (StrictMode included), with an in-memory
 * history. `location()` tells where the router is now.
 */
export function renderApp(path = '/', options: { fakeTimers?: boolean } = {}) {
  const queryClient = createQueryClient({ queries: { retry: false } });
  const user = userEvent.setup(options.fakeTimers ? { advanceTimers: vi.advanceTimersByTime.bind(vi) } : {});
  let current = path;
  const onChange = (location: string) => {
    current = location;
  };
  const view = render(
    <StrictMode>
      <AppProviders queryClient={queryClient}>
        <MemoryRouter initialEntries={[path]}>
          <AppRoutes />
          <LocationProbe onChange={onChange} />
        </MemoryRouter>
      </AppProviders>
    </StrictMode>,
  );
  return { ...view, user, queryClient, location: () => current };
}
