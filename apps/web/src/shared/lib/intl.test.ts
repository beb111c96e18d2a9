import { describe, expect, it } from 'vitest';
import { dateTimeFormat, numberFormat } from './intl';

describe('Intl formatters', () => {
  it('are made once per locale and options (format-money and format-date tests hold what they print)', () => {
    expect(numberFormat('ru-RU', { maximumFractionDigits: 1 })).toBe(numberFormat('ru-RU', { maximumFractionDigits: 1 }));
    expect(numberFormat('ru-RU', { maximumFractionDigits: 1 })).not.toBe(numberFormat('ru-RU', { maximumFractionDigits: 2 }));
    expect(numberFormat('ru-RU')).not.toBe(numberFormat('en-GB'));
    expect(dateTimeFormat('ru-RU', { dateStyle: 'short' })).toBe(dateTimeFormat('ru-RU', { dateStyle: 'short' }));
  });
});
