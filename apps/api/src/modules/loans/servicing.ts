import type { DataSource, EntityManager } from 'typeorm';
import { LoanLimits, type ExtendLoanRequest, type LoanExtensionOffer, type LoanStatus, type LoanView, type PaymentView, type PayoutFailureReason, type RepayLoanRequest } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { moscowDay } from '../../platform/moscow';
import { AppError } from '../../platform/errors';
import type { EventPublisher } from '../integrations';
import { formatRub, rub } from '../../platform/money';
import type { NotificationsService } from '../notifications';
import type { PaymentRow, PaymentsService, PayoutRow, PayoutsService } from '../payments';
import type { LoanApplicationsService } from './applications';
import type { LoanPaidServicesService } from './paid-services';
import { priceLoan } from './catalog';
import { addDays, daysBetween, ruDate } from '../../platform/moscow';
import { accrue, allocate, plan, type Balances } from './math';
import { holderMatches } from './names';
import {
  balancesOf,
  capTotalOf,
  debtOn,
  loanById,
  loanNumber,
  loanOf,
  OPEN_LOAN_STATUSES,
  productById,
  scheduleOf,
  SERVICED_STATUSES,
  setStatus,
  termsOf,
  type LoanRow,
  type ProductRow,
  type ScheduleRow,
} from './repository';

const PAYOUT_FAILURE_TEXT: Record<PayoutFailureReason, string> = {
  general_decline: 'банк отклонил перевод на карту',
  card_expired: 'срок действия карты истёк',
  recipient_not_found: 'карта не найдена',
  one_time_limit_exceeded: 'сумма больше лимита перевода на карту',
};

type Messages = string[];

/**
 * A loan after the decision: the payout to a card in the customer's own name, the loan's own ledger
 * (interest accrued day by day by the clock, penalties past a due date, both within the caps), repayments
 * and paid extensions through the payments module, overdue marking and reminders (a daily job).
 *
 * The loan's balances live on its row and are each the sum of its `loan_operations`; every change of
 * them is one operation, written in the same transaction under the loan's row lock.
 */
export class LoanServicingService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: {
      payments: PaymentsService;
      payouts: PayoutsService;
      notifications: NotificationsService;
      applications: LoanApplicationsService;
      paidServices: LoanPaidServicesService;
      events?: EventPublisher;
    },
  ) {}

  /** The repository's `setStatus`, telling subscribed partners (webhook `loan.status_changed`). */
  private setStatus(em: EntityManager, l: LoanRow, status: LoanStatus, at: Date, note: string | null = null, actorId: string | null = null): Promise<void> {
    return setStatus(em, l, status, at, note, actorId, this.deps.events);
  }

  private get today(): string {
    return moscowDay(this.clock.now());
  }

  // --- the payout ------------------------------------------------------------------------------------

  /** The money of an approved loan to one of the customer's saved cards, which must be in their own name. */
  async disburse(customerId: string, id: string, cardId: string): Promise<LoanView> {
    const { payoutId, number } = await this.ds.transaction(async (em) => {
      const l = await loanOf(em, customerId, id, true);
      if (l.status !== 'approved') throw new AppError('loan_not_in_status', 409, l.status === 'disbursed' ? 'The money is already on its way.' : 'Only an approved loan can be paid out.');
      if (l.approved_until && l.approved_until <= this.clock.now()) throw new AppError('loan_not_in_status', 409, 'The approval has expired; apply again.');
      const [card] = await em.query('SELECT id, holder, last4 FROM saved_cards WHERE id = $1 AND customer_id = $2 AND deleted_at IS NULL', [cardId, customerId]);
      if (!card) throw new AppError('card_not_found', 404, 'No such saved card.');
      const [c] = await em.query('SELECT surname, name, patronymic FROM customers WHERE id = $1', [customerId]);
      const person = c.surname ? c : { surname: l.borrower.surname ?? '', name: l.borrower.name ?? '', patronymic: l.borrower.patronymic ?? null };
      if (!holderMatches(card.holder, person)) {
        throw new AppError(
          'card_holder_mismatch',
          409,
          `The card •••• ${card.last4} is in the name of ${card.holder}; a loan is paid out only to a card in your own name (${person.name} ${person.surname}). Bind a card issued to you.`,
        );
      }
      const [other] = await em.query('SELECT 1 FROM loans WHERE customer_id = $1 AND id <> $2 AND status = ANY($3)', [customerId, id, OPEN_LOAN_STATUSES]);
      if (other) throw new AppError('conflict', 409, 'Another loan is open: repay it first.');
      const payout = await this.deps.payouts.create(em, { customerId, cardId, amount: BigInt(l.amount), purpose: 'loan_disbursement', ref: l.id });
      await em.query('UPDATE loans SET card_id = $2, payout_id = $3 WHERE id = $1', [id, cardId, payout.id]);
      await this.setStatus(em, l, 'disbursed', this.clock.now(), `Деньги отправлены на карту •••• ${card.last4}`);
      return { payoutId: payout.id, number: loanNumber(l.number) };
    });
    await this.deps.payouts.send(payoutId, `Выдача займа ${number}`);
    // The optional services chosen on the application: each its own card payment once the money is there.
    await this.deps.paidServices.charge(id);
    return this.deps.applications.get(customerId, id);
  }

  /** The payout ended (in the payouts module's transaction): the loan starts, or goes back to approved. */
  async onPayoutSettled(em: EntityManager, payout: PayoutRow): Promise<Messages> {
    const [l]: LoanRow[] = await em.query('SELECT * FROM loans WHERE payout_id = $1 FOR UPDATE', [payout.id]);
    if (!l || l.status !== 'disbursed') return [];
    const now = this.clock.now();
    const number = loanNumber(l.number);
    if (payout.status === 'failed') {
      const why = PAYOUT_FAILURE_TEXT[payout.failure_reason ?? 'general_decline'];
      await em.query('UPDATE loans SET card_id = NULL, payout_id = NULL WHERE id = $1', [l.id]);
      await this.setStatus(em, l, 'approved', now, `Выплата на карту •••• ${payout.card_last4} не прошла: ${why}. Выберите другую карту.`);
      return this.sms(em, l, `Заём ${number}: перевод на карту •••• ${payout.card_last4} не прошёл (${why}). Выберите другую карту в личном кабинете.`);
    }
    const p = await productById(em, l.product_id);
    const loanDate = moscowDay(now);
    const o = priceLoan({ dailyRatePpm: l.daily_rate_ppm, penaltyAnnualPpm: l.penalty_annual_ppm, paymentPeriodDays: p.payment_period_days }, BigInt(l.amount), l.term_days, loanDate);
    const dueOn = o.rows[o.rows.length - 1].dueOn;
    await em.query(
      `UPDATE loans SET issued_on = $2, due_on = $3, cap_ratio_bp = $4, psk = $5, principal = amount, interest = 0, penalty = 0, charged = 0, accrued_on = $2, interest_rem = 0, penalty_rem = 0, updated_at = $6 WHERE id = $1`,
      [l.id, loanDate, dueOn, o.caps.totalCostBp, o.psk, now],
    );
    await em.query(
      `INSERT INTO loan_operations (customer_id, loan_id, kind, on_date, principal_delta, ref, description, created_at) VALUES ($1, $2, 'disbursement', $3, $4, $5, $6, $7)`,
      [l.customer_id, l.id, loanDate, l.amount, `payout:${payout.id}`, `Выдача на карту •••• ${payout.card_last4}`, now],
    );
    for (const r of o.rows) {
      await em.query(
        `INSERT INTO loan_schedule (loan_id, n, due_on, principal, interest, total, remaining_after, status) VALUES ($1, $2, $3, $4, $5, $6, $7, 'planned')`,
        [l.id, r.n, r.dueOn, r.principal.toString(), r.interest.toString(), r.total.toString(), r.remainingAfter.toString()],
      );
    }
    await this.setStatus(em, l, 'active', now, `Деньги зачислены на карту •••• ${payout.card_last4}`);
    const first = o.rows[0];
    return this.sms(
      em,
      l,
      `Заём ${number} выдан: ${formatRub(BigInt(l.amount))} на карту •••• ${payout.card_last4}. ` +
        (o.rows.length > 1 ? `Первый платёж ${formatRub(first.total)} до ${ruDate(first.dueOn)}.` : `Вернуть ${formatRub(first.total)} до ${ruDate(first.dueOn)}.`),
    );
  }

  // --- the loan's ledger -------------------------------------------------------------------------------

  /** Accrues interest and penalty to `today` and writes it as one operation (none when nothing accrued). */
  private async materialise(em: EntityManager, l: LoanRow, schedule: ScheduleRow[], today: string): Promise<Balances> {
    const { balances, interest, penalty } = accrue(balancesOf(l), termsOf(l, schedule), today);
    if (interest > 0n || penalty > 0n) {
      await em.query(
        `INSERT INTO loan_operations (customer_id, loan_id, kind, on_date, interest_delta, penalty_delta, ref, description, created_at)
         VALUES ($1, $2, 'accrual', $3, $4, $5, $6, $7, $8)`,
        [l.customer_id, l.id, today, interest.toString(), penalty.toString(), `accrual:${today}`, `Начислено по ${ruDate(today)}`, this.clock.now()],
      );
    }
    await this.saveBalances(em, l, balances);
    return balances;
  }

  private async saveBalances(em: EntityManager, l: LoanRow, b: Balances, paidDelta = 0n): Promise<void> {
    await em.query(
      `UPDATE loans SET principal = $2, interest = $3, penalty = $4, charged = $5, accrued_on = $6, interest_rem = $7, penalty_rem = $8, paid = paid + $9, updated_at = $10 WHERE id = $1`,
      [l.id, b.principal.toString(), b.interest.toString(), b.penalty.toString(), b.charged.toString(), b.accruedOn, b.interestRem.toString(), b.penaltyRem.toString(), paidDelta.toString(), this.clock.now()],
    );
    Object.assign(l, {
      principal: b.principal.toString(),
      interest: b.interest.toString(),
      penalty: b.penalty.toString(),
      charged: b.charged.toString(),
      accrued_on: b.accruedOn,
      interest_rem: b.interestRem.toString(),
      penalty_rem: b.penaltyRem.toString(),
      paid: (BigInt(l.paid) + paidDelta).toString(),
    });
  }

  /**
   * The payments still ahead after an event today: the same due dates, equal payments on what should be
   * owed by now (an overdue part is due at once, not spread). Past due dates keep what they planned.
   */
  private async replan(em: EntityManager, l: LoanRow, schedule: ScheduleRow[], b: Balances, today: string): Promise<ScheduleRow[]> {
    const future = schedule.filter((r) => r.due_on > today);
    if (!future.length) return schedule;
    const past = schedule.filter((r) => r.due_on <= today).pop();
    const plannedNow = past ? BigInt(past.remaining_after) : b.principal;
    const base = b.principal < plannedNow ? b.principal : plannedNow;
    const behind = b.principal > base;
    const rows = plan({
      principal: base,
      interestDue: behind ? 0n : b.interest,
      from: today,
      dueDates: future.map((r) => r.due_on),
      ppm: l.daily_rate_ppm,
      interestRem: b.interestRem,
      headroom: capTotalOf(l) - b.charged,
    });
    for (const [i, r] of rows.entries()) {
      const n = future[i].n;
      await em.query(`UPDATE loan_schedule SET principal = $3, interest = $4, total = $5, remaining_after = $6, status = 'planned' WHERE loan_id = $1 AND n = $2`, [
        l.id,
        n,
        r.principal.toString(),
        r.interest.toString(),
        r.total.toString(),
        r.remainingAfter.toString(),
      ]);
    }
    return scheduleOf(em, l.id);
  }

  /** Row statuses, overdue ⇄ active, the overdue notice (once per episode) and the reminder before a due date. */
  private async refresh(em: EntityManager, l: LoanRow, schedule: ScheduleRow[], b: Balances, today: string): Promise<Messages> {
    const messages: Messages = [];
    for (const r of schedule) {
      const covered = b.principal <= BigInt(r.remaining_after);
      const status = r.due_on <= today && covered ? 'paid' : r.due_on < today ? 'overdue' : 'planned';
      if (status !== r.status) {
        await em.query('UPDATE loan_schedule SET status = $3 WHERE loan_id = $1 AND n = $2', [l.id, r.n, status]);
        r.status = status;
      }
    }
    const missed = schedule.filter((r) => r.due_on < today && r.status === 'overdue').pop();
    const number = loanNumber(l.number);
    const now = this.clock.now();
    if (missed && l.status === 'active') {
      await this.setStatus(em, l, 'overdue', now, `Просрочен платёж от ${ruDate(missed.due_on)}`);
    } else if (!missed && l.status === 'overdue') {
      await this.setStatus(em, l, 'active', now, 'Просрочка погашена');
    }
    if (missed && (!l.overdue_notified_on || l.overdue_notified_on < missed.due_on)) {
      const owed = b.principal + b.interest + b.penalty;
      const text = `Заём ${number}: платёж от ${ruDate(missed.due_on)} просрочен. Начисляется неустойка. Долг сегодня: ${formatRub(owed)}. Оплатите в личном кабинете.`;
      messages.push(...(await this.notify(em, l, 'Просрочка по займу', text)));
      await em.query('UPDATE loans SET overdue_notified_on = $2 WHERE id = $1', [l.id, today]);
      l.overdue_notified_on = today;
    }
    const next = schedule.find((r) => r.due_on >= today && r.status === 'planned');
    if (!missed && next && daysBetween(today, next.due_on) <= LoanLimits.reminderDaysBefore && (!l.reminded_on || l.reminded_on < addDays(next.due_on, -LoanLimits.reminderDaysBefore))) {
      const text = `Заём ${number}: платёж ${formatRub(BigInt(next.total))} — до ${ruDate(next.due_on)}. Оплатить можно в личном кабинете.`;
      messages.push(...(await this.notify(em, l, 'Напоминание о платеже по займу', text)));
      await em.query('UPDATE loans SET reminded_on = $2 WHERE id = $1', [l.id, today]);
      l.reminded_on = today;
    }
    return messages;
  }

  // --- repayments and extensions ----------------------------------------------------------------------

  /** Repay in part or in full by card. An amount above today's debt is refused. */
  async repay(customerId: string, id: string, input: RepayLoanRequest): Promise<PaymentView> {
    const l = await loanOf(this.ds.manager, customerId, id);
    if (!SERVICED_STATUSES.includes(l.status)) throw new AppError('loan_not_in_status', 409, 'Only an active or overdue loan can be repaid.');
    const debt = debtOn(l, await scheduleOf(this.ds.manager, id), this.today);
    const amount = BigInt(input.amount.amount);
    const owed = debt.balances.principal + debt.balances.interest + debt.balances.penalty;
    if (amount > owed) {
      const message = `amount must not exceed today's debt of ${formatRub(owed)}`;
      throw new AppError('loan_overpayment', 400, `The debt today is ${formatRub(owed)}: a payment above it is refused.`, { errors: [{ field: 'amount.amount', code: 'max', message }] });
    }
    return this.deps.payments.createForLoan(customerId, {
      loanId: id,
      purpose: 'loan_repayment',
      amount,
      method: input.method,
      cardId: input.cardId,
      returnUrl: input.returnUrl ?? `/loans/${id}?payment={id}`,
      description: `Погашение займа ${loanNumber(l.number)}`,
    });
  }

  async extensionOffer(customerId: string, id: string, days?: number): Promise<LoanExtensionOffer> {
    const em = this.ds.manager;
    const l = await loanOf(em, customerId, id);
    const p = await productById(em, l.product_id);
    return this.offerFor(l, p, await scheduleOf(em, id), days);
  }

  private offerFor(l: LoanRow, p: ProductRow, schedule: ScheduleRow[], days?: number): LoanExtensionOffer {
    const today = this.today;
    const extendable = p.kind === 'short' && p.extension_fee !== null && p.extension_min_days !== null && p.extension_max_days !== null;
    const minDays = p.extension_min_days ?? 0;
    const maxDays = p.extension_max_days ?? 0;
    const chosen = days ?? minDays;
    const left = Math.max(0, (p.extension_max_count ?? 0) - l.extensions);
    const zero = rub(0);
    const reason: LoanExtensionOffer['reason'] = !extendable ? 'not_extendable' : !SERVICED_STATUSES.includes(l.status) ? 'not_active' : left === 0 ? 'limit_reached' : null;
    if (reason) return { available: false, reason, minDays, maxDays, days: chosen, interest: zero, penalty: zero, fee: zero, total: zero, dueOn: l.due_on, newDueOn: null, extensionsLeft: left };
    const { balances } = debtOn(l, schedule, today);
    const headroom = capTotalOf(l) - balances.charged;
    const feeFull = BigInt(p.extension_fee as string);
    const fee = feeFull < headroom ? feeFull : headroom > 0n ? headroom : 0n;
    const dueOn = l.due_on as string;
    return {
      available: true,
      reason: null,
      minDays,
      maxDays,
      days: chosen,
      interest: rub(balances.interest),
      penalty: rub(balances.penalty),
      fee: rub(fee),
      total: rub(balances.interest + balances.penalty + fee),
      dueOn,
      newDueOn: addDays(today > dueOn ? today : dueOn, chosen),
      extensionsLeft: left,
    };
  }

  /** Extend a short loan: pay the interest (and any penalty) to date plus the extension fee. */
  async extend(customerId: string, id: string, input: ExtendLoanRequest): Promise<PaymentView> {
    const em = this.ds.manager;
    const l = await loanOf(em, customerId, id);
    const p = await productById(em, l.product_id);
    const offer = this.offerFor(l, p, await scheduleOf(em, id), input.days);
    if (!offer.available) throw new AppError('loan_not_extendable', 409, offer.reason === 'limit_reached' ? 'This loan cannot be extended again.' : offer.reason === 'not_active' ? 'Only an active or overdue loan can be extended.' : 'This loan cannot be extended.');
    if (input.days < offer.minDays || input.days > offer.maxDays) {
      throw AppError.validation([{ field: 'days', code: 'range', message: `days must be from ${offer.minDays} to ${offer.maxDays}` }]);
    }
    const total = BigInt(offer.total.amount);
    if (total <= 0n) throw new AppError('loan_not_extendable', 409, 'Nothing is due for an extension today.');
    return this.deps.payments.createForLoan(customerId, {
      loanId: id,
      purpose: 'loan_extension',
      amount: total,
      method: input.method,
      cardId: input.cardId,
      returnUrl: input.returnUrl ?? `/loans/${id}?payment={id}`,
      description: `Продление займа ${loanNumber(l.number)} на ${input.days} дн.`,
      prepare: async (tx, paymentId) => {
        await tx.query(`INSERT INTO loan_extensions (loan_id, payment_id, days, fee, due_on_before, status, created_at) VALUES ($1, $2, $3, $4, $5, 'pending', $6)`, [
          id,
          paymentId,
          input.days,
          offer.fee.amount,
          l.due_on,
          this.clock.now(),
        ]);
      },
    });
  }

  /**
   * A loan payment settled (in the payments module's transaction). A repayment goes to penalties, then
   * interest accrued to today, then principal; what the debt no longer needs is given back. An extension
   * pays penalties, interest and the fee, then moves the due date.
   */
  async onLoanPayment(em: EntityManager, p: PaymentRow, succeeded: boolean): Promise<{ messages: Messages; refund: bigint }> {
    if (p.purpose === 'loan_extension') return this.applyExtension(em, p, succeeded);
    if (p.purpose === 'loan_service') return this.deps.paidServices.onPayment(em, p, succeeded);
    if (!succeeded || !p.loan_id) return { messages: [], refund: 0n };
    const l = await loanById(em, p.loan_id, true);
    const amount = BigInt(p.amount);
    const number = loanNumber(l.number);
    if (!SERVICED_STATUSES.includes(l.status)) {
      return { messages: await this.sms(em, l, `Платёж ${formatRub(amount)} по займу ${number} возвращён на карту: заём уже закрыт.`), refund: amount };
    }
    const today = this.today;
    let schedule = await scheduleOf(em, l.id);
    const b = await this.materialise(em, l, schedule, today);
    const a = allocate(b, amount);
    const applied = amount - a.rest;
    const after: Balances = { ...b, principal: b.principal - a.toPrincipal, interest: b.interest - a.toInterest, penalty: b.penalty - a.toPenalty };
    const card = p.card_last4 ? ` картой •••• ${p.card_last4}` : '';
    await em.query(
      `INSERT INTO loan_operations (customer_id, loan_id, kind, on_date, principal_delta, interest_delta, penalty_delta, paid, payment_id, ref, description, created_at)
       VALUES ($1, $2, 'repayment', $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [l.customer_id, l.id, today, (-a.toPrincipal).toString(), (-a.toInterest).toString(), (-a.toPenalty).toString(), applied.toString(), p.id, `payment:${p.id}`, `Платёж${card}`, this.clock.now()],
    );
    await this.saveBalances(em, l, after, applied);
    const messages: Messages = [];
    if (after.principal === 0n && after.interest === 0n && after.penalty === 0n) {
      await em.query('DELETE FROM loan_schedule WHERE loan_id = $1 AND due_on > $2', [l.id, today]);
      await em.query(`UPDATE loan_schedule SET status = 'paid' WHERE loan_id = $1`, [l.id]);
      await em.query('UPDATE loans SET closed_at = $2 WHERE id = $1', [l.id, this.clock.now()]);
      await this.setStatus(em, l, 'repaid', this.clock.now(), `Заём погашен полностью: всего выплачено ${formatRub(BigInt(l.paid))}`);
      messages.push(...(await this.sms(em, l, `Заём ${number} погашен полностью. Спасибо!${a.rest > 0n ? ` Лишние ${formatRub(a.rest)} вернутся на карту.` : ''}`)));
    } else {
      schedule = await this.replan(em, l, schedule, after, today);
      messages.push(...(await this.refresh(em, l, schedule, after, today)));
      const owed = after.principal + after.interest + after.penalty;
      messages.push(...(await this.sms(em, l, `Платёж ${formatRub(applied)} по займу ${number} зачислен. Осталось: ${formatRub(owed)}.`)));
    }
    return { messages, refund: a.rest };
  }

  private async applyExtension(em: EntityManager, p: PaymentRow, succeeded: boolean): Promise<{ messages: Messages; refund: bigint }> {
    const [x] = await em.query('SELECT * FROM loan_extensions WHERE payment_id = $1 FOR UPDATE', [p.id]);
    if (!x || x.status !== 'pending') return { messages: [], refund: 0n };
    if (!succeeded) {
      await em.query(`UPDATE loan_extensions SET status = 'failed' WHERE id = $1`, [x.id]);
      return { messages: [], refund: 0n };
    }
    const l = await loanById(em, x.loan_id, true);
    const product = await productById(em, l.product_id);
    const amount = BigInt(p.amount);
    const number = loanNumber(l.number);
    if (!SERVICED_STATUSES.includes(l.status) || l.extensions >= (product.extension_max_count ?? 0)) {
      await em.query(`UPDATE loan_extensions SET status = 'failed' WHERE id = $1`, [x.id]);
      return { messages: await this.sms(em, l, `Продление займа ${number} не выполнено; ${formatRub(amount)} вернутся на карту.`), refund: amount };
    }
    const today = this.today;
    let schedule = await scheduleOf(em, l.id);
    const b = await this.materialise(em, l, schedule, today);
    let left = amount;
    const toPenalty = left < b.penalty ? left : b.penalty;
    left -= toPenalty;
    const toInterest = left < b.interest ? left : b.interest;
    left -= toInterest;
    const headroom = capTotalOf(l) - b.charged;
    let fee = BigInt(x.fee);
    if (fee > headroom) fee = headroom > 0n ? headroom : 0n;
    if (fee > left) fee = left;
    left -= fee;
    const applied = amount - left;
    const after: Balances = { ...b, penalty: b.penalty - toPenalty, interest: b.interest - toInterest, charged: b.charged + fee };
    const dueBefore = l.due_on as string;
    const newDue = addDays(today > dueBefore ? today : dueBefore, x.days);
    await em.query(
      `INSERT INTO loan_operations (customer_id, loan_id, kind, on_date, interest_delta, penalty_delta, fee, paid, payment_id, ref, description, created_at)
       VALUES ($1, $2, 'extension', $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [l.customer_id, l.id, today, (-toInterest).toString(), (-toPenalty).toString(), fee.toString(), applied.toString(), p.id, `payment:${p.id}`, `Продление на ${x.days} дн. до ${ruDate(newDue)}`, this.clock.now()],
    );
    await this.saveBalances(em, l, after, applied);
    const last = schedule[schedule.length - 1];
    await em.query('UPDATE loan_schedule SET due_on = $3 WHERE loan_id = $1 AND n = $2', [l.id, last.n, newDue]);
    await em.query('UPDATE loans SET due_on = $2, extensions = extensions + 1 WHERE id = $1', [l.id, newDue]);
    await em.query(`UPDATE loan_extensions SET status = 'applied', due_on_after = $2, applied_at = $3 WHERE id = $1`, [x.id, newDue, this.clock.now()]);
    l.due_on = newDue;
    l.extensions += 1;
    schedule = await scheduleOf(em, l.id);
    schedule = await this.replan(em, l, schedule, after, today);
    const messages = await this.refresh(em, l, schedule, after, today);
    await this.setStatus(em, l, 'active', this.clock.now(), `Срок продлён до ${ruDate(newDue)} (оплачено ${formatRub(applied)}, из них плата за продление ${formatRub(fee)})`);
    messages.push(...(await this.sms(em, l, `Заём ${number} продлён до ${ruDate(newDue)}. К возврату ${formatRub(BigInt(schedule[schedule.length - 1].total))}.`)));
    return { messages, refund: left };
  }

  // --- the daily job ------------------------------------------------------------------------------------

  /**
   * Brings every active and overdue loan up to today: accrues (once per day — a second run finds nothing
   * to accrue), marks overdue ones and tells their owners once, reminds before a due date, and cancels
   * approvals nobody took. Loans are taken one at a time with SKIP LOCKED, so several nodes can run it.
   */
  async runDaily(): Promise<{ loans: number; overdue: number; notices: number; expired: number; servicesCharged: number }> {
    const expired = await this.deps.applications.expireApprovals();
    const servicesCharged = await this.deps.paidServices.chargeOutstanding();
    const ids: { id: string }[] = await this.ds.query(`SELECT id FROM loans WHERE status IN ('active', 'overdue') ORDER BY id`);
    let overdue = 0;
    let notices = 0;
    for (const { id } of ids) {
      const messages = await this.ds.transaction(async (em) => {
        const [l]: LoanRow[] = await em.query('SELECT * FROM loans WHERE id = $1 FOR UPDATE SKIP LOCKED', [id]);
        if (!l || !SERVICED_STATUSES.includes(l.status)) return [];
        const today = this.today;
        const schedule = await scheduleOf(em, id);
        const b = await this.materialise(em, l, schedule, today);
        const out = await this.refresh(em, l, schedule, b, today);
        if (l.status === 'overdue') overdue++;
        return out;
      });
      notices += messages.length;
      await this.deps.notifications.deliver(messages);
    }
    return { loans: ids.length, overdue, notices, expired, servicesCharged };
  }

  // --- inside ---------------------------------------------------------------------------------------------

  /** The status SMS and the notification centre's entry; every id goes to `deliver` (none for a muted channel). */
  private async sms(em: EntityManager, l: LoanRow, body: string): Promise<Messages> {
    const [c] = await em.query('SELECT phone FROM customers WHERE id = $1', [l.customer_id]);
    return this.deps.notifications.notify(em, { event: 'loan.status', customerId: l.customer_id, title: 'Заём', body, link: `/loans/${l.id}`, sms: c?.phone ?? l.phone });
  }

  /** SMS, and an e-mail too when the customer gave an address. */
  private async notify(em: EntityManager, l: LoanRow, subject: string, body: string): Promise<Messages> {
    const [c] = await em.query('SELECT phone, email FROM customers WHERE id = $1', [l.customer_id]);
    return this.deps.notifications.notify(em, { event: 'loan.reminder', customerId: l.customer_id, title: subject, body, link: `/loans/${l.id}`, sms: c?.phone ?? l.phone, email: c?.email });
  }
}
