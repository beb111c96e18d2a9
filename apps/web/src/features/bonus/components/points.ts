import type { TFunction } from 'i18next';
import { localeOf } from '@/shared/lib/format-date';
import { dateTimeFormat, numberFormat } from '@/shared/lib/intl';

/** 1 480 баллов / 1,480 points — a number and its plural. */
export function pointsText(t: TFunction, points: number, language: string): string {
  return t('bonus.points', { count: points, value: numberFormat(localeOf(language)).format(points) });
}

/** +25 / −50 with a real minus sign. */
export function signedPoints(points: number, language: string): string {
  const value = numberFormat(localeOf(language)).format(Math.abs(points));
  return points === 0 ? value : `${points < 0 ? '\u2212' : '+'}${value}`;
}

/** "23 ноября 2026" — a Moscow calendar day from the API (YYYY-MM-DD). */
export function formatDay(day: string, language: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return dateTimeFormat(localeOf(language), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y!, m! - 1, d!)));
}
