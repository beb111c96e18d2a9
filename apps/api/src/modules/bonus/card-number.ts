import { AppError } from '../../platform/errors';

/**
 * Card numbers are EAN-13: GS1 keeps prefixes 20–29 for in-store numbering, so a loyalty card's number
 * is also its barcode, and its check digit catches a mistyped digit before the database is asked.
 *
 *   plastic  2 7801 BBSSSSS C   (BB: batch, SSSSS: serial)
 *   virtual  2 7809 NNNNNNN C   (N: a sequence)
 */
export const PLASTIC_PREFIX = '27801';
export const VIRTUAL_PREFIX = '27809';

export function ean13CheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

export function withCheckDigit(first12: string): string {
  if (!/^\d{12}$/.test(first12)) throw new Error(`not 12 digits: ${first12}`);
  return `${first12}${ean13CheckDigit(first12)}`;
}

/** A number as a person types it: spaces, dashes and dots are ignored. Null unless 13 digits with a right check digit. */
export function parseCardNumber(input: string): string | null {
  const digits = input.replace(/[\s\-.]/g, '');
  if (!/^\d{13}$/.test(digits)) return null;
  return ean13CheckDigit(digits.slice(0, 12)) === Number(digits[12]) ? digits : null;
}

/** parseCardNumber, or a 400 naming the field. */
export function requireCardNumber(input: string, field = 'cardNumber'): string {
  const n = parseCardNumber(input);
  if (!n) throw AppError.validation([{ field, code: 'isCardNumber', message: `${field} must be the 13 digits printed on the card (check the last one)` }]);
  return n;
}

/** The plastic card of a batch: `2 7801 BB SSSSS C`. */
export function plasticNumber(batch: number, serial: number): string {
  return withCheckDigit(`${PLASTIC_PREFIX}${String(batch).padStart(2, '0')}${String(serial).padStart(5, '0')}`);
}

export function virtualNumber(seq: number | bigint): string {
  return withCheckDigit(`${VIRTUAL_PREFIX}${String(seq).padStart(7, '0')}`);
}

/** 2780100000018 → "2780 1000 0001 8", as printed. */
export function formatCardNumber(n: string): string {
  return n.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** "•• 0018": the last four digits. */
export function maskCardNumber(n: string): string {
  return `•• ${n.slice(-4)}`;
}
