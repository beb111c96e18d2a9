import type { AccountView } from '@cabinet/shared-types';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { formatPhone } from '@/shared/lib/format-phone';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { useAccount } from '@/shared/api/accounts';
import { canManageAccess } from '../components/access';
import { AccessTab } from '../components/access-tab';
import type { AccountSlots } from '../components/account-slots';
import { AccountTabs, tabId, type TabKey } from '../components/account-tabs';
import { BlockTab } from '../components/block-tab';
import { DevicesTab } from '../components/devices-tab';
import { HistoryTab } from '../components/history-tab';
import { OptionsTab } from '../components/options-tab';
import { OverviewTab } from '../components/overview-tab';
import { PackagesTab } from '../components/packages-tab';
import { TariffTab } from '../components/tariff-tab';

function tabsFor(account: AccountView, slots: AccountSlots): string[] {
  const tabs: string[] =
    account.kind === 'mobile'
      ? ['overview', 'tariff', 'options', 'packages', 'block', 'history']
      : ['overview', 'tariff', 'devices', 'block', 'history'];
  for (const slot of slots.tabs ?? []) if (slot.visible(account)) tabs.push(slot.key);
  if (canManageAccess(account)) tabs.push('access');
  return tabs;
}

/** Tabs that act on one line of a mobile account show the line picker. */
const lineTabs: string[] = ['tariff', 'options', 'packages', 'block'];

/** The account: built-in tabs plus what other features compose in (`slots`). */
export function AccountPage({ slots = {} }: { slots?: AccountSlots }) {
  const { t } = useTranslation();
  const { accountId = '', tab } = useParams();
  const [params, setParams] = useSearchParams();
  const account = useAccount(accountId);
  const panelId = useId();
  const lineSelectId = useId();

  if (account.isPending) return <PageLoader />;
  if (account.isError) {
    return (
      <>
        <PageHeading title={t('account.title')}>{t('account.title')}</PageHeading>
        <QueryError notFound error={account.error} onRetry={() => void account.refetch()} />
        <p>
          <Link to="/accounts">{t('account.back')}</Link>
        </p>
      </>
    );
  }

  const data = account.data;
  const tabs = tabsFor(data, slots);
  const current = tab && tabs.includes(tab) ? tab : 'overview';
  const slot = slots.tabs?.find((candidate) => candidate.key === current);
  const lineParam = params.get('line');
  const line =
    data.lines.find((candidate) => candidate.id === lineParam) ??
    data.lines.find((candidate) => candidate.id === data.managedLineId) ??
    data.lines[0] ??
    null;
  const hrefOf = (key: string) => `/accounts/${data.id}/${key}${line && data.lines.length > 1 ? `?line=${line.id}` : ''}`;
  const labelOf = (key: string) =>
    slots.tabs?.find((candidate) => candidate.key === key)?.label ??
    t(`account.tabs.${(key === 'block' && data.kind === 'internet' ? 'suspend' : key) as TabKey}`);
  const title = t('accounts.cardTitle', { number: data.number });

  return (
    <>
      <PageHeading title={`${labelOf(current)} · ${title}`}>{title}</PageHeading>
      <p className="breadcrumbs">
        <Link to="/accounts">{t('account.back')}</Link>
      </p>
      <div className="account-actions">
        <Link className="button-link" to={`/accounts/${data.id}/top-up`}>
          {t('accounts.topUp')}
        </Link>
        {slots.actions?.(data)}
      </div>
      <AccountTabs tabs={tabs} current={current} hrefOf={hrefOf} panelId={panelId} labelOf={labelOf} />
      <div role="tabpanel" id={panelId} aria-labelledby={tabId(current)} tabIndex={0} className="tabs__panel">
        {line && data.lines.length > 1 && lineTabs.includes(current) ? (
          <div className="field line-picker">
            <label htmlFor={lineSelectId}>{t('account.line')}</label>
            <select
              id={lineSelectId}
              value={line.id}
              onChange={(event) => {
                const next = new URLSearchParams(params);
                next.set('line', event.target.value);
                setParams(next);
              }}
            >
              {data.lines.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {formatPhone(candidate.msisdn)} · {t(`providers.${candidate.operator}`)} · {candidate.tariff.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {current === 'overview' ? <OverviewTab account={data} /> : null}
        {current === 'tariff' ? <TariffTab key={line?.id ?? 'contract'} account={data} line={line} /> : null}
        {current === 'options' && line ? <OptionsTab key={line.id} account={data} line={line} /> : null}
        {current === 'packages' && line ? <PackagesTab line={line} /> : null}
        {current === 'block' ? <BlockTab key={line?.id ?? 'contract'} account={data} line={line} /> : null}
        {current === 'devices' ? <DevicesTab account={data} /> : null}
        {current === 'history' ? <HistoryTab account={data} /> : null}
        {current === 'access' ? <AccessTab account={data} /> : null}
        {slot ? slot.render(data) : null}
      </div>
    </>
  );
}
