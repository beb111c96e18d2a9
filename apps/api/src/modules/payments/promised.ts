import type { DataSource, EntityManager } from 'typeorm';
import { PaymentLimits, type ClosureBlocker, type DeferredPaymentOffer, type PromisedPaymentOffer, type PromisedPaymentView } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { formatRub, rub } from '../../platform/money';
import { addDays, moscowDay, moscowMonth } from '../../platform/moscow';
import type { AccountsService, PeriodsService } from '../accounts';
import type { AuditService } from '../audit';
import type { EventPublisher } from '../integrations';
import type { LedgerService } from '../ledger';
import type { NotificationsService } from '../notifications';

const DAY = 24 * 3600_000;

/** Fee of a promised payment by amount (kopecks): the first band whose `upTo` covers the amount. */
export const PROMISED_FEES: { upTo: bigint; fee: bigint }[] = [
  { upTo: 100_00n, fee: 10_00n },
  { upTo: 300_00n, fee: 25_00n },
  { upTo: 500_00n, fee: 40_00n },
  { upTo: 1000_00n, fee: 70_00n },
  { upTo: 3000_00n, fee: 150_00n },
];

export function promisedFee(amount: bigint): bigint {
  const band = PROMISED_FEES.find((b) => amount <= b.upTo);
  if (!band) throw new RangeError('amount above every band');
  return band.fee;
}

interface PromisedRow {
  id: string;
  account_id: string;
  amount: string;
  fee: string;
  outstanding: string;
  status: 'open' | 'repaid' | 'overdue';
  due_at: Date;
  created_at: Date;
}

const toView = (r: PromisedRow): PromisedPaymentView => ({
  id: r.id,
  amount: rub(r.amount),
  fee: rub(r.fee),
  outstanding: rub(r.outstanding),
  status: r.status,
  dueAt: r.due_at.toISOString(),
  createdAt: r.created_at.toISOString(),
});

/**
 * Promised payment (обещанный платёж, mobile): money now, up to the tariff's limit, for 3 days with a
 * small fee; one at a time; the next top-up repays it; unpaid at the due date, what the balance holds is
 * taken and the lines are blocked until the rest comes in.
 *
 * Deferred payment (отложенный платёж, internet): when the balance is short of the monthly fee, the
 * paid-until date moves by up to 5 days, once a calendar month; the fee is charged when money arrives,
 * and the contract is suspended if the days run out first.
 */
export class PromisedPaymentsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: { accounts: AccountsService; periods: PeriodsService; ledger: LedgerService; notifications: NotificationsService; audit: AuditService; events?: EventPublisher },
  ) {}

  // --- promised payment ---------------------------------------------------------------------------------

  async offer(customerId: string, accountId: string): Promise<PromisedPaymentOffer> {
    return this.ds.transaction(async (em) => {
      const a = await this.deps.accounts.access(em, customerId, accountId);
      const [open]: PromisedRow[] = await em.query(`SELECT * FROM promised_payments WHERE account_id = $1 AND status <> 'repaid'`, [accountId]);
      const max = await this.limit(em, accountId);
      const reason = a.account.kind !== 'mobile' ? 'not_mobile' : a.account.status === 'closed' ? 'account_not_active' : open ? 'already_open' : null;
      return {
        available: reason === null,
        reason,
        maxAmount: rub(max),
        fees: PROMISED_FEES.filter((b, i) => i === 0 || PROMISED_FEES[i - 1].upTo < max).map((b) => ({ upTo: rub(b.upTo), fee: rub(b.fee) })),
        days: PaymentLimits.promisedDays,
        open: open ? toView(open) : null,
      };
    });
  }

  async open(customerId: string, accountId: string, amount: bigint): Promise<PromisedPaymentView> {
    const out = await this.ds.transaction(async (em) => {
      const a = await this.deps.accounts.actor(em, customerId, accountId);
      if (a.account.kind !== 'mobile') throw new AppError('promised_payment_unavailable', 409, 'A promised payment is for mobile accounts; an internet contract has the deferred payment.');
      if (a.account.status === 'closed') throw new AppError('account_not_active', 409, 'The account is closed.');
      const max = await this.limit(em, accountId);
      if (amount < 10_00n || amount > max) {
        throw AppError.validation([{ field: 'amount.amount', code: 'range', message: `amount must be from ${formatRub(10_00n)} to ${formatRub(max)}` }]);
      }
      const [open] = await em.query(`SELECT 1 FROM promised_payments WHERE account_id = $1 AND status <> 'repaid'`, [accountId]);
      if (open) throw new AppError('promised_payment_open', 409, 'A promised payment is already open on this account; it is repaid by the next top-up.');
      const now = this.clock.now();
      const fee = promisedFee(amount);
      const [row]: PromisedRow[] = await em.query(
        `INSERT INTO promised_payments (customer_id, account_id, amount, fee, outstanding, status, due_at, created_at)
         VALUES ($1, $2, $3, $4, $3, 'open', $5, $6) RETURNING *`,
        [customerId, accountId, amount.toString(), fee.toString(), new Date(now.getTime() + PaymentLimits.promisedDays * DAY), now],
      );
      await this.deps.ledger.post(em, { accountId, amount, kind: 'promised_payment', ref: `promised:${row.id}`, description: `Обещанный платёж до ${moscowDay(row.due_at)}` });
      await this.deps.ledger.post(em, { accountId, amount: -fee, kind: 'promised_fee', ref: `promised:${row.id}:fee`, description: 'Комиссия за обещанный платёж' });
      await this.deps.periods.resumeAfterCredit(em, accountId);
      await this.deps.audit.record(em, { action: 'promised_payment_opened', customerId, details: { accountId, amount: Number(amount), promisedId: row.id } });
      return row;
    });
    return toView(out);
  }

  /**
   * A top-up came in: repay the open or overdue promised payment from it, up to what it brought.
   * Returns whether an overdue debt is still open (its lines stay blocked).
   */
  async repayFrom(em: EntityManager, accountId: string, paid: bigint, paymentId: string): Promise<{ debtOpen: boolean }> {
    const [p]: PromisedRow[] = await em.query(`SELECT * FROM promised_payments WHERE account_id = $1 AND status <> 'repaid' FOR UPDATE`, [accountId]);
    if (!p) return { debtOpen: false };
    const take = paid < BigInt(p.outstanding) ? paid : BigInt(p.outstanding);
    const left = BigInt(p.outstanding) - take;
    if (take > 0n) await this.deps.ledger.post(em, { accountId, amount: -take, kind: 'promised_repayment', ref: `promised:${p.id}:repay:${paymentId}`, description: 'Погашение обещанного платежа' });
    await em.query(`UPDATE promised_payments SET outstanding = $2::bigint, status = CASE WHEN $2::bigint = 0 THEN 'repaid' ELSE status END, settled_at = CASE WHEN $2::bigint = 0 THEN $3::timestamptz END WHERE id = $1`, [p.id, left.toString(), this.clock.now()]);
    return { debtOpen: left > 0n && p.status === 'overdue' };
  }

  /** The job: promised payments past their due date take what the balance holds; the rest blocks the lines. */
  async runDue(): Promise<number> {
    const now = this.clock.now();
    const messages: string[] = [];
    const n = await this.ds.transaction(async (em) => {
      const due: PromisedRow[] = await em.query(`SELECT * FROM promised_payments WHERE status = 'open' AND due_at <= $1 ORDER BY due_at LIMIT 200 FOR UPDATE SKIP LOCKED`, [now]);
      for (const p of due) {
        const [acc] = await em.query('SELECT a.balance, a.number, c.id AS customer_id, c.phone FROM accounts a JOIN customers c ON c.id = a.customer_id WHERE a.id = $1 FOR UPDATE OF a', [p.account_id]);
        const balance = BigInt(acc.balance);
        const outstanding = BigInt(p.outstanding);
        const take = balance <= 0n ? 0n : balance < outstanding ? balance : outstanding;
        if (take > 0n) await this.deps.ledger.post(em, { accountId: p.account_id, amount: -take, kind: 'promised_repayment', ref: `promised:${p.id}:due`, description: 'Погашение обещанного платежа в срок' });
        const left = outstanding - take;
        await em.query(`UPDATE promised_payments SET outstanding = $2, status = $3::varchar, settled_at = CASE WHEN $3::varchar = 'repaid' THEN $4::timestamptz END WHERE id = $1`, [p.id, left.toString(), left === 0n ? 'repaid' : 'overdue', now]);
        if (left > 0n) {
          const blocked: { id: string; msisdn: string }[] = await em.query(
            `UPDATE mobile_lines SET status = 'blocked', block_reason = 'debt', blocked_at = $2 WHERE account_id = $1 AND status = 'active' RETURNING id, msisdn`,
            [p.account_id, now],
          ).then((r: [{ id: string; msisdn: string }[], number]) => r[0]);
          for (const b of blocked) {
            await this.deps.events?.publish(em, 'account.blocked', { accountId: p.account_id, accountNumber: acc.number, lineId: b.id, msisdn: b.msisdn, reason: 'promised_payment_overdue', blockedAt: now.toISOString() });
          }
          messages.push(
            await this.deps.notifications.enqueue(em, {
              channel: 'sms',
              to: acc.phone,
              customerId: acc.customer_id,
              body: `Обещанный платёж по счёту ${acc.number} не погашен: осталось ${formatRub(left)}. Номера заблокированы до пополнения.`,
            }),
          );
        }
      }
      return due.length;
    });
    if (messages.length) await this.deps.notifications.deliver(messages);
    return n;
  }

  /** The limit is the largest of the account's tariffs' promised-payment limits. */
  private async limit(em: EntityManager, accountId: string): Promise<bigint> {
    const [{ max }] = await em.query('SELECT coalesce(max(t.promised_limit), 0) AS max FROM mobile_lines l JOIN tariffs t ON t.id = l.tariff_id WHERE l.account_id = $1', [accountId]);
    return BigInt(max);
  }

  /** Account closure (issue 7): an open or overdue promised payment must be repaid first. */
  async promisedClosureBlocker(em: EntityManager, accountId: string): Promise<ClosureBlocker | null> {
    const [open]: PromisedRow[] = await em.query(`SELECT * FROM promised_payments WHERE account_id = $1 AND status <> 'repaid'`, [accountId]);
    if (!open) return null;
    return { code: 'promised_payment_open', detail: `Repay the promised payment: ${formatRub(BigInt(open.outstanding))} is outstanding.`, amount: rub(open.outstanding) };
  }

  /** Account closure: a running deferred payment means this period's fee is still owed. */
  async deferredClosureBlocker(em: EntityManager, accountId: string): Promise<ClosureBlocker | null> {
    const [c] = await em.query(
      `SELECT t.monthly_fee, c.deferred_until FROM internet_contracts c JOIN tariffs t ON t.id = c.tariff_id WHERE c.account_id = $1 AND c.deferred_until IS NOT NULL`,
      [accountId],
    );
    if (!c) return null;
    return { code: 'deferred_payment_open', detail: `Pay the deferred monthly fee of ${formatRub(BigInt(c.monthly_fee))} (deferred until ${c.deferred_until}).`, amount: rub(c.monthly_fee) };
  }

  // --- deferred payment ---------------------------------------------------------------------------------

  async deferredOffer(customerId: string, accountId: string): Promise<DeferredPaymentOffer> {
    return this.ds.transaction(async (em) => {
      const a = await this.deps.accounts.access(em, customerId, accountId);
      return (await this.deferredState(em, a.account)).offer;
    });
  }

  async defer(customerId: string, accountId: string, days: number): Promise<{ paidUntil: string }> {
    return this.ds.transaction(async (em) => {
      const a = await this.deps.accounts.actor(em, customerId, accountId);
      const { offer, contractId } = await this.deferredState(em, a.account);
      if (!offer.available || !contractId) {
        const why = { used_this_month: 'The deferred payment was used this month already.', balance_sufficient: 'The balance covers the monthly fee; nothing to defer.', not_internet: 'The deferred payment is for internet contracts; a mobile account has the promised payment.', account_not_active: 'The account is closed.' };
        throw new AppError('deferred_payment_unavailable', 409, why[offer.reason ?? 'account_not_active']);
      }
      const today = moscowDay(this.clock.now());
      const base = offer.paidUntil && offer.paidUntil > today ? offer.paidUntil : today;
      const paidUntil = addDays(base, days);
      const inserted = await em.query(
        `INSERT INTO deferred_payments (customer_id, account_id, month, days, paid_until_before, paid_until, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
        [customerId, accountId, moscowMonth(this.clock.now()), days, offer.paidUntil, paidUntil, this.clock.now()],
      );
      if (!inserted.length) throw new AppError('deferred_payment_unavailable', 409, 'The deferred payment was used this month already.');
      await em.query('UPDATE accounts SET paid_until = $2 WHERE id = $1', [accountId, paidUntil]);
      await em.query(
        `UPDATE internet_contracts SET deferred_until = $2, status = 'active', suspend_reason = NULL, suspended_at = NULL WHERE id = $1 AND (status = 'active' OR suspend_reason = 'debt')`,
        [contractId, paidUntil],
      );
      await this.deps.audit.record(em, { action: 'deferred_payment_taken', customerId, details: { accountId, days, paidUntil } });
      return { paidUntil };
    });
  }

  /** The job: a deferral whose days ran out with the fee still unpaid suspends the contract. */
  async runDeferredDue(): Promise<number> {
    const today = moscowDay(this.clock.now());
    return this.ds.transaction(async (em) => {
      const [rows] = await em.query(
        `UPDATE internet_contracts c SET status = 'suspended', suspend_reason = 'debt', suspended_at = $2, deferred_until = NULL
          WHERE c.deferred_until < $1::date AND c.status = 'active'
            AND NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.account_id = c.account_id AND e.kind = 'monthly_fee' AND e.ref = 'monthly:' || c.id || ':' || to_char(c.period_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
          RETURNING c.id`,
        [today, this.clock.now()],
      );
      await em.query('UPDATE internet_contracts SET deferred_until = NULL WHERE deferred_until < $1::date', [today]);
      return rows.length;
    });
  }

  private async deferredState(em: EntityManager, account: { id: string; kind: string; status: string; balance: string; paid_until: string | null }): Promise<{ offer: DeferredPaymentOffer; contractId: string | null }> {
    const [c] = await em.query('SELECT c.id, c.status, c.suspend_reason, t.monthly_fee FROM internet_contracts c JOIN tariffs t ON t.id = c.tariff_id WHERE c.account_id = $1', [account.id]);
    const [last] = await em.query('SELECT days, paid_until, created_at, month FROM deferred_payments WHERE account_id = $1 ORDER BY created_at DESC LIMIT 1', [account.id]);
    const fee = c ? BigInt(c.monthly_fee) : 0n;
    const reason: DeferredPaymentOffer['reason'] =
      account.kind !== 'internet' || !c
        ? 'not_internet'
        : account.status === 'closed' || (c.status === 'suspended' && c.suspend_reason !== 'debt')
          ? 'account_not_active'
          : last?.month === moscowMonth(this.clock.now())
            ? 'used_this_month'
            : BigInt(account.balance) >= fee && c.status === 'active'
              ? 'balance_sufficient'
              : null;
    return {
      contractId: c?.id ?? null,
      offer: {
        available: reason === null,
        reason,
        maxDays: PaymentLimits.deferredMaxDays,
        paidUntil: account.paid_until ? String(account.paid_until).slice(0, 10) : null,
        monthlyFee: rub(fee),
        last: last ? { days: last.days, paidUntil: String(last.paid_until).slice(0, 10), createdAt: last.created_at.toISOString() } : null,
      },
    };
  }
}
