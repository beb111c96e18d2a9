import { describe, expect, it } from 'vitest';
import { formatPhone, normalizePhone } from './format-phone';

describe('formatPhone', () => {
  it('groups a Russian E.164 number as +7 921 000-00-01', () => {
    expect(formatPhone('+79210000001')).toBe('+7 921 000-00-01');
  });
  it('leaves anything else as it is', () => {
    expect(formatPhone('+442071234567')).toBe('+442071234567');
    expect(formatPhone(null)).toBe('');
  });
});

describe('normalizePhone', () => {
  it.each([
    ['8 (921) 000-00-01', '+79210000001'],
    ['+7 921 000 00 01', '+79210000001'],
    ['921 000-00-01', '+79210000001'],
    ['79210000001', '+79210000001'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });
  it('is null for what is not a phone number', () => {
    expect(normalizePhone('100200300')).toBeNull();
    expect(normalizePhone('+1 202 555 0100')).toBeNull();
  });
});
