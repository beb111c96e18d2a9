import { dateTimeFormat, relativeTimeFormat } from './intl';

/** Locales the SPA formats for; `en` uses the day-month order and the 24-hour clock. */
const locales: Record<string, string> = { ru: 'ru-RU', en: 'en-GB' };

export function localeOf(language: string): string {
  return locales[language.slice(0, 2)] ?? 'ru-RU';
}

function toDate(value: string | number | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

/** 21 нояб. 2026 г., 14:05 / 21 Nov 2026, 14:05 */
export function formatDateTime(value: string | number | Date, language: string): string {
  return dateTimeFormat(localeOf(language), { dateStyle: 'medium', timeStyle: 'short' }).format(
    toDate(value),
  );
}

/** 14:05 */
export function formatTime(value: string | number | Date, language: string): string {
  return dateTimeFormat(localeOf(language), { hour: '2-digit', minute: '2-digit' }).format(
    toDate(value),
  );
}

/** 21.11.2026 / 21/11/2026 — for YYYY-MM-DD dates (birth date), read as a calendar date. */
export function formatDate(value: string, language: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : toDate(value);
  return dateTimeFormat(localeOf(language), { dateStyle: 'short' }).format(date);
}

/** "5 минут назад" / "5 minutes ago" (or a date when older than a week). */
export function formatRelative(value: string | number | Date, language: string, now = Date.now()): string {
  const seconds = Math.round((toDate(value).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  const format = relativeTimeFormat(localeOf(language), { numeric: 'auto' });
  if (abs < 60) return format.format(0, 'second');
  if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return format.format(Math.round(seconds / 3600), 'hour');
  if (abs < 7 * 86_400) return format.format(Math.round(seconds / 86_400), 'day');
  return formatDateTime(value, language);
}

/** 59 → `0:59`, 125 → `2:05`. */
export function formatCountdown(totalSeconds: number): string {
  const seconds = Math.max(0, Math.ceil(totalSeconds));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** 22 дек. 2026 г. / 22 Dec 2026 — a day without the time (an ISO instant or YYYY-MM-DD). */
export function formatDay(value: string, language: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : toDate(value);
  return dateTimeFormat(localeOf(language), { dateStyle: 'medium' }).format(date);
}
