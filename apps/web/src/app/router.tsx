import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { AppShell } from './layouts/app-shell';
import { PublicLayout } from './layouts/public-layout';
import { RootLayout } from './layouts/root-layout';
import { RequireAuth } from './session/require-auth';

// Every page is its own chunk: the first load carries only the frame and the session logic.
const LoginPage = lazy(() => import('@/features/auth/pages/login-page').then((m) => ({ default: m.LoginPage })));
const ForgotPasswordPage = lazy(() =>
  import('@/features/auth/pages/forgot-password-page').then((m) => ({ default: m.ForgotPasswordPage })),
);
const ForcedPasswordChangePage = lazy(() =>
  import('@/features/profile/pages/forced-password-change-page').then((m) => ({
    default: m.ForcedPasswordChangePage,
  })),
);
const HomePage = lazy(() => import('@/features/home/pages/home-page').then((m) => ({ default: m.HomePage })));
const ProfilePage = lazy(() =>
  import('@/features/profile/pages/profile-page').then((m) => ({ default: m.ProfilePage })),
);
const SessionsPage = lazy(() =>
  import('@/features/sessions/pages/sessions-page').then((m) => ({ default: m.SessionsPage })),
);
const DevInboxPage = lazy(() =>
  import('@/features/dev-inbox/pages/dev-inbox-page').then((m) => ({ default: m.DevInboxPage })),
);
const NotFoundPage = lazy(() => import('./pages/not-found-page').then((m) => ({ default: m.NotFoundPage })));

/** The route tree (declarative mode: no loaders are used, and it is half the size of the data router). */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<RootLayout />}>
        <Route element={<PublicLayout />}>
          <Route path="login" element={<LoginPage />} />
          <Route path="forgot-password" element={<ForgotPasswordPage />} />
          <Route path="dev/inbox" element={<DevInboxPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
        <Route element={<RequireAuth />}>
          <Route element={<PublicLayout />}>
            <Route path="change-password" element={<ForcedPasswordChangePage />} />
          </Route>
          <Route element={<AppShell />}>
            <Route index element={<HomePage />} />
            <Route path="profile" element={<ProfilePage />} />
            <Route path="sessions" element={<SessionsPage />} />
          </Route>
        </Route>
      </Route>
    </Routes>
  );
}
