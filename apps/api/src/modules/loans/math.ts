import { addDays, daysBetween } from '../../platform/moscow';

/**
 * The arithmetic of a loan, in integer kopecks. Rates are parts per million: 8000 ppm a day is 0.8 %.
 *
 * Interest accrues day by day on the principal owed at the start of the day; the fraction of a kopeck
 * left over is carried to the next day (`interestRem`, in millionths of a kopeck), so a month accrued in
 * one step or day by day comes to the same kopeck. Past a due date a penalty accrues on the overdue
 * principal at the annual penalty rate / 365 (the remainder carried the same way). Interest, penalties
 * and fees together never pass the total-cost cap: once it is reached nothing more accrues.
 */

const MILLION = 1_000_000n;
const PENALTY_UNIT = 365n * MILLION;

export interface PlanRow {
  n: number;
  dueOn: string;
  principal: bigint;
  interest: bigint;
  total: bigint;
  remainingAfter: bigint;
}

export interface PlanInput {
  /** The principal the rows amortise. */
  principal: bigint;
  /** Interest already accrued and unpaid, due with the first row. */
  interestDue: bigint;
  /** The day the plan starts from (the loan's date, or today after a payment). */
  from: string;
  /** The due dates still ahead, ascending. */
  dueDates: string[];
  ppm: number;
  /** Carried fraction of a kopeck of interest (as the accrual keeps it). */
  interestRem?: bigint;
  /** What the cap still allows to be charged. */
  headroom: bigint;
}

/**
 * Equal payments (annuity) on the given due dates, each period's interest on the principal then owed;
 * one due date makes a single repayment of principal plus interest. The payment is rounded to a
 * kopeck, each period's interest down to a kopeck, and the last payment takes what is left.
 */
export function plan(input: PlanInput): PlanRow[] {
  const n = input.dueDates.length;
  if (!n) return [];
  const days: number[] = [];
  let prev = input.from;
  for (const d of input.dueDates) {
    days.push(Math.max(0, daysBetween(prev, d)));
    prev = d;
  }
  const rates = days.map((d) => (input.ppm * d) / 1e6);
  // A = P·Π(1+r) / Σ_j Π_{i>j}(1+r_i): the constant payment that brings the principal to zero.
  let growth = 1;
  for (const r of rates) growth *= 1 + r;
  let denominator = 0;
  for (let j = 0; j < n; j++) {
    let tail = 1;
    for (let i = j + 1; i < n; i++) tail *= 1 + rates[i];
    denominator += tail;
  }
  const payment = BigInt(Math.round((Number(input.principal) * growth) / denominator));

  const rows: PlanRow[] = [];
  let owed = input.principal;
  let rem = input.interestRem ?? 0n;
  let headroom = input.headroom - input.interestDue;
  for (let j = 0; j < n; j++) {
    const exact = owed * BigInt(input.ppm) * BigInt(days[j]) + rem;
    rem = exact % MILLION;
    let interest = exact / MILLION;
    if (interest > headroom) interest = headroom > 0n ? headroom : 0n;
    headroom -= interest;
    let principal = j === n - 1 ? owed : payment - interest;
    if (principal < 0n) principal = 0n;
    if (principal > owed) principal = owed;
    owed -= principal;
    const extra = j === 0 ? input.interestDue : 0n;
    rows.push({ n: j + 1, dueOn: input.dueDates[j], principal, interest: interest + extra, total: principal + interest + extra, remainingAfter: owed });
  }
  return rows;
}

/** Due dates of a new loan: every `periodDays` for instalments, or the term's end. */
export function dueDatesFor(loanDate: string, termDays: number, periodDays: number | null): string[] {
  if (!periodDays) return [addDays(loanDate, termDays)];
  const out: string[] = [];
  for (let d = periodDays; d <= termDays; d += periodDays) out.push(addDays(loanDate, d));
  return out;
}

/**
 * The full cost of credit (ПСК), percent per annum with three decimals, as 353-FZ art. 6 part 2 defines it:
 * ПСК = i × ЧБП × 100, where the base period is the interval met most often in the schedule (the term,
 * for a single repayment), ЧБП = 365 / its length in days, and i is the smallest positive root of
 * Σ ДПₖ / ((1 + eₖ·i)(1 + i)^qₖ) = 0 — qₖ whole base periods and eₖ the rest (a fraction of one) from the
 * loan's date to flow k; the payout is the negative flow.
 */
export function psk(loanDate: string, amount: bigint, rows: { dueOn: string; total: bigint }[]): number {
  if (!rows.length) return 0;
  const intervals: number[] = [];
  let prev = loanDate;
  for (const r of rows) {
    intervals.push(daysBetween(prev, r.dueOn));
    prev = r.dueOn;
  }
  const counts = new Map<number, number>();
  for (const d of intervals) counts.set(d, (counts.get(d) ?? 0) + 1);
  const base = [...counts.entries()].filter(([d]) => d > 0).sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 1;
  const flows = [{ days: 0, amount: -Number(amount) }, ...rows.map((r) => ({ days: daysBetween(loanDate, r.dueOn), amount: Number(r.total) }))];
  const npv = (i: number) =>
    flows.reduce((sum, f) => {
      const q = Math.floor(f.days / base);
      const e = (f.days - q * base) / base;
      return sum + f.amount / ((1 + e * i) * (1 + i) ** q);
    }, 0);
  if (npv(0) <= 0) return 0;
  let lo = 0;
  let hi = 1;
  while (npv(hi) > 0 && hi < 1e6) hi *= 2;
  for (let k = 0; k < 200; k++) {
    const mid = (lo + hi) / 2;
    if (npv(mid) > 0) lo = mid;
    else hi = mid;
  }
  return Math.round(((lo + hi) / 2) * (365 / base) * 100 * 1000) / 1000;
}

// --- servicing --------------------------------------------------------------------------------------

export interface Balances {
  principal: bigint;
  interest: bigint;
  penalty: bigint;
  /** Interest, penalties and fees charged so far (towards the cap). */
  charged: bigint;
  /** The last day accrued (the day of issue at first). */
  accruedOn: string;
  interestRem: bigint;
  penaltyRem: bigint;
}

export interface AccrualTerms {
  ppm: number;
  penaltyAnnualPpm: number;
  /** The most that may be charged over the loan's life. */
  capTotal: bigint;
  /** Due dates with the principal that should be left after each (past ones frozen), ascending. */
  dues: { dueOn: string; remainingAfter: bigint }[];
}

/** The principal overdue on `day`: owed beyond what the last due date before it planned to leave. */
export function overdueBase(principal: bigint, dues: AccrualTerms['dues'], day: string): bigint {
  let planned: bigint | null = null;
  for (const d of dues) if (d.dueOn < day) planned = d.remainingAfter;
  if (planned === null) return 0n;
  return principal > planned ? principal - planned : 0n;
}

/** Accrues interest and penalty for each day after `accruedOn` through `to`, within the cap. */
export function accrue(b: Balances, t: AccrualTerms, to: string): { balances: Balances; interest: bigint; penalty: bigint } {
  const out = { ...b };
  let interest = 0n;
  let penalty = 0n;
  if (to <= b.accruedOn) return { balances: out, interest, penalty };
  const ppm = BigInt(t.ppm);
  const pen = BigInt(t.penaltyAnnualPpm);
  for (let day = addDays(b.accruedOn, 1); day <= to; day = addDays(day, 1)) {
    let headroom = t.capTotal - out.charged;
    if (headroom <= 0n || out.principal === 0n) break;
    const ie = out.principal * ppm + out.interestRem;
    out.interestRem = ie % MILLION;
    let iDay = ie / MILLION;
    const base = overdueBase(out.principal, t.dues, day);
    let pDay = 0n;
    if (base > 0n) {
      const pe = base * pen + out.penaltyRem;
      out.penaltyRem = pe % PENALTY_UNIT;
      pDay = pe / PENALTY_UNIT;
    }
    if (iDay > headroom) iDay = headroom;
    headroom -= iDay;
    if (pDay > headroom) pDay = headroom;
    out.interest += iDay;
    out.penalty += pDay;
    out.charged += iDay + pDay;
    interest += iDay;
    penalty += pDay;
  }
  out.accruedOn = to;
  return { balances: out, interest, penalty };
}

/** A payment goes to penalties, then interest, then principal; `rest` is what the debt does not need. */
export function allocate(b: Pick<Balances, 'principal' | 'interest' | 'penalty'>, amount: bigint): { toPenalty: bigint; toInterest: bigint; toPrincipal: bigint; rest: bigint } {
  let left = amount;
  const take = (owed: bigint) => {
    const x = left < owed ? left : owed;
    left -= x;
    return x;
  };
  const toPenalty = take(b.penalty);
  const toInterest = take(b.interest);
  const toPrincipal = take(b.principal);
  return { toPenalty, toInterest, toPrincipal, rest: left };
}
