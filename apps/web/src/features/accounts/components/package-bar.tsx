import type { PackageLeft } from '@cabinet/shared-types';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatGigabytes, formatNumber } from '@/shared/lib/format-money';

export type PackageUnit = 'minutes' | 'sms' | 'mb';

/**
 * What is left of one package: a native <progress> (role progressbar) named by its label, with
 * the numbers in text next to it, so nothing depends on seeing the bar.
 */
export function PackageBar({ unit, value }: { unit: PackageUnit; value: PackageLeft }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const lang = i18n.language;
  const amount = (n: number) => (unit === 'mb' ? formatGigabytes(n, lang) : formatNumber(n, lang));
  const text = t(`packages.left_${unit}`, { left: amount(value.left), total: amount(value.total) });
  const low = value.total > 0 && value.left / value.total < 0.1;
  return (
    <div className={low ? 'package package--low' : 'package'}>
      <div className="package__label">
        <label htmlFor={id}>{t(`packages.${unit}`)}</label>
        <span id={`${id}-text`}>{text}</span>
      </div>
      <progress
        id={id}
        max={Math.max(value.total, 1)}
        value={Math.max(0, Math.min(value.left, value.total))}
        aria-describedby={`${id}-text`}
        aria-valuetext={text}
      />
    </div>
  );
}
