import { lazy, Suspense, useEffect, useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { useMe } from '@/shared/api/me';
import { LanguageSwitcher } from '@/shared/i18n/language-switcher';
import { logout } from '@/shared/session/logout';
import { PageLoader } from '@/shared/ui/page-loader';
import { NotificationBell } from '@/features/notifications/components/notification-bell';
import { Brand } from './brand';
import { MainNav } from './main-nav';
import { SkipLink } from './skip-link';

const navId = 'main-nav';

// The onboarding guide's tip over the current section (its own chunk: not on the sign-in page's first load).
const GuideTip = lazy(() => import('@/features/help/components/guide-tip').then((m) => ({ default: m.GuideTip })));

export interface ShellNavProps {
  id: string;
  open: boolean;
  onNavigate: () => void;
}

/**
 * The signed-in frame: header (name, language, sign-out), navigation, page. The back office uses the
 * same frame with its own navigation and a label next to the brand.
 */
export function AppShell({ navigation: Navigation = MainNav, label }: { navigation?: ComponentType<ShellNavProps>; label?: string } = {}) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);

  // Close the phone menu whenever the page changes (also via back/forward).
  const [lastPath, setLastPath] = useState(location.pathname);
  if (lastPath !== location.pathname) {
    setLastPath(location.pathname);
    setMenuOpen(false);
  }

  useEffect(() => {
    if (!menuOpen) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setMenuOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [menuOpen]);

  const shortName = me ? [me.name, me.surname].filter(Boolean).join(' ') : '';

  return (
    <div className={label ? 'layout layout--app layout--backoffice' : 'layout layout--app'}>
      <SkipLink />
      <header className="topbar">
        <div className="container topbar__inner">
          <button
            type="button"
            className="menu-toggle"
            aria-expanded={menuOpen}
            aria-controls={navId}
            aria-label={menuOpen ? t('nav.closeMenu') : t('nav.openMenu')}
            onClick={() => setMenuOpen((open) => !open)}
          >
            <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="24" height="24">
              {menuOpen ? (
                <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2" />
              ) : (
                <path d="M3 6h18M3 12h18M3 18h18" stroke="currentColor" strokeWidth="2" />
              )}
            </svg>
          </button>
          <Brand />
          {label ? <span className="badge badge--accent topbar__label">{label}</span> : null}
          {shortName ? (
            <span className="topbar__user" title={t('header.account')}>
              {shortName}
            </span>
          ) : null}
          <div className="topbar__end">
            {label ? null : <NotificationBell />}
            <LanguageSwitcher />
            <button
              type="button"
              className="secondary outline topbar__signout"
              aria-busy={signingOut || undefined}
              disabled={signingOut}
              onClick={() => {
                setSigningOut(true);
                void logout('logout');
              }}
            >
              {t('header.signOut')}
            </button>
          </div>
        </div>
      </header>
      <div className="container shell">
        <Navigation id={navId} open={menuOpen} onNavigate={() => setMenuOpen(false)} />
        <main id="main" tabIndex={-1} className="shell__main">
          {/* One boundary for the tip and the page: the page is shown only once the tip's chunk, texts and
              GET /me/guide are in, so a tip never arrives after the page and pushes it down (on its own
              boundary it did: Lighthouse CLS 0.31 on the dashboard). */}
          <Suspense fallback={<PageLoader />}>
            {label ? null : <GuideTip />}
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
