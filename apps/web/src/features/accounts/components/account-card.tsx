import type { AccountView } from '@cabinet/shared-types';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDay } from '@/shared/lib/format-date';
import { formatPhone } from '@/shared/lib/format-phone';
import { AccountBadges } from './account-badges';
import { Balance } from './balance';
import { LastCharges } from './last-charges';
import { PackageBar } from './package-bar';

/** One account on the dashboard: balance, tariffs, what is left of the packages, a way in. */
export function AccountCard({ account }: { account: AccountView }) {
  const { t, i18n } = useTranslation();
  const headingId = `account-${account.id}`;
  const contract = account.contract;
  return (
    <article className="account-card" aria-labelledby={headingId}>
      <header className="account-card__header">
        <h2 id={headingId}>{t('accounts.cardTitle', { number: account.number })}</h2>
        <AccountBadges account={account} />
      </header>
      <Balance account={account} />
      <p className="account-card__actions">
        <Link
          className="button-link"
          to={`/accounts/${account.id}/top-up`}
          aria-label={t('accounts.topUpOf', { number: account.number })}
        >
          {t('accounts.topUp')}
        </Link>
      </p>
      {account.lines.map((line) => (
        <section key={line.id} className="line-summary" aria-label={formatPhone(line.msisdn)}>
          <h3 className="line-summary__title">
            {formatPhone(line.msisdn)}{' '}
            <span className="muted">{t(`providers.${line.operator}`, { defaultValue: line.operator })}</span>
          </h3>
          <p className="line-summary__tariff">
            {t('accounts.tariff')}: <strong>{line.tariff.name}</strong>
            {line.status === 'blocked' ? (
              <>
                {' '}
                <span className="badge badge--warn">{t('lineStatus.blocked')}</span>
              </>
            ) : null}
          </p>
          <PackageBar unit="minutes" value={line.packages.minutes} />
          <PackageBar unit="sms" value={line.packages.sms} />
          <PackageBar unit="mb" value={line.packages.mb} />
        </section>
      ))}
      {contract ? (
        <dl className="details details--compact">
          <dt>{t('accounts.contract')}</dt>
          <dd>{contract.contractNumber}</dd>
          <dt>{t('accounts.tariff')}</dt>
          <dd>
            {contract.tariff.name}
            {contract.tariff.speedMbps ? ` · ${t('tariff.speedValue', { value: contract.tariff.speedMbps })}` : ''}
          </dd>
          {account.paidUntil ? (
            <>
              <dt>{t('accounts.paidUntil')}</dt>
              <dd>{formatDay(account.paidUntil, i18n.language)}</dd>
            </>
          ) : null}
          <dt>{t('accounts.address')}</dt>
          <dd>{contract.address}</dd>
        </dl>
      ) : null}
      <LastCharges accountId={account.id} accountNumber={account.number} />
      <p className="account-card__link">
        <Link to={`/accounts/${account.id}`}>{t('accounts.open', { number: account.number })}</Link>
      </p>
    </article>
  );
}
