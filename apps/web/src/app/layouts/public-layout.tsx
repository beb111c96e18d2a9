import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
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
          <Link to="/pay" className="topbar__link">
            {t('publicNav.pay')}
          </Link>
          <LanguageSwitcher />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="container main">
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="container footer">
        <nav aria-label={t('publicNav.label')} className="public-nav">
          <Link to="/tariffs">{t('publicNav.tariffs')}</Link>
          <Link to="/numbers">{t('publicNav.numbers')}</Link>
          <Link to="/connect">{t('publicNav.connect')}</Link>
          <Link to="/connect/internet">{t('publicNav.internet')}</Link>
          <Link to="/callback">{t('publicNav.callback')}</Link>
          <Link to="/applications/status">{t('publicNav.status')}</Link>
          <Link to="/help">{t('publicNav.help')}</Link>
          <Link to="/offices">{t('publicNav.offices')}</Link>
          <Link to="/about">{t('publicNav.about')}</Link>
          <Link to="/news">{t('publicNav.news')}</Link>
        </nav>
        <small>{t('app.footer')}</small>
      </footer>
    </div>
  );
}
