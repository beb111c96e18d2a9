import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSlots } from '@/features/accounts/components/account-slots';
import { AccountPage } from '@/features/accounts/pages/account-page';
import { PageLoader } from '@/shared/ui/page-loader';

// The payments feature's parts of the account page, each its own chunk.
const AutopayTab = lazy(() => import('@/features/payments/components/autopay-tab').then((m) => ({ default: m.AutopayTab })));
// The call blacklist and paid content services of mobile lines (issue 10).
const LineExtrasTab = lazy(() => import('@/features/line-extras/components/line-extras-tab').then((m) => ({ default: m.LineExtrasTab })));
// Closing the account (issue 7): offered to the owner.
const CloseAccountAction = lazy(() => import('@/features/account-closure/components/close-account-action').then((m) => ({ default: m.CloseAccountAction })));
const AccountPaymentActions = lazy(() =>
  import('@/features/payments/components/account-payment-actions').then((m) => ({ default: m.AccountPaymentActions })),
);

/** The account page with what the payments feature adds: the autopay tab and the promised/deferred payment. */
export function AccountRoute() {
  const { t } = useTranslation();
  const slots = useMemo<AccountSlots>(
    () => ({
      tabs: [
        {
          key: 'autopay',
          label: t('account.tabs.autopay'),
          // Viewers see the balance and the history, not the money settings.
          visible: (account) => account.access !== 'viewer',
          render: (account) => (
            <Suspense fallback={<PageLoader />}>
              <AutopayTab account={account} />
            </Suspense>
          ),
        },
        {
          key: 'extras',
          label: t('account.tabs.extras'),
          visible: (account) => account.kind === 'mobile' && account.lines.length > 0,
          render: (account) => (
            <Suspense fallback={<PageLoader />}>
              <LineExtrasTab account={account} />
            </Suspense>
          ),
        },
      ],
      actions: (account) => (
        <Suspense fallback={null}>
          <AccountPaymentActions account={account} />
          <CloseAccountAction account={account} />
        </Suspense>
      ),
    }),
    [t],
  );
  return <AccountPage slots={slots} />;
}
