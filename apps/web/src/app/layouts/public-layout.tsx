import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { LanguageSwitcher } from '@/shared/i18n/language-switcher';
import { PageLoader } from '@/shared/ui/page-loader';
import { Brand } from './brand';
import { SkipLink } from './skip-link';

/** Pages for people who are not signed in: sign-in, password reset, the dev inbox, 404. */
export function PublicLayout() {
  const { t } = useTranslation();
  return (
    <div className="layout layout--public">
      <SkipLink />
      <header className="topbar">
        <div className="container topbar__inner">
          <Brand />
          <LanguageSwitcher />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="container main">
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="container footer">
        <small>{t('app.footer')}</small>
      </footer>
    </div>
  );
}
