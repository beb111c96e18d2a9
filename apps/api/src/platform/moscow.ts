/** Moscow is UTC+3 all year (no daylight saving since 2014): periods people name ("November", "1–30 November") are Moscow days. */
export const MSK_OFFSET_MS = 3 * 3600_000;

/** The Moscow calendar day of an instant, `YYYY-MM-DD`. */
export const moscowDay = (at: Date) => new Date(at.getTime() + MSK_OFFSET_MS).toISOString().slice(0, 10);

/** `YYYY-MM-DD` (Moscow) → the instant that day starts. */
export const moscowDayStart = (day: string) => new Date(Date.parse(`${day}T00:00:00.000Z`) - MSK_OFFSET_MS);

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` moved by whole calendar days (negative: back). */
export const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The day after `YYYY-MM-DD`. */
export const nextDay = (day: string) => addDays(day, 1);

/** Whole calendar days from `a` to `b`, `YYYY-MM-DD` both (negative when `b` is earlier). */
export const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);

/** `YYYY-MM` of an instant, Moscow. */
export const moscowMonth = (at: Date) => new Date(at.getTime() + MSK_OFFSET_MS).toISOString().slice(0, 7);

/** The month before `YYYY-MM`. */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
}

/** [start, end) of a Moscow month `YYYY-MM`, and its last day `YYYY-MM-DD`. */
export function monthBounds(month: string): { start: Date; end: Date; lastDay: string } {
  const [y, m] = month.split('-').map(Number);
  const first = `${month}-01`;
  const next = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  return { start: moscowDayStart(first), end: moscowDayStart(next), lastDay: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
}

/** `YYYY-MM-DD` → `DD.MM.YYYY`. */
export const ruDate = (d: string) => d.split('-').reverse().join('.');

const MONTHS = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
/** `2026-11` → `ноябрь 2026`. */
export const ruMonth = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
