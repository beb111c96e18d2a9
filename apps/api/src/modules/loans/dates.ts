/**
 * Loan dates are calendar days in Moscow (UTC+3, no daylight saving), as `YYYY-MM-DD`: the contract
 * counts days, not hours (their arithmetic is platform/moscow's `addDays` and `daysBetween`). Interest
 * accrues for each day after the day of issue, up to and including the day of repayment (Civil Code
 * art. 191: a period runs from the next day).
 */

/** Full years of a person born on `birth` on the day `on`. */
export function ageOn(birth: string, on: string): number {
  const [by, bm, bd] = birth.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
