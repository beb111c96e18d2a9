import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';

export const tabKeys = ['overview', 'tariff', 'options', 'packages', 'block', 'devices', 'history', 'access'] as const;
/** A built-in tab; tabs composed in from other features (autopay) have keys of their own. */
export type TabKey = (typeof tabKeys)[number];

interface AccountTabsProps {
  tabs: string[];
  current: string;
  hrefOf: (tab: string) => string;
  panelId: string;
  /** Names the tab list; internet contracts call the block tab "suspension". */
  labelOf: (tab: string) => string;
}

export const tabId = (tab: string) => `account-tab-${tab}`;

/**
 * The WAI-ARIA tabs pattern over links: each tab is its own URL (/accounts/:id/:tab), the
 * selected one is in the tab order, arrow keys / Home / End move between tabs and open them.
 */
export function AccountTabs({ tabs, current, hrefOf, panelId, labelOf }: AccountTabsProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const refs = useRef(new Map<string, HTMLAnchorElement>());

  const onKeyDown = (event: KeyboardEvent<HTMLAnchorElement>) => {
    const index = tabs.indexOf(current);
    const moves: Record<string, number> = {
      ArrowRight: (index + 1) % tabs.length,
      ArrowLeft: (index - 1 + tabs.length) % tabs.length,
      Home: 0,
      End: tabs.length - 1,
    };
    const nextIndex = moves[event.key];
    if (nextIndex === undefined) return;
    event.preventDefault();
    const next = tabs[nextIndex]!;
    refs.current.get(next)?.focus();
    void navigate(hrefOf(next));
  };

  return (
    <div role="tablist" aria-label={t('account.tabsLabel')} className="tabs">
      {tabs.map((tab) => (
        <Link
          key={tab}
          ref={(node) => {
            if (node) refs.current.set(tab, node);
            else refs.current.delete(tab);
          }}
          id={tabId(tab)}
          role="tab"
          to={hrefOf(tab)}
          aria-selected={tab === current}
          aria-controls={panelId}
          tabIndex={tab === current ? 0 : -1}
          className={tab === current ? 'tabs__tab tabs__tab--active' : 'tabs__tab'}
          onKeyDown={onKeyDown}
        >
          {labelOf(tab)}
        </Link>
      ))}
    </div>
  );
}
