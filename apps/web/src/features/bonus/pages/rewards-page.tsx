import type { BonusRedemptionView, BonusRewardView } from '@cabinet/shared-types';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAttemptKey } from '@/shared/api/attempt-key';
import { formatDateTime } from '@/shared/lib/format-date';
import { FormAlert } from '@/shared/ui/form-alert';
import { ModalDialog } from '@/shared/ui/modal-dialog';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { useBonusSummary } from '../api/get-bonus';
import { useRedeemReward, useRedemptions, useRewards } from '../api/rewards';
import { useBonusErrorMessage } from '../components/bonus-error';
import { pointsText } from '../components/points';

function Voucher({ redemption }: { redemption: BonusRedemptionView }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="bonus-voucher">
      <span>{redemption.reward.title}</span>
      <code className="bonus-voucher__code">{redemption.voucherCode}</code>
      <span className="muted">{t('bonus.rewards.validUntil', { date: formatDateTime(redemption.expiresAt, i18n.language) })}</span>
    </li>
  );
}

/** /bonus/rewards — what points can be exchanged for, and the vouchers already taken. */
export function RewardsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const describe = useBonusErrorMessage();
  const rewards = useRewards();
  const summary = useBonusSummary();
  const redemptions = useRedemptions();
  const redeem = useRedeemReward();
  const attempt = useAttemptKey();
  const [choice, setChoice] = useState<BonusRewardView | null>(null);
  const [fresh, setFresh] = useState<BonusRedemptionView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const balance = summary.data?.balance ?? 0;

  const onConfirm = () => {
    if (!choice) return;
    const reward = choice;
    setChoice(null);
    setError(null);
    redeem.mutate(
      { code: reward.code, idempotencyKey: attempt.keyFor(reward.code) },
      {
        onSuccess: (done) => {
          attempt.settle(null);
          setFresh(done);
        },
        onError: (failure) => {
          attempt.settle(failure);
          setError(describe(failure));
        },
      },
    );
  };
  const mine = redemptions.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeading title={t('bonus.rewards.title')}>{t('bonus.rewards.title')}</PageHeading>
      <p>
        <Link to="/bonus">{t('bonus.rewards.back')}</Link>
      </p>
      {summary.data ? <p className="bonus-balance__amount">{t('bonus.rewards.balance', { value: pointsText(t, balance, lang) })}</p> : null}
      <FormAlert tone="success">{fresh ? t('bonus.rewards.done', { title: fresh.reward.title, code: fresh.voucherCode }) : null}</FormAlert>
      <FormAlert>{error}</FormAlert>
      {rewards.isPending ? <PageLoader /> : null}
      {rewards.isError ? <QueryError error={rewards.error} onRetry={() => void rewards.refetch()} /> : null}
      {rewards.data ? (
        <ul className="card-grid" aria-label={t('bonus.rewards.listLabel')}>
          {rewards.data.items.map((reward) => (
            <li key={reward.id}>
              <article aria-labelledby={`reward-${reward.code}`}>
                <h3 id={`reward-${reward.code}`} className="section-title">
                  {reward.title}
                </h3>
                <p className="muted">{reward.description}</p>
                <p>
                  <strong>{pointsText(t, reward.points, lang)}</strong>
                </p>
                <button type="button" disabled={redeem.isPending || !summary.data?.member || reward.points > balance} onClick={() => setChoice(reward)} aria-describedby={`reward-${reward.code}`}>
                  {t('bonus.rewards.redeem')}
                </button>
              </article>
            </li>
          ))}
        </ul>
      ) : null}
      {mine.length ? (
        <section aria-labelledby="bonus-vouchers-title">
          <h2 id="bonus-vouchers-title" className="section-title">
            {t('bonus.rewards.mine')}
          </h2>
          <ul className="bonus-vouchers">
            {mine.map((r) => (
              <Voucher key={r.id} redemption={r} />
            ))}
          </ul>
        </section>
      ) : null}
      <ModalDialog
        open={choice !== null}
        title={t('bonus.rewards.confirmTitle')}
        onCancel={() => setChoice(null)}
        actions={
          <>
            <button type="button" className="secondary outline" onClick={() => setChoice(null)}>
              {t('common.cancel')}
            </button>
            <button type="button" onClick={onConfirm}>
              {t('bonus.rewards.confirm')}
            </button>
          </>
        }
      >
        {choice ? <p>{t('bonus.rewards.confirmText', { title: choice.title, value: pointsText(t, choice.points, lang) })}</p> : null}
      </ModalDialog>
    </>
  );
}
