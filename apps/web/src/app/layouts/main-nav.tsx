import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

type NavKey =
  | 'home'
  | 'accounts'
  | 'payments'
  | 'cards'
  | 'loans'
  | 'bonus'
  | 'applications'
  | 'support'
  | 'profile'
  | 'sessions'
  | 'tariffs'
  | 'numbers'
  | 'news'
  | 'notifications'
  | 'speedtest'
  | 'help'
  | 'company';

/** Modules of the cabinet; those without a path arrive in later releases. */
const items: Array<{ key: NavKey; to?: string }> = [
  { key: 'home', to: '/' },
  { key: 'accounts', to: '/accounts' },
  { key: 'tariffs', to: '/tariffs' },
  { key: 'payments', to: '/payments' },
  { key: 'cards', to: '/cards' },
  { key: 'loans', to: '/loans' },
  { key: 'bonus', to: '/bonus' },
  { key: 'applications', to: '/orders' },
  { key: 'numbers', to: '/numbers' },
  { key: 'news', to: '/news' },
  { key: 'notifications', to: '/notifications' },
  { key: 'support', to: '/support' },
  { key: 'company', to: '/company' },
  { key: 'profile', to: '/profile' },
  { key: 'sessions', to: '/sessions' },
  { key: 'speedtest', to: '/speedtest' },
  { key: 'help', to: '/help/videos' },
];

export function MainNav({ id, open, onNavigate }: { id: string; open: boolean; onNavigate: () => void }) {
  const { t } = useTranslation();
  return (
    <nav id={id} aria-label={t('nav.label')} className={open ? 'main-nav main-nav--open' : 'main-nav'}>
      <ul>
        {items.map(({ key, to }) => (
          <li key={key}>
            {to ? (
              <NavLink to={to} end={to === '/'} onClick={onNavigate} className="main-nav__link">
                {t(`nav.${key}`)}
              </NavLink>
            ) : (
              <span className="main-nav__link main-nav__link--soon" aria-disabled="true">
                {t(`nav.${key}`)} <span className="badge">{t('nav.soon')}</span>
              </span>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
