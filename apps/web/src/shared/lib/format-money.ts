import type { Money } from '@cabinet/shared-types';
import { localeOf } from './format-date';
import { numberFormat } from './intl';

/** `{ amount: 34250 }` → `342,50 ₽`; whole roubles without kopecks: `1 200 ₽`. */
export function formatMoney(money: Money, language: string): string {
  const whole = money.amount % 100 === 0;
  return numberFormat(localeOf(language), {
    style: 'currency',
    currency: money.currency,
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(money.amount / 100);
}

/** Megabytes as gigabytes with one decimal at most: 24160 → `23,6`. */
export function formatGigabytes(mb: number, language: string): string {
  return numberFormat(localeOf(language), { maximumFractionDigits: 1 }).format(mb / 1024);
}

export function formatNumber(value: number, language: string): string {
  return numberFormat(localeOf(language)).format(value);
}
