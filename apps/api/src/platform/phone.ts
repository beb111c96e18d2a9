/**
 * Phone numbers as a person types them — `8 (921) 000-00-01`, `+7 921 000 00 01`, `921-000-00-01`,
 * `7921…` — to E.164 `+79210000001`. Russian numbers only (country code 7, ten national digits);
 * anything else is null.
 */
export function normalizePhone(input: string): string | null {
  const trimmed = input.trim();
  if (!/^[+\d\s()\-.]+$/.test(trimmed)) return null;
  if ((trimmed.match(/\+/g) ?? []).length > 1 || (trimmed.includes('+') && !trimmed.startsWith('+'))) return null;
  let digits = trimmed.replace(/\D/g, '');
  if (digits.length === 11 && (digits.startsWith('7') || (digits.startsWith('8') && !trimmed.startsWith('+')))) {
    digits = digits.slice(1);
  } else if (digits.length !== 10 || trimmed.startsWith('+')) {
    return null;
  }
  if (!/^[3-9]\d{9}$/.test(digits)) return null;
  return `+7${digits}`;
}

/** +79210000001 → +7 921 000-00-01 */
export function formatPhone(e164: string): string {
  const d = e164.replace(/\D/g, '').slice(1);
  return `+7 ${d.slice(0, 3)} ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8, 10)}`;
}

/** ***-**-01: what an SMS confirmation screen may show of a number. */
export function maskPhone(e164: string): string {
  return `+7 *** ***-**-${e164.slice(-2)}`;
}
