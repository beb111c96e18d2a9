import type { TariffView } from '@cabinet/shared-types';
import { useTranslation } from 'react-i18next';
import { formatGigabytes, formatMoney, formatNumber } from '../lib/format-money';

/** What a tariff costs and gives: the same rows for every tariff, so cards side by side compare. */
export function TariffFacts({ tariff }: { tariff: TariffView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <dl className="facts">
      <dt>{t('tariff.monthlyFee')}</dt>
      <dd>{t('tariff.perMonth', { amount: formatMoney(tariff.monthlyFee, lang) })}</dd>
      {tariff.packages ? (
        <>
          <dt>{t('tariff.minutes')}</dt>
          <dd>{t('tariff.minutesValue', { value: formatNumber(tariff.packages.minutes, lang) })}</dd>
          <dt>{t('tariff.sms')}</dt>
          <dd>{t('tariff.smsValue', { value: formatNumber(tariff.packages.sms, lang) })}</dd>
          <dt>{t('tariff.internet')}</dt>
          <dd>{t('tariff.gbValue', { value: formatGigabytes(tariff.packages.mb, lang) })}</dd>
        </>
      ) : null}
      {tariff.speedMbps !== null ? (
        <>
          <dt>{t('tariff.speed')}</dt>
          <dd>{t('tariff.speedValue', { value: formatNumber(tariff.speedMbps, lang) })}</dd>
        </>
      ) : null}
      <dt>{t('tariff.changeFee')}</dt>
      <dd>{tariff.changeFee.amount === 0 ? t('tariff.free') : formatMoney(tariff.changeFee, lang)}</dd>
    </dl>
  );
}
