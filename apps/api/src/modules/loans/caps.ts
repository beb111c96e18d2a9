import type { LoanCapView, LoanCapsInForce } from '@cabinet/shared-types';
import { AppError } from '../../platform/errors';

/**
 * The limits the law sets on microloans, one row per rule and date it took effect, with the legal source
 * beside it. The caps of a loan are those in force on the loan's date (the day the money was paid out;
 * for the calculator, today). When the law changes, add a row: nothing else moves.
 *
 * - `daily_rate`: the most interest per day, percent of the principal owed.
 * - `total_cost`: interest, penalties (неустойка) and fees charged over the loan's life, together, at most
 *   this percent of the principal lent; accrual stops when it is reached.
 * - `penalty_rate`: the penalty on overdue principal, percent per annum (interest keeps accruing).
 * - `high_cost_loans`: no new loan with a ПСК above `value` % to a borrower who already has `maxLoans`
 *   such loans open (ours and other lenders', from the credit bureau).
 */
export const LOAN_CAPS: readonly { rule: LoanCapView['rule']; value: number; maxLoans?: number; effectiveFrom: string; source: string }[] = [
  { rule: 'daily_rate', value: 1, effectiveFrom: '2020-01-01', source: '353-ФЗ «О потребительском кредите (займе)», ст. 6 ч. 23 (ред. 554-ФЗ от 27.12.2018): не более 1 % в день' },
  { rule: 'daily_rate', value: 0.8, effectiveFrom: '2023-07-01', source: '353-ФЗ, ст. 6 ч. 23 (ред. 601-ФЗ от 29.12.2022): не более 0,8 % в день' },
  { rule: 'total_cost', value: 150, effectiveFrom: '2020-01-01', source: '353-ФЗ, ст. 5 ч. 24 (ред. 554-ФЗ от 27.12.2018): проценты, неустойка и иные платежи — не более 1,5 суммы займа' },
  { rule: 'total_cost', value: 130, effectiveFrom: '2023-07-01', source: '353-ФЗ, ст. 5 ч. 24 (ред. 601-ФЗ от 29.12.2022): не более 130 % суммы займа' },
  { rule: 'total_cost', value: 100, effectiveFrom: '2026-04-01', source: 'Федеральный закон № 545-ФЗ от 29.12.2025: не более 100 % суммы займа по займам с 01.04.2026' },
  { rule: 'penalty_rate', value: 20, effectiveFrom: '2014-07-01', source: '353-ФЗ, ст. 5 ч. 21: неустойка не более 20 % годовых, если проценты за период просрочки начисляются' },
  { rule: 'high_cost_loans', value: 200, maxLoans: 2, effectiveFrom: '2026-10-01', source: 'Федеральный закон № 545-ФЗ от 29.12.2025: не выдавать заём с ПСК более 200 % заёмщику, у которого уже два таких займа (с 01.10.2026)' },
];

/** The whole table, each row with the date the next row of its rule takes over. */
export function capTable(): LoanCapView[] {
  return LOAN_CAPS.map((row) => {
    const next = LOAN_CAPS.filter((r) => r.rule === row.rule && r.effectiveFrom > row.effectiveFrom).sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))[0];
    return { rule: row.rule, value: row.value, maxLoans: row.maxLoans ?? null, effectiveFrom: row.effectiveFrom, effectiveUntil: next?.effectiveFrom ?? null, source: row.source };
  });
}

function inForce(rule: LoanCapView['rule'], date: string) {
  return LOAN_CAPS.filter((r) => r.rule === rule && r.effectiveFrom <= date).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0] ?? null;
}

export interface Caps {
  view: LoanCapsInForce;
  /** Parts per million of the principal per day. */
  dailyRatePpm: number;
  /** Basis points of the principal (10000 = 100 %). */
  totalCostBp: number;
  /** Parts per million per annum. */
  penaltyAnnualPpm: number;
  highCost: { pskAbove: number; maxLoans: number } | null;
}

/** The caps in force on `date` (YYYY-MM-DD). */
export function capsOn(date: string): Caps {
  const daily = inForce('daily_rate', date);
  const total = inForce('total_cost', date);
  const penalty = inForce('penalty_rate', date);
  if (!daily || !total || !penalty) throw new AppError('loan_cap_exceeded', 409, `No caps are known for loans dated ${date}.`);
  const high = inForce('high_cost_loans', date);
  return {
    view: {
      date,
      dailyRate: daily.value,
      totalCost: total.value,
      penaltyRate: penalty.value,
      highCostLoans: high ? { pskAbove: high.value, maxLoans: high.maxLoans ?? 0 } : null,
      sources: [daily, total, penalty, ...(high ? [high] : [])].map((r) => r.source),
    },
    dailyRatePpm: Math.round(daily.value * 10_000),
    totalCostBp: Math.round(total.value * 100),
    penaltyAnnualPpm: Math.round(penalty.value * 10_000),
    highCost: high ? { pskAbove: high.value, maxLoans: high.maxLoans ?? 0 } : null,
  };
}
