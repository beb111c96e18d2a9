import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { AppShell } from './layouts/app-shell';
import { PublicLayout } from './layouts/public-layout';
import { CatalogLayout } from './layouts/catalog-layout';
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
const AccountsOverview = lazy(() =>
  import('@/features/accounts/components/accounts-overview').then((m) => ({ default: m.AccountsOverview })),
);
const AccountsPage = lazy(() =>
  import('@/features/accounts/pages/accounts-page').then((m) => ({ default: m.AccountsPage })),
);
const AccountRoute = lazy(() => import('./compose/account-route').then((m) => ({ default: m.AccountRoute })));
const TopUpPage = lazy(() => import('@/features/payments/pages/top-up-page').then((m) => ({ default: m.TopUpPage })));
const PaymentsPage = lazy(() =>
  import('@/features/payments/pages/payments-page').then((m) => ({ default: m.PaymentsPage })),
);
const PaymentPage = lazy(() => import('@/features/payments/pages/payment-page').then((m) => ({ default: m.PaymentPage })));
const ReceiptPage = lazy(() => import('@/features/payments/pages/receipt-page').then((m) => ({ default: m.ReceiptPage })));
const CardsPage = lazy(() => import('@/features/payments/pages/cards-page').then((m) => ({ default: m.CardsPage })));
const TariffsPage = lazy(() => import('@/features/tariffs/pages/tariffs-page').then((m) => ({ default: m.TariffsPage })));
const BonusPage = lazy(() => import('@/features/bonus/pages/bonus-page').then((m) => ({ default: m.BonusPage })));
const BonusRewardsPage = lazy(() => import('@/features/bonus/pages/rewards-page').then((m) => ({ default: m.RewardsPage })));
const BonusActivationPage = lazy(() => import('@/features/bonus/pages/activation-page').then((m) => ({ default: m.ActivationPage })));
const TillSimulatorPage = lazy(() => import('@/features/bonus/pages/till-simulator-page').then((m) => ({ default: m.TillSimulatorPage })));
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
          <Route path="bonus/activate" element={<BonusActivationPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
        <Route element={<CatalogLayout />}>
          <Route path="tariffs" element={<TariffsPage />} />
        </Route>
        <Route element={<RequireAuth />}>
          <Route element={<PublicLayout />}>
            <Route path="change-password" element={<ForcedPasswordChangePage />} />
          </Route>
          <Route element={<AppShell />}>
            <Route index element={<HomePage accounts={<AccountsOverview />} />} />
            <Route path="accounts" element={<AccountsPage />} />
            <Route path="accounts/:accountId/top-up" element={<TopUpPage />} />
            <Route path="accounts/:accountId/:tab?" element={<AccountRoute />} />
            <Route path="payments" element={<PaymentsPage />} />
            <Route path="payments/:paymentId" element={<PaymentPage />} />
            <Route path="payments/:paymentId/receipt" element={<ReceiptPage />} />
            <Route path="cards" element={<CardsPage />} />
            <Route path="profile" element={<ProfilePage />} />
            <Route path="sessions" element={<SessionsPage />} />
            <Route path="bonus" element={<BonusPage />} />
            <Route path="bonus/rewards" element={<BonusRewardsPage />} />
            <Route path="bonus/till" element={<TillSimulatorPage />} />
          </Route>
        </Route>
      </Route>
    </Routes>
  );
}
