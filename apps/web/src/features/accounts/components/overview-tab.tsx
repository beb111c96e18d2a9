import { ServiceLimits, type AccountView } from '@cabinet/shared-types';
import { useTranslation } from 'react-i18next';
import { formatDay } from '@/shared/lib/format-date';
import { formatGigabytes, formatMoney as formatMoneyOf } from '@/shared/lib/format-money';
import { formatPhone } from '@/shared/lib/format-phone';
import { AccountBadges } from './account-badges';
import { Balance } from './balance';
import { ScheduledChangeNote } from './scheduled-change-note';

export function OverviewTab({ account }: { account: AccountView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const contract = account.contract;
  return (
    <>
      <article aria-labelledby="overview-account">
        <h2 id="overview-account">{t('account.summary')}</h2>
        <p>
          <AccountBadges account={account} />
        </p>
        <Balance account={account} />
        <dl className="details details--compact">
          <dt>{t('account.number')}</dt>
          <dd>{account.number}</dd>
          <dt>{t('account.status')}</dt>
          <dd>{t(`accountStatus.${account.status}`)}</dd>
          <dt>{t('account.access')}</dt>
          <dd>{t(`access.${account.access}`)}</dd>
          {account.paidUntil ? (
            <>
              <dt>{t('accounts.paidUntil')}</dt>
              <dd>{formatDay(account.paidUntil, lang)}</dd>
            </>
          ) : null}
        </dl>
      </article>
      {account.lines.map((line) => (
        <article key={line.id} aria-labelledby={`overview-line-${line.id}`}>
          <h2 id={`overview-line-${line.id}`}>
            {formatPhone(line.msisdn)} <span className="muted">{t(`providers.${line.operator}`)}</span>
          </h2>
          <dl className="details details--compact">
            <dt>{t('accounts.tariff')}</dt>
            <dd>
              {line.tariff.name} · {t('tariff.perMonth', { amount: formatMoneyOf(line.tariff.monthlyFee, lang) })}
            </dd>
            <dt>{t('account.status')}</dt>
            <dd>
              {t(`lineStatus.${line.status}`)}
              {line.blockReason ? ` (${t(`blockReason.${line.blockReason}`, { defaultValue: line.blockReason })})` : ''}
            </dd>
            <dt>{t('account.options')}</dt>
            <dd>{line.options.length ? line.options.map((option) => option.name).join(', ') : t('account.noOptions')}</dd>
            <dt>{t('account.sim')}</dt>
            <dd>{t('account.simValue', { last4: line.iccidLast4 })}</dd>
            {line.scheduledChange ? (
              <>
                <dt>{t('account.change')}</dt>
                <dd>
                  <ScheduledChangeNote change={line.scheduledChange} />
                </dd>
              </>
            ) : null}
          </dl>
        </article>
      ))}
      {contract ? (
        <article aria-labelledby="overview-contract">
          <h2 id="overview-contract">{t('account.contractTitle', { number: contract.contractNumber })}</h2>
          <dl className="details details--compact">
            <dt>{t('accounts.address')}</dt>
            <dd>{contract.address}</dd>
            <dt>{t('accounts.tariff')}</dt>
            <dd>
              {contract.tariff.name} · {t('tariff.speedValue', { value: contract.tariff.speedMbps ?? 0 })}
            </dd>
            <dt>{t('account.status')}</dt>
            <dd>{t(`contractStatus.${contract.status}`)}</dd>
            <dt>{t('account.traffic')}</dt>
            <dd>{t('tariff.gbValue', { value: formatGigabytes(contract.trafficMb, lang) })}</dd>
            <dt>{t('account.devices')}</dt>
            <dd>{t('account.devicesValue', { count: contract.deviceCount, max: ServiceLimits.devicesPerContract })}</dd>
            {contract.scheduledChange ? (
              <>
                <dt>{t('account.change')}</dt>
                <dd>
                  <ScheduledChangeNote change={contract.scheduledChange} />
                </dd>
              </>
            ) : null}
          </dl>
        </article>
      ) : null}
    </>
  );
}
