import type { MobileLineView } from '@cabinet/shared-types';
import { useTranslation } from 'react-i18next';
import { formatDay } from '@/shared/lib/format-date';
import { formatPhone } from '@/shared/lib/format-phone';
import { PackageBar } from './package-bar';

export function PackagesTab({ line }: { line: MobileLineView }) {
  const { t, i18n } = useTranslation();
  return (
    <article aria-labelledby="packages-title">
      <h2 id="packages-title">{t('account.packagesTitle', { phone: formatPhone(line.msisdn) })}</h2>
      <PackageBar unit="minutes" value={line.packages.minutes} />
      <PackageBar unit="sms" value={line.packages.sms} />
      <PackageBar unit="mb" value={line.packages.mb} />
      <p className="muted">
        {t('account.packagesReset', { date: formatDay(line.packages.resetsAt, i18n.language) })}
      </p>
    </article>
  );
}
