/**
 * Roubles as a person types them (`500`, `1 000`, `99,90`, `99.9`) → kopecks; null when it is
 * not an amount (letters, more than two decimals, a sign). Spaces, including no-break ones, are
 * digit grouping.
 */
export function parseRoubles(input: string): number | null {
  const text = input.replace(/[\s\u00a0\u202f]/g, '').replace(/₽$|руб\.?$/i, '');
  const match = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(text);
  if (!match) return null;
  const kopecks = (match[2] ?? '').padEnd(2, '0');
  return Number(match[1]) * 100 + Number(kopecks);
}

/** Kopecks → what an amount field shows: `50000` → `500`, `9990` → `99,90`. */
export function roublesInput(kopecks: number, language = 'ru'): string {
  const whole = Math.trunc(kopecks / 100);
  const rest = Math.abs(kopecks % 100);
  if (rest === 0) return String(whole);
  return `${whole}${language.startsWith('en') ? '.' : ','}${String(rest).padStart(2, '0')}`;
}
