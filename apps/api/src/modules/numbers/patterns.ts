import type { NumberPattern } from '@cabinet/shared-types';

/**
 * The patterns a number shows in its last seven digits (what people look at in +7 921 ***-**-**),
 * for the catalog's filter. Pure, so the import and the tests agree.
 */
export function patternsOf(msisdn: string): NumberPattern[] {
  const d = msisdn.replace(/\D/g, '').slice(-7);
  const last4 = d.slice(-4);
  const last6 = d.slice(-6);
  const out: NumberPattern[] = [];
  if (d.includes('777')) out.push('777');
  const palindrome = (s: string) => s.length > 1 && s === [...s].reverse().join('');
  // ABBA at the end, or the whole 6/7-digit tail reads the same both ways (123-32-1).
  if ((palindrome(last4) && last4[0] !== last4[1]) || palindrome(last6) || palindrome(d)) out.push('mirror');
  if (/(\d)\1{3,}/.test(d)) out.push('repeating');
  // AABB / ABAB at the end, or AABBCC.
  if (/^(\d)\1(\d)\2$/.test(last4) || /^(\d)(\d)\1\2$/.test(last4) || /^(\d)\1(\d)\2(\d)\3$/.test(last6)) {
    if (!/^(\d)\1{3}$/.test(last4)) out.push('pairs');
  }
  if (hasRun(d, 4)) out.push('sequence');
  return out;
}

/** A run of `n` digits going up or down by one (1234, 9876). */
function hasRun(d: string, n: number): boolean {
  for (let i = 0; i + n <= d.length; i++) {
    const s = d.slice(i, i + n);
    const diffs = [...s].slice(1).map((c, k) => Number(c) - Number(s[k]));
    if (diffs.every((x) => x === 1) || diffs.every((x) => x === -1)) return true;
  }
  return false;
}

/** What a customer pays for a number: 50 % of the operator's price (whole kopecks, rounded down). */
export function discounted(operatorPrice: bigint, discountPercent: number): bigint {
  return (operatorPrice * BigInt(100 - discountPercent)) / 100n;
}
