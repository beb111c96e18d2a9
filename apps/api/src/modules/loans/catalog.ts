import type { DataSource } from 'typeorm';
import type { FieldError, LoanCalculation, LoanCapView, LoanProductView } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { moscowDay } from '../../platform/moscow';
import { AppError } from '../../platform/errors';
import { formatRub, rub } from '../../platform/money';
import { capTable, capsOn, type Caps } from './caps';
import { dueDatesFor, plan, psk, type PlanRow } from './math';
import { productById, toProductView, type ProductRow } from './repository';

export interface Offer {
  caps: Caps;
  capTotal: bigint;
  rows: PlanRow[];
  psk: number;
  total: bigint;
  capped: boolean;
}

/** Terms a loan is priced on (the product's, copied onto the loan when it is applied for). */
export interface Pricing {
  dailyRatePpm: number;
  penaltyAnnualPpm: number;
  paymentPeriodDays: number | null;
}

/**
 * The figures of a loan of `amount` for `termDays` dated `loanDate`, within the caps in force that day:
 * a rate above the daily cap (or a penalty above its cap) cannot be offered at all; planned interest is
 * cut where it would pass the total-cost cap.
 */
export function priceLoan(pricing: Pricing, amount: bigint, termDays: number, loanDate: string): Offer {
  const caps = capsOn(loanDate);
  if (pricing.dailyRatePpm > caps.dailyRatePpm) {
    throw new AppError('loan_cap_exceeded', 409, `The product's rate (${pricing.dailyRatePpm / 10_000} % a day) is above the cap of ${caps.view.dailyRate} % a day in force on ${loanDate}.`);
  }
  if (pricing.penaltyAnnualPpm > caps.penaltyAnnualPpm) {
    throw new AppError('loan_cap_exceeded', 409, `The product's penalty (${pricing.penaltyAnnualPpm / 10_000} % a year) is above the cap of ${caps.view.penaltyRate} % a year.`);
  }
  const capTotal = (amount * BigInt(caps.totalCostBp)) / 10_000n;
  const dueDates = dueDatesFor(loanDate, termDays, pricing.paymentPeriodDays);
  const rows = plan({ principal: amount, interestDue: 0n, from: loanDate, dueDates, ppm: pricing.dailyRatePpm, headroom: capTotal });
  const uncapped = plan({ principal: amount, interestDue: 0n, from: loanDate, dueDates, ppm: pricing.dailyRatePpm, headroom: amount * 100n });
  const total = rows.reduce((s, r) => s + r.total, 0n);
  const uncappedTotal = uncapped.reduce((s, r) => s + r.total, 0n);
  return { caps, capTotal, rows, psk: psk(loanDate, amount, rows), total, capped: uncappedTotal > total };
}

export const pricingOf = (p: ProductRow): Pricing => ({ dailyRatePpm: p.daily_rate_ppm, penaltyAnnualPpm: p.penalty_annual_ppm, paymentPeriodDays: p.payment_period_days });

/** The amount and term must be within the product's ranges (400 naming the field, nothing saved). */
export function checkTerms(p: ProductRow, amount: bigint, termDays: number, fields = { amount: 'amount.amount', termDays: 'termDays' }): void {
  const errors: FieldError[] = [];
  if (amount < BigInt(p.min_amount) || amount > BigInt(p.max_amount)) {
    errors.push({ field: fields.amount, code: 'range', message: `amount must be from ${formatRub(BigInt(p.min_amount))} to ${formatRub(BigInt(p.max_amount))}` });
  }
  if (termDays < p.min_term_days || termDays > p.max_term_days || (termDays - p.min_term_days) % p.term_step_days !== 0) {
    errors.push({
      field: fields.termDays,
      code: 'range',
      message:
        p.term_step_days > 1
          ? `termDays must be from ${p.min_term_days} to ${p.max_term_days} in steps of ${p.term_step_days}`
          : `termDays must be from ${p.min_term_days} to ${p.max_term_days}`,
    });
  }
  if (p.archived_at) errors.push({ field: 'productId', code: 'archived', message: 'this product is no longer offered' });
  if (errors.length) throw AppError.validation(errors);
}

/** The public side: products, the caps table, the calculator. */
export class LoanCatalogService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async products(): Promise<{ items: LoanProductView[] }> {
    const rows: ProductRow[] = await this.ds.query('SELECT * FROM loan_products WHERE archived_at IS NULL ORDER BY min_amount, code');
    return { items: rows.map(toProductView) };
  }

  caps(): { items: LoanCapView[] } {
    return { items: capTable() };
  }

  async calculate(q: { productId: string; amount: number; termDays: number }): Promise<LoanCalculation> {
    const p = await productById(this.ds.manager, q.productId);
    const amount = BigInt(q.amount);
    checkTerms(p, amount, q.termDays, { amount: 'amount', termDays: 'termDays' });
    const loanDate = moscowDay(this.clock.now());
    const o = priceLoan(pricingOf(p), amount, q.termDays, loanDate);
    return toCalculation(p, amount, q.termDays, loanDate, o);
  }
}

export function toCalculation(p: Pick<ProductRow, 'id' | 'name' | 'kind'>, amount: bigint, termDays: number, loanDate: string, o: Offer, dailyRatePpm?: number): LoanCalculation {
  return {
    product: { id: p.id, name: p.name, kind: p.kind },
    amount: rub(amount),
    termDays,
    loanDate,
    dueOn: o.rows[o.rows.length - 1].dueOn,
    dailyRate: (dailyRatePpm ?? (p as ProductRow).daily_rate_ppm) / 10_000,
    psk: o.psk,
    totalToRepay: rub(o.total),
    overpayment: rub(o.total - amount),
    schedule: o.rows.map((r) => ({ n: r.n, dueOn: r.dueOn, principal: rub(r.principal), interest: rub(r.interest), total: rub(r.total), remainingAfter: rub(r.remainingAfter), status: 'planned' as const })),
    caps: o.caps.view,
    capped: o.capped,
  };
}
