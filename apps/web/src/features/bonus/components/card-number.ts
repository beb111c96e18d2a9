/** EAN-13 check digit of the first 12 digits (weights 1, 3, 1, 3…). */
export function ean13CheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

/** The 13 digits of a card number as typed (spaces, dashes tolerated), or null when it is not one. */
export function parseCardNumber(input: string): string | null {
  const digits = input.replace(/[\s\-.]/g, '');
  if (!/^\d{13}$/.test(digits)) return null;
  return ean13CheckDigit(digits.slice(0, 12)) === Number(digits[12]) ? digits : null;
}

/** 2780100000018 → "2780 1000 0001 8", as printed on the card. */
export function formatCardNumber(number: string): string {
  return number.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** "•• 0018" */
export function maskCardNumber(number: string): string {
  return `•• ${number.slice(-4)}`;
}
