import { describe, expect, it } from 'vitest';
import { parseRoubles, roublesInput } from './parse-money';

describe('parseRoubles', () => {
  it.each([
    ['500', 50000],
    ['1 000', 100000],
    ['1\u00a0000,5', 100050],
    ['99,90', 9990],
    ['99.9', 9990],
    ['0,01', 1],
    [' 300 ₽', 30000],
  ])('%s → %i kopecks', (input, kopecks) => {
    expect(parseRoubles(input)).toBe(kopecks);
  });

  it.each(['', 'abc', '-5', '1,234', '1e3', '12,3,4'])('%j is not an amount', (input) => {
    expect(parseRoubles(input)).toBeNull();
  });
});

describe('roublesInput', () => {
  it('shows whole roubles without kopecks and the decimal mark of the language', () => {
    expect(roublesInput(50000)).toBe('500');
    expect(roublesInput(9990)).toBe('99,90');
    expect(roublesInput(9905, 'en')).toBe('99.05');
  });
});
