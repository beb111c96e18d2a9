/**
 * Russian tax numbers of an organisation. INN (ИНН) of a legal entity: 10 digits, the last a check digit
 * — Σ(dᵢ·wᵢ) over the first nine with weights 2 4 10 3 5 9 4 6 8, mod 11, mod 10. The first two digits are
 * the region's code, never 00. KPP (КПП): 9 characters — the tax office (4 digits), the reason (2 digits
 * or capital Latin letters), a serial (3 digits); it has no check digit.
 */
const WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8];

export function isValidInn(inn: string): boolean {
  if (!/^\d{10}$/.test(inn) || inn.startsWith('00')) return false;
  const d = [...inn].map(Number);
  const check = (WEIGHTS.reduce((s, w, i) => s + w * d[i], 0) % 11) % 10;
  return check === d[9];
}

export function isValidKpp(kpp: string): boolean {
  return /^\d{4}[\dA-Z]{2}\d{3}$/.test(kpp) && !kpp.startsWith('0000');
}

/** The check digit a 9-digit INN prefix needs (demo data and tests make valid numbers with it). */
export function innWithCheckDigit(first9: string): string {
  const d = [...first9].map(Number);
  return first9 + String((WEIGHTS.reduce((s, w, i) => s + w * d[i], 0) % 11) % 10);
}
