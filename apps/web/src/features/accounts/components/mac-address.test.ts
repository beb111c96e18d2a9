import { describe, expect, it } from 'vitest';
import { isMacAddress, normalizeMac } from './mac-address';

describe('isMacAddress', () => {
  it('accepts colon, dash and dotted forms', () => {
    expect(isMacAddress('A4:83:E7:44:55:66')).toBe(true);
    expect(isMacAddress('a4-83-e7-44-55-66')).toBe(true);
    expect(isMacAddress('a483.e744.5566')).toBe(true);
  });
  it('refuses anything else', () => {
    expect(isMacAddress('A4:83:E7:44:55')).toBe(false);
    expect(isMacAddress('G4:83:E7:44:55:66')).toBe(false);
    expect(isMacAddress('A4:83-E7:44:55:66')).toBe(false);
    expect(isMacAddress('')).toBe(false);
  });
  it('normalizes to upper-case colon form', () => {
    expect(normalizeMac('a483.e744.5566')).toBe('A4:83:E7:44:55:66');
  });
});
