import { describe, expect, it } from 'vitest';
import { formatGigabytes, formatMoney } from './format-money';

const rub = (amount: number) => ({ amount, currency: 'RUB' as const });

describe('formatMoney', () => {
  it('shows kopecks as roubles in Russian', () => {
    expect(formatMoney(rub(34250), 'ru')).toBe('342,50\u00a0₽');
    expect(formatMoney(rub(120000), 'ru')).toBe('1\u00a0200\u00a0₽');
    expect(formatMoney(rub(-30000), 'ru')).toBe('-300\u00a0₽');
  });
  it('gigabytes keep one decimal', () => {
    expect(formatGigabytes(24160, 'ru')).toBe('23,6');
    expect(formatGigabytes(10240, 'ru')).toBe('10');
  });
});
