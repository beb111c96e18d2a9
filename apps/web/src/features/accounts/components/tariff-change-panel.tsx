import type { TariffChangeResult, TariffChangeWhenValue, TariffView } from '@cabinet/shared-types';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { formatDay } from '@/shared/lib/format-date';
import { formatGigabytes, formatMoney, formatNumber } from '@/shared/lib/format-money';
import { FormAlert } from '@/shared/ui/form-alert';
import { useChangeTariff } from '../api/change-tariff';
import { useTariffQuote } from '../api/get-tariff-quote';
import type { ServiceTarget } from '../api/service-target';

interface TariffChangePanelProps {
  target: ServiceTarget;
  tariff: TariffView;
  onDone: (result: TariffChangeResult) => void;
  onClose: () => void;
}

/** Step two of a change: when, then the quote from the API (fees, refund, balance after), then confirm. */
export function TariffChangePanel({ target, tariff, onDone, onClose }: TariffChangePanelProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const describeError = useErrorMessage();
  const [when, setWhen] = useState<TariffChangeWhenValue>('next_period');
  const quote = useTariffQuote(target, tariff.id, when);
  const change = useChangeTariff(target);
  const [error, setError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const money = (value: Parameters<typeof formatMoney>[0]) => formatMoney(value, lang);
  const q = quote.data;

  const onConfirm = () => {
    setError(null);
    change.mutate(
      { tariffId: tariff.id, when },
      { onSuccess: onDone, onError: (failure) => setError(describeError(failure)) },
    );
  };

  return (
    <section className="change-panel" aria-labelledby="change-title">
      <h2 id="change-title" ref={headingRef} tabIndex={-1}>
        {t('account.changeTitle', { name: tariff.name })}
      </h2>
      <fieldset>
        <legend>{t('account.when')}</legend>
        <label>
          <input type="radio" name="when" checked={when === 'now'} onChange={() => setWhen('now')} />
          {t('account.whenNow')}
        </label>
        <label>
          <input
            type="radio"
            name="when"
            checked={when === 'next_period'}
            onChange={() => setWhen('next_period')}
          />
          {t('account.whenNext')}
        </label>
      </fieldset>
      <div aria-live="polite" aria-busy={quote.isFetching || undefined}>
        {quote.isError ? <FormAlert>{describeError(quote.error)}</FormAlert> : null}
        {q ? (
          <>
            <h3 className="change-panel__subtitle">{t('account.quoteTitle')}</h3>
            <dl className="details details--compact quote">
              <dt>{t('account.quoteEffective')}</dt>
              <dd>{formatDay(q.effectiveAt, lang)}</dd>
              <dt>{t('tariff.changeFee')}</dt>
              <dd>{q.changeFee.amount === 0 ? t('tariff.free') : money(q.changeFee)}</dd>
              <dt>{t('account.quoteProrated')}</dt>
              <dd>
                {q.proratedDifference.amount < 0
                  ? t('account.refund', {
                      amount: money({ ...q.proratedDifference, amount: -q.proratedDifference.amount }),
                    })
                  : money(q.proratedDifference)}
              </dd>
              <dt>{t('account.quoteChargedNow')}</dt>
              <dd>{money(q.chargedNow)}</dd>
              <dt>{t('account.quoteBalanceAfter')}</dt>
              <dd>{money(q.balanceAfter)}</dd>
              <dt>{t('account.quoteMonthly')}</dt>
              <dd>{t('tariff.perMonth', { amount: money(q.newMonthlyFee) })}</dd>
              {q.packagesAfter ? (
                <>
                  <dt>{t('account.quotePackages')}</dt>
                  <dd>
                    {[
                      t('tariff.minutesValue', { value: formatNumber(q.packagesAfter.minutes, lang) }),
                      t('tariff.smsValue', { value: formatNumber(q.packagesAfter.sms, lang) }),
                      t('tariff.gbValue', { value: formatGigabytes(q.packagesAfter.mb, lang) }),
                    ].join(' · ')}
                  </dd>
                </>
              ) : null}
            </dl>
            {when === 'next_period' ? <p className="muted">{t('account.nextPeriodNote')}</p> : null}
          </>
        ) : null}
      </div>
      <FormAlert>{error}</FormAlert>
      <div className="button-row">
        <button
          type="button"
          aria-busy={change.isPending || undefined}
          disabled={!q || quote.isFetching || quote.isError || change.isPending}
          onClick={onConfirm}
        >
          {when === 'now' ? t('account.confirmNow') : t('account.confirmNext')}
        </button>
        <button type="button" className="secondary outline" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </section>
  );
}
