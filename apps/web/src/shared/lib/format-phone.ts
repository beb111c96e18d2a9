/** `+79210000001` → `+7 921 000-00-01`. Anything else is shown as it came. */
export function formatPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const match = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(phone);
  if (!match) return phone;
  const [, code, first, second, third] = match;
  return `+7 ${code} ${first}-${second}-${third}`;
}

/**
 * A phone typed any common way (`8 (921) 000-00-01`, `+7 921…`, `921…`) → E.164, or null when
 * it is not a Russian mobile-style number. The server normalises too; the SPA uses this only to
 * filter the dev inbox and to show what it understood.
 */
export function normalizePhone(input: string): string | null {
  const digits = input.replace(/\D/g, '');
  if (digits.length === 11 && (digits.startsWith('7') || digits.startsWith('8'))) {
    return `+7${digits.slice(1)}`;
  }
  if (digits.length === 10 && !input.trim().startsWith('+')) return `+7${digits}`;
  return null;
}
