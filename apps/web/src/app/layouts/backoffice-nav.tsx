import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useMe } from '@/shared/api/me';
import type { ShellNavProps } from './app-shell';

type NavKey = 'home' | 'connections' | 'internet' | 'callbacks' | 'orders' | 'loans' | 'phoneChanges' | 'customers' | 'numbers' | 'catalog' | 'staff' | 'audit' | 'integrations' | 'till' | 'news' | 'support' | 'faq';
type Item = { key: NavKey; to?: string; admin?: boolean };

/**
 * The console's sections; loans in review and phone-change confirmations are the loans feature's pages.
 * Admin-only sections are shown to admins.
 */
const items: Item[] = [
  { key: 'home', to: '/backoffice' },
  { key: 'connections', to: '/backoffice/connections' },
  { key: 'internet', to: '/backoffice/internet' },
  { key: 'callbacks', to: '/backoffice/callbacks' },
  { key: 'support', to: '/backoffice/support' },
  { key: 'orders', to: '/backoffice/orders' },
  { key: 'loans', to: '/backoffice/loans' },
  { key: 'phoneChanges', to: '/backoffice/phone-changes' },
  { key: 'customers', to: '/backoffice/customers' },
  { key: 'numbers', to: '/backoffice/numbers' },
  { key: 'catalog', to: '/backoffice/catalog' },
  { key: 'news', to: '/backoffice/news' },
  { key: 'staff', to: '/backoffice/staff', admin: true },
  { key: 'audit', to: '/backoffice/audit', admin: true },
  { key: 'integrations', to: '/backoffice/integrations', admin: true },
  { key: 'faq', to: '/backoffice/faq', admin: true },
  // The bonus programme's till simulator (issue 6; the API serves it outside production only).
  { key: 'till', to: '/backoffice/till' },
];

export function BackofficeNav({ id, open, onNavigate }: ShellNavProps) {
  const { t } = useTranslation();
  const me = useMe();
  const admin = me.data?.role === 'admin';
  return (
    <nav id={id} aria-label={t('backoffice.nav.label')} className={open ? 'main-nav main-nav--open' : 'main-nav'}>
      <ul>
        {items
          .filter((item) => !item.admin || admin)
          .map(({ key, to }) => (
            <li key={key}>
              {to ? (
                <NavLink to={to} end={to === '/backoffice'} onClick={onNavigate} className="main-nav__link">
                  {t(`backoffice.nav.${key}`)}
                </NavLink>
              ) : (
                <span className="main-nav__link main-nav__link--soon" aria-disabled="true">
                  {t(`backoffice.nav.${key}`)} <span className="badge">{t('nav.soon')}</span>
                </span>
              )}
            </li>
          ))}
      </ul>
    </nav>
  );
}
