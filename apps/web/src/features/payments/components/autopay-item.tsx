import { PaymentLimits, type AutopayView } from '@cabinet/shared-types';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/shared/lib/format-date';
import { formatMoney } from '@/shared/lib/format-money';
import { cardLabel } from './card-label';

interface AutopayItemProps {
  rule: AutopayView;
  busy: boolean;
  onPause: () => void;
  onResume: () => void;
  onRemove: () => void;
}

/** One autopay rule: what it does in words, its card, its state and failures, and its buttons. */
export function AutopayItem({ rule, busy, onPause, onResume, onRemove }: AutopayItemProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const headingId = `autopay-${rule.id}`;
  const amount = formatMoney(rule.amount, lang);
  const title =
    rule.kind === 'threshold'
      ? t('autopay.thresholdRule', { amount, threshold: rule.threshold ? formatMoney(rule.threshold, lang) : '—' })
      : t('autopay.monthlyRule', { amount, day: rule.dayOfMonth ?? '—' });
  return (
    <article className={`autopay autopay--${rule.status}`} aria-labelledby={headingId}>
      <h3 id={headingId} className="autopay__title">
        {title}
      </h3>
      <p className="badges">
        <span className={rule.status === 'active' ? 'badge badge--accent' : 'badge badge--warn'}>
          {t(`autopay.status.${rule.status}`)}
        </span>
      </p>
      {rule.status === 'stopped' ? (
        <p className="notice notice--warn">{t('autopay.stoppedText', { count: PaymentLimits.autopayMaxFailures })}</p>
      ) : null}
      <dl className="details details--compact">
        <dt>{t('autopay.card')}</dt>
        <dd>{cardLabel(t, rule.card)}</dd>
        {rule.failures > 0 ? (
          <>
            <dt>{t('autopay.failuresLabel')}</dt>
            <dd>{t('autopay.failures', { count: rule.failures, max: PaymentLimits.autopayMaxFailures })}</dd>
          </>
        ) : null}
        {rule.lastRunAt ? (
          <>
            <dt>{t('autopay.lastRun')}</dt>
            <dd>{formatDateTime(rule.lastRunAt, lang)}</dd>
          </>
        ) : null}
        {rule.nextRunAt && rule.status === 'active' ? (
          <>
            <dt>{t('autopay.nextRun')}</dt>
            <dd>{formatDateTime(rule.nextRunAt, lang)}</dd>
          </>
        ) : null}
      </dl>
      <div className="button-row">
        {rule.status === 'active' ? (
          <button type="button" className="secondary outline" aria-describedby={headingId} disabled={busy} onClick={onPause}>
            {t('autopay.pause')}
          </button>
        ) : (
          <button type="button" className="secondary" aria-describedby={headingId} disabled={busy} onClick={onResume}>
            {t('autopay.resume')}
          </button>
        )}
        <button type="button" className="secondary outline" aria-describedby={headingId} disabled={busy} onClick={onRemove}>
          {t('autopay.remove')}
        </button>
      </div>
    </article>
  );
}
