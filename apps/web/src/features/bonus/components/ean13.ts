/**
 * EAN-13 modules (1 = a dark bar module) of a 13-digit number: start guard, six left digits in L or G
 * code (their pattern tells the first digit), middle guard, six right digits in R code, end guard — 95
 * modules. The card numbers are EAN-13 (GS1 in-store prefix 2…), so every till scanner reads them.
 */
const L = ['0001101', '0011001', '0010011', '0111101', '0100011', '0110001', '0101111', '0111011', '0110111', '0001011'];
const R = L.map((code) => [...code].map((bit) => (bit === '1' ? '0' : '1')).join(''));
const G = R.map((code) => [...code].reverse().join(''));
const PARITY = ['LLLLLL', 'LLGLGG', 'LLGGLG', 'LLGGGL', 'LGLLGG', 'LGGLLG', 'LGGGLL', 'LGLGLG', 'LGLGGL', 'LGGLGL'];

export function ean13Modules(number: string): string {
  if (!/^\d{13}$/.test(number)) throw new Error(`EAN-13 needs 13 digits: ${number}`);
  const digits = [...number].map(Number);
  const parity = PARITY[digits[0]!]!;
  let bits = '101';
  for (let i = 1; i <= 6; i++) bits += (parity[i - 1] === 'L' ? L : G)[digits[i]!];
  bits += '01010';
  for (let i = 7; i <= 12; i++) bits += R[digits[i]!];
  return `${bits}101`;
}

/** Module positions that are guard bars (drawn longer, under the digits). */
export function isGuardModule(index: number): boolean {
  return index < 3 || (index >= 45 && index < 50) || index >= 92;
}
