import type { EntityManager } from 'typeorm';
import type {
  BorrowerData,
  ConsentKind,
  LoanDecisionReason,
  LoanDecisionRule,
  LoanDebtView,
  LoanKind,
  LoanOperationView,
  LoanProductView,
  LoanScheduleRow,
  LoanStatus,
  LoanStatusChange,
  LoanSummaryView,
  LoanView,
  PayoutFailureReason,
  CardBrand,
} from '@cabinet/shared-types';
import { AppError } from '../../platform/errors';
import type { EventPublisher } from '../integrations';
import { rub } from '../../platform/money';
import { capsOn } from './caps';
import { addDays } from '../../platform/moscow';
import { accrue, overdueBase, type AccrualTerms, type Balances } from './math';

export interface ProductRow {
  id: string;
  code: string;
  name: string;
  kind: LoanKind;
  description: string;
  min_amount: string;
  max_amount: string;
  min_term_days: number;
  max_term_days: number;
  term_step_days: number;
  payment_period_days: number | null;
  daily_rate_ppm: number;
  penalty_annual_ppm: number;
  extension_fee: string | null;
  extension_min_days: number | null;
  extension_max_days: number | null;
  extension_max_count: number | null;
  archived_at: Date | null;
}

export interface LoanRow {
  id: string;
  number: string;
  customer_id: string;
  product_id: string;
  status: LoanStatus;
  amount: string;
  term_days: number;
  daily_rate_ppm: number;
  penalty_annual_ppm: number;
  phone: string;
  phone_confirmed_at: Date | null;
  borrower: Partial<BorrowerData>;
  submitted_at: Date | null;
  decision_outcome: 'approved' | 'rejected' | 'in_review' | null;
  decision_reason: LoanDecisionReason | null;
  decision_note: string | null;
  decision_rules: LoanDecisionRule[] | null;
  decided_at: Date | null;
  decided_by: string | null;
  approved_until: Date | null;
  card_id: string | null;
  payout_id: string | null;
  issued_on: string | null;
  due_on: string | null;
  cap_ratio_bp: number | null;
  psk: string | null;
  principal: string;
  interest: string;
  penalty: string;
  charged: string;
  paid: string;
  accrued_on: string | null;
  interest_rem: string;
  penalty_rem: string;
  extensions: number;
  reminded_on: string | null;
  overdue_notified_on: string | null;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
}

export interface ScheduleRow {
  loan_id: string;
  n: number;
  due_on: string;
  principal: string;
  interest: string;
  total: string;
  remaining_after: string;
  status: 'planned' | 'paid' | 'overdue';
}

export const OPEN_LOAN_STATUSES: LoanStatus[] = ['disbursed', 'active', 'overdue'];
export const SERVICED_STATUSES: LoanStatus[] = ['active', 'overdue'];

export const loanNumber = (n: string | number) => `З-${String(n).padStart(6, '0')}`;

export function toProductView(p: ProductRow): LoanProductView {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    kind: p.kind,
    description: p.description,
    minAmount: rub(p.min_amount),
    maxAmount: rub(p.max_amount),
    minTermDays: p.min_term_days,
    maxTermDays: p.max_term_days,
    termStepDays: p.term_step_days,
    paymentPeriodDays: p.payment_period_days,
    dailyRate: p.daily_rate_ppm / 10_000,
    penaltyRate: p.penalty_annual_ppm / 10_000,
    extension:
      p.extension_fee !== null && p.extension_min_days !== null && p.extension_max_days !== null
        ? { fee: rub(p.extension_fee), minDays: p.extension_min_days, maxDays: p.extension_max_days, maxCount: p.extension_max_count ?? 0 }
        : null,
  };
}

export async function productById(em: EntityManager, id: string): Promise<ProductRow> {
  const [p]: ProductRow[] = await em.query('SELECT * FROM loan_products WHERE id = $1', [id]);
  if (!p) throw new AppError('loan_product_not_found', 404, 'No such loan product.');
  return p;
}

/** A loan of this customer; another's answers the same 404 as one that does not exist. */
export async function loanOf(em: EntityManager, customerId: string, id: string, lock = false): Promise<LoanRow> {
  const [l]: LoanRow[] = await em.query(`SELECT * FROM loans WHERE id = $1 AND customer_id = $2${lock ? ' FOR UPDATE' : ''}`, [id, customerId]);
  if (!l) throw AppError.notFound('The loan');
  return l;
}

export async function loanById(em: EntityManager, id: string, lock = false): Promise<LoanRow> {
  const [l]: LoanRow[] = await em.query(`SELECT * FROM loans WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  if (!l) throw AppError.notFound('The loan');
  return l;
}

export async function scheduleOf(em: EntityManager, loanId: string): Promise<ScheduleRow[]> {
  return em.query('SELECT * FROM loan_schedule WHERE loan_id = $1 ORDER BY n', [loanId]);
}

/**
 * Moves a loan to a status and keeps the change (time, note, who) for the customer to see; with a publisher,
 * partners subscribed to `loan.status_changed` hear of it in the same transaction (sent only if it commits).
 */
export async function setStatus(
  em: EntityManager,
  loan: LoanRow,
  status: LoanStatus,
  at: Date,
  note: string | null = null,
  actorId: string | null = null,
  events?: EventPublisher,
): Promise<void> {
  const previous = loan.status;
  await em.query('UPDATE loans SET status = $2, updated_at = $3 WHERE id = $1', [loan.id, status, at]);
  await em.query('INSERT INTO loan_status_changes (customer_id, loan_id, status, note, actor_id, at) VALUES ($1, $2, $3, $4, $5, $6)', [loan.customer_id, loan.id, status, note, actorId, at]);
  loan.status = status;
  await events?.publish(em, 'loan.status_changed', { loanId: loan.id, loanNumber: loanNumber(loan.number), status, previousStatus: previous, at: at.toISOString() });
}

export function balancesOf(l: LoanRow): Balances {
  return {
    principal: BigInt(l.principal),
    interest: BigInt(l.interest),
    penalty: BigInt(l.penalty),
    charged: BigInt(l.charged),
    accruedOn: l.accrued_on ?? l.issued_on ?? '1970-01-01',
    interestRem: BigInt(l.interest_rem),
    penaltyRem: BigInt(l.penalty_rem),
  };
}

export function capTotalOf(l: LoanRow): bigint {
  return (BigInt(l.amount) * BigInt(l.cap_ratio_bp ?? 0)) / 10_000n;
}

export function termsOf(l: LoanRow, schedule: ScheduleRow[]): AccrualTerms {
  return {
    ppm: l.daily_rate_ppm,
    penaltyAnnualPpm: l.penalty_annual_ppm,
    capTotal: capTotalOf(l),
    dues: schedule.map((r) => ({ dueOn: r.due_on, remainingAfter: BigInt(r.remaining_after) })),
  };
}

/** The balances accrued to `today` without writing them (what the loan page shows). */
export function debtOn(l: LoanRow, schedule: ScheduleRow[], today: string): { balances: Balances; view: LoanDebtView } {
  const { balances } = accrue(balancesOf(l), termsOf(l, schedule), today);
  const total = balances.principal + balances.interest + balances.penalty;
  return {
    balances,
    view: {
      principal: rub(balances.principal),
      interest: rub(balances.interest),
      penalty: rub(balances.penalty),
      total: rub(total),
      asOf: today,
      charged: rub(balances.charged),
      chargeCap: rub(capTotalOf(l)),
    },
  };
}

/** What is due next: the overdue debt today, or the next planned payment. */
export function nextPayment(l: LoanRow, schedule: ScheduleRow[], balances: Balances, today: string): { dueOn: string; amount: bigint } | null {
  const overdue = overdueBase(balances.principal, termsOf(l, schedule).dues, addDays(today, 1));
  const pastDue = schedule.filter((r) => r.due_on < today).pop();
  if (pastDue && overdue > 0n) return { dueOn: today, amount: overdue + balances.interest + balances.penalty };
  const next = schedule.find((r) => r.due_on >= today && r.status === 'planned');
  return next ? { dueOn: next.due_on, amount: BigInt(next.total) } : null;
}

/**
 * What is still to pay on the schedule from today: the payments ahead, plus what is due at once when the
 * loan is behind (the overdue principal with the interest and penalty accrued).
 */
function stillToPay(schedule: ScheduleRow[], b: Balances, today: string): bigint {
  const past = schedule.filter((r) => r.due_on <= today).pop();
  const planned = past ? BigInt(past.remaining_after) : b.principal;
  const behind = b.principal > planned ? b.principal - planned : 0n;
  const ahead = schedule.filter((r) => r.due_on > today).reduce((s, r) => s + BigInt(r.total), 0n);
  return ahead + (behind > 0n ? behind + b.interest + b.penalty : 0n);
}

export function scheduleView(rows: ScheduleRow[], today: string): LoanScheduleRow[] {
  const next = rows.find((r) => r.status === 'planned' && r.due_on >= today)?.n;
  return rows.map((r) => ({
    n: r.n,
    dueOn: r.due_on,
    principal: rub(r.principal),
    interest: rub(r.interest),
    total: rub(r.total),
    remainingAfter: rub(r.remaining_after),
    status: r.n === next ? 'next' : r.status,
  }));
}

interface SummaryExtras {
  product: Pick<ProductRow, 'id' | 'name' | 'kind'>;
  schedule: ScheduleRow[];
  today: string;
}

export function toSummary(l: LoanRow, x: SummaryExtras): LoanSummaryView {
  const serviced = SERVICED_STATUSES.includes(l.status);
  const debt = serviced ? debtOn(l, x.schedule, x.today) : null;
  const next = debt ? nextPayment(l, x.schedule, debt.balances, x.today) : null;
  return {
    id: l.id,
    number: loanNumber(l.number),
    status: l.status,
    product: { id: x.product.id, name: x.product.name, kind: x.product.kind },
    amount: rub(l.amount),
    termDays: l.term_days,
    createdAt: l.created_at.toISOString(),
    updatedAt: l.updated_at.toISOString(),
    debt: debt?.view ?? null,
    nextPayment: next ? { dueOn: next.dueOn, amount: rub(next.amount) } : null,
  };
}

/** Everything the loan page shows, read in one go. */
export async function loanView(em: EntityManager, l: LoanRow, today: string, offer: (l: LoanRow, p: ProductRow) => LoanView['contract'], services: LoanView['services'] = []): Promise<LoanView> {
  const product = await productById(em, l.product_id);
  const schedule = await scheduleOf(em, l.id);
  const history: { status: LoanStatus; note: string | null; at: Date }[] = await em.query('SELECT status, note, at FROM loan_status_changes WHERE loan_id = $1 ORDER BY id', [l.id]);
  const consents: { kind: ConsentKind; version: string; accepted_at: Date }[] = await em.query('SELECT kind, version, accepted_at FROM loan_consents WHERE loan_id = $1 ORDER BY kind', [l.id]);
  const ops: { id: string; kind: LoanOperationView['kind']; principal_delta: string; interest_delta: string; penalty_delta: string; fee: string; paid: string; payment_id: string | null; description: string; created_at: Date }[] =
    await em.query(`SELECT * FROM loan_operations WHERE loan_id = $1 AND kind IN ('disbursement', 'repayment', 'extension') ORDER BY seq`, [l.id]);
  const [payout]: { status: 'pending' | 'succeeded' | 'failed'; card_last4: string; card_brand: CardBrand; failure_reason: PayoutFailureReason | null; created_at: Date; settled_at: Date | null; holder: string }[] = l.payout_id
    ? await em.query('SELECT p.*, c.holder FROM payouts p JOIN saved_cards c ON c.id = p.card_id WHERE p.id = $1', [l.payout_id])
    : [];
  // Paid so far plus what the schedule still asks for (a repaid loan: what was paid).
  const toRepay = SERVICED_STATUSES.includes(l.status) ? BigInt(l.paid) + stillToPay(schedule, debtOn(l, schedule, today).balances, today) : BigInt(l.paid);
  const contract = l.issued_on
    ? {
        issuedOn: l.issued_on,
        dueOn: l.due_on as string,
        dailyRate: l.daily_rate_ppm / 10_000,
        penaltyRate: l.penalty_annual_ppm / 10_000,
        psk: Number(l.psk),
        totalToRepay: rub(toRepay),
        caps: capsOn(l.issued_on).view,
      }
    : ['approved', 'disbursed', 'in_review'].includes(l.status)
      ? offer(l, product)
      : null;
  return {
    ...toSummary(l, { product, schedule, today }),
    borrower: l.borrower,
    phoneConfirmedAt: l.phone_confirmed_at?.toISOString() ?? null,
    consents: consents.map((c) => ({ kind: c.kind, version: c.version, acceptedAt: c.accepted_at.toISOString() })),
    decision: l.decision_outcome && l.decided_at ? { outcome: l.decision_outcome, reason: l.decision_reason, note: l.decision_note, at: l.decided_at.toISOString() } : null,
    approvalValidUntil: l.status === 'approved' ? (l.approved_until?.toISOString() ?? null) : null,
    history: history.map((h): LoanStatusChange => ({ status: h.status, at: h.at.toISOString(), note: h.note })),
    contract,
    schedule: scheduleView(schedule, today),
    operations: ops.map((o) => {
      const toPrincipal = -BigInt(o.principal_delta);
      return {
        id: o.id,
        at: o.created_at.toISOString(),
        kind: o.kind,
        amount: rub(o.kind === 'disbursement' ? BigInt(o.principal_delta) : BigInt(o.paid)),
        toPenalty: rub(-BigInt(o.penalty_delta)),
        toInterest: rub(-BigInt(o.interest_delta)),
        toFee: rub(o.fee),
        toPrincipal: rub(o.kind === 'disbursement' ? 0n : toPrincipal),
        paymentId: o.payment_id,
        description: o.description,
      };
    }),
    services,
    payout: payout
      ? { status: payout.status, card: { last4: payout.card_last4, brand: payout.card_brand, holder: payout.holder }, failureReason: payout.failure_reason, at: (payout.settled_at ?? payout.created_at).toISOString() }
      : null,
    extensions: l.extensions,
  };
}
