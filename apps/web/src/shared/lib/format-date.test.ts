import { describe, expect, it } from 'vitest';
import { formatCountdown, formatDate, formatDateTime, formatRelative, formatTime } from './format-date';

describe('date formatters (Europe/Moscow in tests)', () => {
  const iso = '2026-11-22T11:05:00Z';
  it('formats date and time in Russian and English', () => {
    expect(formatDateTime(iso, 'ru')).toBe('22 нояб. 2026 г., 14:05');
    expect(formatDateTime(iso, 'en')).toBe('22 Nov 2026, 14:05');
  });
  it('formats a time of day with 24 hours in both languages', () => {
    expect(formatTime(iso, 'ru')).toBe('14:05');
    expect(formatTime(iso, 'en')).toBe('14:05');
  });
  it('reads a YYYY-MM-DD birth date as a calendar date', () => {
    expect(formatDate('1985-04-12', 'ru')).toBe('12.04.1985');
    expect(formatDate('1985-04-12', 'en')).toBe('12/04/1985');
  });
  it('says how long ago', () => {
    const now = Date.parse(iso);
    expect(formatRelative(now - 5 * 60_000, 'ru', now)).toBe('5 минут назад');
    expect(formatRelative(now - 10_000, 'ru', now)).toBe('сейчас');
    expect(formatRelative(now - 2 * 3_600_000, 'en', now)).toBe('2 hours ago');
  });
  it('counts down as m:ss', () => {
    expect(formatCountdown(59)).toBe('0:59');
    expect(formatCountdown(60)).toBe('1:00');
    expect(formatCountdown(125)).toBe('2:05');
    expect(formatCountdown(-3)).toBe('0:00');
  });
});
