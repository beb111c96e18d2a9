import { Suspense, useEffect } from 'react';
import { Outlet, useLocation } from 'react-router';
import { bootShellPaths, dismissBootShell } from '@/shared/lib/boot-shell';
import { PageLoader } from '@/shared/ui/page-loader';

/** The top of every route: lazy pages resolve under one Suspense; a new page starts at the top. */
export function RootLayout() {
  const { pathname } = useLocation();
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [pathname]);
  // The static sign-in page of index.html stands only for the sign-in page (which removes it itself).
  useEffect(() => {
    if (!bootShellPaths.includes(pathname)) dismissBootShell();
  }, [pathname]);
  return (
    <Suspense fallback={<PageLoader />}>
      <Outlet />
    </Suspense>
  );
}
