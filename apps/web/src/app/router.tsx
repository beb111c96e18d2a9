import { lazy as reactLazy, type LazyExoticComponent } from 'react';
import { Route, Routes } from 'react-router';
import { pageTexts } from '@/shared/i18n/i18n';
import { AppShell } from './layouts/app-shell';
import { PublicLayout } from './layouts/public-layout';
import { CatalogLayout } from './layouts/catalog-layout';
import { RootLayout } from './layouts/root-layout';
import { RequireAuth } from './session/require-auth';
import { RequireStaff } from './session/require-staff';
import { StaffLanding } from './session/staff-landing';

/**
 * React's lazy, and the page comes with the rest of the Russian texts (src/shared/i18n/i18n.ts), fetched alongside its
 * chunk; `firstDownload` pages (sign-in) have theirs in the first download already.
 */
function lazy<T extends AnyComponent>(
  load: () => Promise<{ default: T }>,
  texts: 'page' | 'firstDownload' = 'page',
): LazyExoticComponent<T> {
  return reactLazy<T>(texts === 'firstDownload' ? load : () => Promise.all([load(), pageTexts()]).then(([module]) => module));
}
type AnyComponent = Parameters<typeof reactLazy>[0] extends () => Promise<{ default: infer C }> ? C : never;

// Every page is its own chunk: the first load carries only the frame and the session logic.
const LoginPage = lazy(() => import('@/features/auth/pages/login-page').then((m) => ({ default: m.LoginPage })), 'firstDownload');
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
// Becoming a customer, orders, account closure and the back office (issue 7).
const ConnectMobilePage = lazy(() => import('@/features/applications/pages/connect-mobile-page').then((m) => ({ default: m.ConnectMobilePage })));
const ConnectInternetPage = lazy(() => import('@/features/applications/pages/connect-internet-page').then((m) => ({ default: m.ConnectInternetPage })));
const CallbackPage = lazy(() => import('@/features/applications/pages/callback-page').then((m) => ({ default: m.CallbackPage })));
const ApplicationStatusPage = lazy(() => import('@/features/applications/pages/application-status-page').then((m) => ({ default: m.ApplicationStatusPage })));
const NumbersPage = lazy(() => import('@/features/numbers/pages/numbers-page').then((m) => ({ default: m.NumbersPage })));
const OrdersPage = lazy(() => import('@/features/orders/pages/orders-page').then((m) => ({ default: m.OrdersPage })));
const OrderPage = lazy(() => import('@/features/orders/pages/order-page').then((m) => ({ default: m.OrderPage })));
const NewSimOrderPage = lazy(() => import('@/features/orders/pages/new-sim-order-page').then((m) => ({ default: m.NewSimOrderPage })));
const NewNumberOrderPage = lazy(() => import('@/features/orders/pages/new-number-order-page').then((m) => ({ default: m.NewNumberOrderPage })));
const BackofficeLayout = lazy(() => import('./layouts/backoffice-layout').then((m) => ({ default: m.BackofficeLayout })));
const ConsoleHomePage = lazy(() => import('@/features/backoffice/pages/console-home-page').then((m) => ({ default: m.ConsoleHomePage })));
const ApplicationsQueuePage = lazy(() => import('@/features/backoffice/pages/applications-queue-page').then((m) => ({ default: m.ApplicationsQueuePage })));
const BackofficeApplicationPage = lazy(() => import('@/features/backoffice/pages/application-page').then((m) => ({ default: m.ApplicationPage })));
const OrdersQueuePage = lazy(() => import('@/features/backoffice/pages/orders-queue-page').then((m) => ({ default: m.OrdersQueuePage })));
const StaffOrderPage = lazy(() => import('@/features/backoffice/pages/staff-order-page').then((m) => ({ default: m.StaffOrderPage })));
const CustomersPage = lazy(() => import('@/features/backoffice/pages/customers-page').then((m) => ({ default: m.CustomersPage })));
const CustomerPage = lazy(() => import('@/features/backoffice/pages/customer-page').then((m) => ({ default: m.CustomerPage })));
const NumbersStockPage = lazy(() => import('@/features/backoffice/pages/numbers-stock-page').then((m) => ({ default: m.NumbersStockPage })));
const CatalogAdminPage = lazy(() => import('@/features/backoffice/pages/catalog-admin-page').then((m) => ({ default: m.CatalogAdminPage })));
const StaffPage = lazy(() => import('@/features/backoffice/pages/staff-page').then((m) => ({ default: m.StaffPage })));
const AuditPage = lazy(() => import('@/features/backoffice/pages/audit-page').then((m) => ({ default: m.AuditPage })));
// Integrator back office and Gosuslugi sign-in (issue 9)
const GosuslugiButton = lazy(() => import('@/features/gosuslugi/components/gosuslugi-button').then((m) => ({ default: m.GosuslugiButton })), 'firstDownload');
const GosuslugiPage = lazy(() => import('@/features/gosuslugi/pages/gosuslugi-page').then((m) => ({ default: m.GosuslugiPage })));
const IdentityCard = lazy(() => import('@/features/gosuslugi/components/identity-card').then((m) => ({ default: m.IdentityCard })));
const IntegrationsPage = lazy(() => import('@/features/integrations/pages/integrations-page').then((m) => ({ default: m.IntegrationsPage })));
const PartnerPage = lazy(() => import('@/features/integrations/pages/partner-page').then((m) => ({ default: m.PartnerPage })));
const ApiKeyPage = lazy(() => import('@/features/integrations/pages/api-key-page').then((m) => ({ default: m.ApiKeyPage })));
const WebhookPage = lazy(() => import('@/features/integrations/pages/webhook-page').then((m) => ({ default: m.WebhookPage })));
const LoanCalculatorPage = lazy(() => import('@/features/loans/pages/calculator-page').then((m) => ({ default: m.CalculatorPage })));
const LoanApplyPage = lazy(() => import('@/features/loans/pages/apply-page').then((m) => ({ default: m.ApplyPage })));
const LoansPage = lazy(() => import('@/features/loans/pages/loans-page').then((m) => ({ default: m.LoansPage })));
const LoanPage = lazy(() => import('@/features/loans/pages/loan-page').then((m) => ({ default: m.LoanPage })));
const LoanReviewPage = lazy(() => import('@/features/loans/pages/review-page').then((m) => ({ default: m.ReviewPage })));
const PhoneChangesPage = lazy(() => import('@/features/loans/pages/phone-changes-page').then((m) => ({ default: m.PhoneChangesPage })));
// News, promotions, the newsletter and the notification centre (issue 8).
const NewsListPage = lazy(() => import('@/features/news/pages/news-list-page').then((m) => ({ default: m.NewsListPage })));
const NewsItemPage = lazy(() => import('@/features/news/pages/news-item-page').then((m) => ({ default: m.NewsItemPage })));
const PromotionsPage = lazy(() => import('@/features/news/pages/promotions-page').then((m) => ({ default: m.PromotionsPage })));
const NewsletterConfirmPage = lazy(() => import('@/features/news/pages/newsletter-confirm-page').then((m) => ({ default: m.NewsletterConfirmPage })));
const NewsletterUnsubscribePage = lazy(() => import('@/features/news/pages/newsletter-unsubscribe-page').then((m) => ({ default: m.NewsletterUnsubscribePage })));
const BackofficeNewsPage = lazy(() => import('@/features/news/pages/backoffice-news-page').then((m) => ({ default: m.BackofficeNewsPage })));
const NotificationsPage = lazy(() => import('@/features/notifications/pages/notifications-page').then((m) => ({ default: m.NotificationsPage })));
const NotificationPreferencesPage = lazy(() => import('@/features/notifications/pages/preferences-page').then((m) => ({ default: m.PreferencesPage })));
const PayPage = lazy(() => import('@/features/quickpay/pages/pay-page').then((m) => ({ default: m.PayPage })));
const PayStatusPage = lazy(() => import('@/features/quickpay/pages/pay-status-page').then((m) => ({ default: m.PayStatusPage })));
// Support chat and FAQ (issue 8)
const SupportPage = lazy(() => import('@/features/support/pages/support-page').then((m) => ({ default: m.SupportPage })));
const SupportChatPage = lazy(() => import('@/features/support/pages/chat-page').then((m) => ({ default: m.ChatPage })));
const HelpPage = lazy(() => import('@/features/support/pages/help-page').then((m) => ({ default: m.HelpPage })));
const StaffSupportQueuePage = lazy(() => import('@/features/support/pages/staff-queue-page').then((m) => ({ default: m.StaffQueuePage })));
const StaffSupportChatPage = lazy(() => import('@/features/support/pages/staff-chat-page').then((m) => ({ default: m.StaffChatPage })));
const FaqAdminPage = lazy(() => import('@/features/support/pages/faq-admin-page').then((m) => ({ default: m.FaqAdminPage })));
// Installable app and help (issue 10), the guide and the speed test (issue 8).
const OfficesPage = lazy(() => import('@/features/help/pages/offices-page').then((m) => ({ default: m.OfficesPage })));
const AboutPage = lazy(() => import('@/features/help/pages/about-page').then((m) => ({ default: m.AboutPage })));
const DocumentPage = lazy(() => import('@/features/help/pages/document-page').then((m) => ({ default: m.DocumentPage })));
const HelpVideosPage = lazy(() => import('@/features/help/pages/help-page').then((m) => ({ default: m.HelpPage })));
const SpeedTestPage = lazy(() => import('@/features/help/pages/speed-test-page').then((m) => ({ default: m.SpeedTestPage })));
// The corporate cabinet (issue 10).
const CompaniesPage = lazy(() => import('@/features/corporate/pages/companies-page').then((m) => ({ default: m.CompaniesPage })));
const CompanyPage = lazy(() => import('@/features/corporate/pages/company-page').then((m) => ({ default: m.CompanyPage })));
const SecurityQuestionCard = lazy(() => import('@/features/security-question/components/security-question-card').then((m) => ({ default: m.SecurityQuestionCard })));
const QuestionResetPage = lazy(() => import('@/features/security-question/pages/question-reset-page').then((m) => ({ default: m.QuestionResetPage })));
const TopUpOtherPage = lazy(() => import('@/features/payments/pages/top-up-other-page').then((m) => ({ default: m.TopUpOtherPage })));
const NotFoundPage = lazy(() => import('./pages/not-found-page').then((m) => ({ default: m.NotFoundPage })));

/** The route tree (declarative mode: no loaders are used, and it is half the size of the data router). */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<RootLayout />}>
        <Route element={<PublicLayout />}>
          <Route path="login" element={<LoginPage alternatives={<GosuslugiButton />} />} />
          <Route path="login/gosuslugi" element={<GosuslugiPage />} />
          <Route path="forgot-password" element={<ForgotPasswordPage />} />
          <Route path="forgot-password/question" element={<QuestionResetPage />} />
          <Route path="dev/inbox" element={<DevInboxPage />} />
          <Route path="bonus/activate" element={<BonusActivationPage />} />
          <Route path="newsletter/confirm" element={<NewsletterConfirmPage />} />
          <Route path="newsletter/unsubscribe" element={<NewsletterUnsubscribePage />} />
        </Route>
        <Route element={<CatalogLayout />}>
          <Route path="tariffs" element={<TariffsPage />} />
          <Route path="connect" element={<ConnectMobilePage />} />
          <Route path="connect/internet" element={<ConnectInternetPage />} />
          <Route path="callback" element={<CallbackPage />} />
          <Route path="applications/status" element={<ApplicationStatusPage />} />
          <Route path="numbers" element={<NumbersPage />} />
          <Route path="loans/calculator" element={<LoanCalculatorPage />} />
          <Route path="news" element={<NewsListPage />} />
          <Route path="news/:slug" element={<NewsItemPage />} />
          <Route path="pay" element={<PayPage />} />
          <Route path="pay/:paymentId" element={<PayStatusPage />} />
          <Route path="loans/apply" element={<LoanApplyPage alternatives={<GosuslugiButton next="/loans/apply" />} />} />
          <Route path="help" element={<HelpPage />} />
          <Route path="offices" element={<OfficesPage />} />
          <Route path="about" element={<AboutPage />} />
          <Route path="about/documents/:code" element={<DocumentPage />} />
          {/* An unknown address: in the cabinet's own shell for a signed-in customer, the public one for a visitor. */}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
        <Route element={<RequireAuth />}>
          <Route element={<PublicLayout />}>
            <Route path="change-password" element={<ForcedPasswordChangePage />} />
          </Route>
          <Route element={<AppShell />}>
            <Route index element={<StaffLanding home={<HomePage accounts={<AccountsOverview />} />} />} />
            <Route path="accounts" element={<AccountsPage />} />
            <Route path="accounts/:accountId/top-up" element={<TopUpPage />} />
            <Route path="accounts/:accountId/:tab?" element={<AccountRoute />} />
            <Route path="payments" element={<PaymentsPage />} />
            <Route path="payments/other" element={<TopUpOtherPage />} />
            <Route path="payments/:paymentId" element={<PaymentPage />} />
            <Route path="payments/:paymentId/receipt" element={<ReceiptPage />} />
            <Route path="cards" element={<CardsPage />} />
            <Route path="profile" element={<ProfilePage identities={<IdentityCard />} extras={<SecurityQuestionCard />} />} />
            <Route path="sessions" element={<SessionsPage />} />
            <Route path="bonus" element={<BonusPage />} />
            <Route path="bonus/rewards" element={<BonusRewardsPage />} />
            <Route path="orders" element={<OrdersPage />} />
            <Route path="orders/new/sim" element={<NewSimOrderPage />} />
            <Route path="orders/new/number" element={<NewNumberOrderPage />} />
            <Route path="orders/:orderId" element={<OrderPage />} />
            <Route path="loans" element={<LoansPage />} />
            <Route path="loans/:loanId" element={<LoanPage />} />
            <Route path="promotions" element={<PromotionsPage />} />
            <Route path="notifications" element={<NotificationsPage />} />
            <Route path="profile/notifications" element={<NotificationPreferencesPage />} />
            <Route path="support" element={<SupportPage />} />
            <Route path="support/:chatId" element={<SupportChatPage />} />
            <Route path="help/videos" element={<HelpVideosPage />} />
            <Route path="speedtest" element={<SpeedTestPage />} />
            <Route path="company" element={<CompaniesPage />} />
            <Route path="company/:companyId/:tab?" element={<CompanyPage />} />
          </Route>
          <Route path="backoffice" element={<RequireStaff />}>
            <Route element={<BackofficeLayout />}>
              <Route index element={<ConsoleHomePage />} />
              <Route path="connections" element={<ApplicationsQueuePage kind="mobile" />} />
              <Route path="internet" element={<ApplicationsQueuePage kind="internet" />} />
              <Route path="callbacks" element={<ApplicationsQueuePage kind="callback" />} />
              <Route path="applications/:applicationId" element={<BackofficeApplicationPage />} />
              <Route path="orders" element={<OrdersQueuePage />} />
              <Route path="orders/:orderId" element={<StaffOrderPage />} />
              <Route path="customers" element={<CustomersPage />} />
              <Route path="customers/:customerId" element={<CustomerPage />} />
              <Route path="numbers" element={<NumbersStockPage />} />
              <Route path="catalog" element={<CatalogAdminPage />} />
              <Route path="loans" element={<LoanReviewPage />} />
              <Route path="phone-changes" element={<PhoneChangesPage />} />
              <Route path="till" element={<TillSimulatorPage />} />
              <Route path="news" element={<BackofficeNewsPage />} />
              <Route path="support" element={<StaffSupportQueuePage />} />
              <Route path="support/:chatId" element={<StaffSupportChatPage />} />
              <Route element={<RequireStaff admin />}>
                <Route path="faq" element={<FaqAdminPage />} />
                <Route path="staff" element={<StaffPage />} />
                <Route path="audit" element={<AuditPage />} />
                <Route path="integrations" element={<IntegrationsPage />} />
                <Route path="integrations/partners/:partnerId" element={<PartnerPage />} />
                <Route path="integrations/keys/:keyId" element={<ApiKeyPage />} />
                <Route path="integrations/webhooks/:endpointId" element={<WebhookPage />} />
              </Route>
            </Route>
          </Route>
        </Route>
      </Route>
    </Routes>
  );
}
