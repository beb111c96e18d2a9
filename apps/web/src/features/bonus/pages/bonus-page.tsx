import type { BonusCardView } from '@cabinet/shared-types';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '@/shared/api/me';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { useBonusSummary, useCampaigns } from '../api/get-bonus';
import { AddCardPanel } from '../components/add-card-panel';
import { BlockCardDialog } from '../components/block-card-dialog';
import { LoyaltyCard } from '../components/loyalty-card';
import { OperationsSection } from '../components/operations-section';
import { formatDay, pointsText } from '../components/points';
import { StatementPanel } from '../components/statement-panel';
import { TransferDialog } from '../components/transfer-dialog';

/** /bonus — the card to show at the till, the balance and what expires, transfers, history, statement. */
export function BonusPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const summary = useBonusSummary();
  const campaigns = useCampaigns();
  const me = useMe();
  const [status, setStatus] = useState<string | null>(null);
  const [transferring, setTransferring] = useState(false);
  const [blocking, setBlocking] = useState<BonusCardView | null>(null);
  const staff = me.data?.role === 'operator' || me.data?.role === 'admin';
  const done = (text: string) => {
    setStatus(text);
    setTransferring(false);
    setBlocking(null);
  };

  const s = summary.data;
  const active = s?.cards.filter((c) => c.status === 'active') ?? [];
  const blocked = s?.cards.filter((c) => c.status !== 'active') ?? [];

  return (
    <>
      <PageHeading title={t('bonus.title')}>{t('bonus.title')}</PageHeading>
      <p className="button-row">
        <Link to="/bonus/rewards" className="button-link">
          {t('bonus.rewardsLink')}
        </Link>
        {staff ? (
          <Link to="/backoffice/till" className="button-link secondary">
            {t('bonus.tillLink')}
          </Link>
        ) : null}
      </p>
      <FormAlert tone="success">{status}</FormAlert>
      {summary.isPending ? <PageLoader /> : null}
      {summary.isError ? <QueryError error={summary.error} onRetry={() => void summary.refetch()} /> : null}
      {s && !s.member ? <p>{t('bonus.intro')}</p> : null}
      {s?.member ? (
        <div className="bonus-grid">
          <section aria-labelledby="bonus-balance-title" className="bonus-balance">
            <h2 id="bonus-balance-title" className="section-title">
              {t('bonus.balance.title')}
            </h2>
            <p className="bonus-balance__amount" aria-live="polite">
              {pointsText(t, s.balance, lang)}
            </p>
            <p className="muted">{t('bonus.balance.value')}</p>
            {s.expiringSoon[0] ? (
              <p className="notice notice--warn" role="note">
                {t('bonus.balance.expiring', { value: pointsText(t, s.expiringSoon[0].points, lang), date: formatDay(s.expiringSoon[0].date, lang) })}
              </p>
            ) : s.nextExpiry ? (
              <p className="muted">{t('bonus.balance.nextExpiry', { value: pointsText(t, s.nextExpiry.points, lang), date: formatDay(s.nextExpiry.date, lang) })}</p>
            ) : null}
            <p className="button-row">
              <button type="button" onClick={() => setTransferring(true)} disabled={s.balance === 0}>
                {t('bonus.transfer.open')}
              </button>
            </p>
          </section>
          <section aria-labelledby="bonus-cards-title" className="bonus-cards">
            <h2 id="bonus-cards-title" className="section-title">
              {t('bonus.cards.title')}
            </h2>
            {active.map((card) => (
              <LoyaltyCard
                key={card.id}
                card={card}
                actions={
                  <button type="button" className="secondary outline" onClick={() => setBlocking(card)}>
                    {t('bonus.block.open')}
                  </button>
                }
              />
            ))}
            {active.length === 0 ? <p className="muted">{t('bonus.cards.noneActive')}</p> : null}
            {blocked.length ? (
              <details>
                <summary>{t('bonus.cards.blocked', { count: blocked.length })}</summary>
                {blocked.map((card) => (
                  <LoyaltyCard key={card.id} card={card} />
                ))}
              </details>
            ) : null}
          </section>
        </div>
      ) : null}
      {s ? <AddCardPanel canCreateVirtual={!s.cards.some((c) => c.kind === 'virtual' && c.status === 'active')} collapsed={s.member && active.length > 0} onDone={done} /> : null}
      {campaigns.data?.items.length ? (
        <section aria-labelledby="bonus-campaigns-title">
          <h2 id="bonus-campaigns-title" className="section-title">
            {t('bonus.campaigns.title')}
          </h2>
          <ul className="bonus-campaigns">
            {campaigns.data.items.map((c) => (
              <li key={c.id}>
                <strong>{c.name}</strong> <span className="badge badge--accent">×{c.multiplier}</span>{' '}
                <span className="muted">{t('bonus.campaigns.until', { date: formatDay(c.endsAt.slice(0, 10), lang) })}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {s?.member ? (
        <>
          <StatementPanel />
          <OperationsSection />
          <TransferDialog open={transferring} balance={s.balance} limits={s.transferLimits} onClose={() => setTransferring(false)} onDone={done} />
          <BlockCardDialog card={blocking} onClose={() => setBlocking(null)} onDone={done} />
        </>
      ) : null}
    </>
  );
}
