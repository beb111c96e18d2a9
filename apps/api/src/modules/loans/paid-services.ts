import type { DataSource, EntityManager } from 'typeorm';
import type { LoanServiceLine, LoanServiceStatus, LoanServiceView } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { formatRub, rub } from '../../platform/money';
import type { AuditService } from '../audit';
import type { RequestMeta } from '../customers';
import type { NotificationsService } from '../notifications';
import type { PaymentRow, PaymentsService } from '../payments';
import { loanNumber, loanOf, type LoanRow } from './repository';

interface ServiceRow {
  code: string;
  name: string;
  description: string;
  price: string;
  refund_days: number;
}

interface PurchaseRow {
  id: string;
  customer_id: string;
  loan_id: string;
  service_code: string;
  name: string;
  price: string;
  refund_days: number;
  status: LoanServiceStatus;
  payment_id: string | null;
  paid_at: Date | null;
  refund_until: Date | null;
  refunded_at: Date | null;
  refunded_amount: string;
}

const DAY_MS = 86_400_000;

/** A purchase with its service's name (add the WHERE). */
const PURCHASE = 'SELECT s.*, c.name FROM loan_service_purchases s JOIN loan_services c ON c.code = s.service_code';

/**
 * Optional paid services offered with a loan (insurance, a legal-advice subscription). The rules:
 * - opt-in only: a draft has none until the customer names one (PATCH /loans/:id `services`);
 * - priced on their own: never part of the loan's amount, schedule, ПСК or the calculator, and the
 *   decision rules never read them;
 * - paid by their own card payment (purpose `loan_service`) once the loan's money has arrived, on the card
 *   it was paid out to — each a line of its own, never added to the principal;
 * - refundable in full within the window (14 days from the payment, by the clock): the acquirer gives the
 *   very amount paid back to the card, exactly once.
 */
export class LoanPaidServicesService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: { payments: PaymentsService; notifications: NotificationsService; audit: AuditService },
  ) {}

  /** The public catalog. */
  async catalog(): Promise<{ items: LoanServiceView[] }> {
    const rows: ServiceRow[] = await this.ds.query('SELECT * FROM loan_services WHERE active ORDER BY position, code');
    return { items: rows.map((r) => ({ code: r.code, name: r.name, description: r.description, price: rub(r.price), refundDays: r.refund_days })) };
  }

  /**
   * Replaces a draft's selection with exactly the codes named (in the caller's transaction). An unknown
   * code is a 400 naming the field; nothing is ever added that the request did not name.
   */
  async select(em: EntityManager, l: LoanRow, codes: string[]): Promise<void> {
    const wanted = [...new Set(codes)];
    const rows: ServiceRow[] = wanted.length ? await em.query('SELECT * FROM loan_services WHERE active AND code = ANY($1)', [wanted]) : [];
    const known = new Map(rows.map((r) => [r.code, r]));
    const errors = codes.flatMap((c, i) => (known.has(c) ? [] : [{ field: `services.${i}`, code: 'isIn', message: `unknown service "${c}": see GET /loans/services` }]));
    if (errors.length) throw AppError.validation(errors);
    await em.query(`DELETE FROM loan_service_purchases WHERE loan_id = $1 AND status = 'selected' AND NOT (service_code = ANY($2))`, [l.id, wanted]);
    for (const r of rows) {
      await em.query(
        `INSERT INTO loan_service_purchases (customer_id, loan_id, service_code, price, refund_days, status, created_at) VALUES ($1, $2, $3, $4, $5, 'selected', $6)
         ON CONFLICT (loan_id, service_code) DO NOTHING`,
        [l.customer_id, l.id, r.code, r.price, r.refund_days, this.clock.now()],
      );
    }
  }

  /** A loan's services as the loan page shows them. */
  async linesOf(em: EntityManager, loanId: string): Promise<LoanServiceLine[]> {
    const rows = await this.purchases(em, loanId);
    const now = this.clock.now();
    return rows.map((r) => ({
      code: r.service_code,
      name: r.name,
      price: rub(r.price),
      status: r.status,
      paymentId: r.payment_id,
      paidAt: r.paid_at?.toISOString() ?? null,
      refundableUntil: r.refund_until?.toISOString() ?? null,
      refundable: r.status === 'paid' && !!r.refund_until && now <= r.refund_until,
      refundedAt: r.refunded_at?.toISOString() ?? null,
    }));
  }

  /**
   * Charges the services chosen on a loan whose money has arrived (`active`), each as its own payment by
   * the card the loan was paid out to. A charge already started is not started again (the claim in the
   * payment's transaction), so this may run from the payout and from the daily job alike.
   */
  async charge(loanId: string): Promise<number> {
    const [l]: LoanRow[] = await this.ds.query('SELECT * FROM loans WHERE id = $1', [loanId]);
    if (!l || !['active', 'overdue'].includes(l.status) || !l.card_id) return 0;
    const rows = (await this.purchases(this.ds.manager, loanId)).filter((r) => r.status === 'selected');
    let n = 0;
    for (const r of rows) {
      try {
        await this.deps.payments.createForLoan(l.customer_id, {
          loanId,
          purpose: 'loan_service',
          amount: BigInt(r.price),
          method: 'saved_card',
          cardId: l.card_id,
          returnUrl: `/loans/${loanId}?payment={id}`,
          description: `${r.name} (к займу ${loanNumber(l.number)}, отдельно от займа)`,
          prepare: async (tx, paymentId) => {
            const claimed = await tx.query(`UPDATE loan_service_purchases SET status = 'pending', payment_id = $2 WHERE id = $1 AND status = 'selected' RETURNING id`, [r.id, paymentId]);
            if (!claimed[0].length) throw new AppError('conflict', 409, 'This service is already being charged.');
          },
        });
        n++;
      } catch (err) {
        // A charge someone else started, or the acquirer down (the payment is then canceled and the line `failed`): the loan goes on.
        if (!(err instanceof AppError)) throw err;
      }
    }
    return n;
  }

  /** Loans with money out whose chosen services were not charged yet (a payout settled by callback, say). A job's step. */
  async chargeOutstanding(): Promise<number> {
    const rows: { loan_id: string }[] = await this.ds.query(
      `SELECT DISTINCT s.loan_id FROM loan_service_purchases s JOIN loans l ON l.id = s.loan_id WHERE s.status = 'selected' AND l.status IN ('active', 'overdue') AND l.card_id IS NOT NULL LIMIT 200`,
    );
    let n = 0;
    for (const r of rows) n += await this.charge(r.loan_id);
    return n;
  }

  /** A service payment settled (in the payments module's transaction). */
  async onPayment(em: EntityManager, p: PaymentRow, succeeded: boolean): Promise<{ messages: string[]; refund: bigint }> {
    const [r]: PurchaseRow[] = await em.query(
      `${PURCHASE} WHERE s.payment_id = $1 FOR UPDATE OF s`,
      [p.id],
    );
    if (!r || r.status !== 'pending') return { messages: [], refund: 0n };
    const now = this.clock.now();
    if (!succeeded) {
      await em.query(`UPDATE loan_service_purchases SET status = 'failed' WHERE id = $1`, [r.id]);
      return { messages: [], refund: 0n };
    }
    const until = new Date(now.getTime() + r.refund_days * DAY_MS);
    await em.query(`UPDATE loan_service_purchases SET status = 'paid', paid_at = $2, refund_until = $3 WHERE id = $1`, [r.id, now, until]);
    const body = `Оплачена услуга «${r.name}»: ${formatRub(BigInt(r.price))}, отдельно от займа. Отказаться с полным возвратом можно до ${ruDateTime(until)} в личном кабинете.`;
    return { messages: await this.tell(em, r, 'Дополнительная услуга оплачена', body), refund: 0n };
  }

  /**
   * The borrower gives up a paid service within its window: the full price goes back to the card it was
   * paid with, once. Someone else's loan or an unknown code: 404; past the window: 409
   * `service_refund_period_over`; already refunded: 409 `service_already_refunded`.
   */
  async refund(customerId: string, loanId: string, code: string, meta: RequestMeta): Promise<LoanServiceLine> {
    await loanOf(this.ds.manager, customerId, loanId); // 404 when not the caller's
    const [r] = (await this.purchases(this.ds.manager, loanId)).filter((x) => x.service_code === code);
    if (!r) throw AppError.notFound('The service on this loan');
    const refused = (x: PurchaseRow) => {
      if (x.status === 'refunded') return new AppError('service_already_refunded', 409, 'This service was already refunded.');
      if (x.status !== 'paid' || !x.payment_id) return new AppError('service_not_paid', 409, 'This service was not paid for: there is nothing to refund.');
      if (!x.refund_until || this.clock.now() > x.refund_until) {
        return new AppError('service_refund_period_over', 409, `The refund window of ${x.refund_days} days ended on ${x.refund_until?.toISOString() ?? '—'}.`);
      }
      return null;
    };
    const early = refused(r);
    if (early) throw early;
    const messages: string[] = [];
    await this.deps.payments.refund(r.payment_id!, BigInt(r.price), `Возврат за услугу «${r.name}»`, {
      inTx: async (em) => {
        // Checked again under the locks: of two refunds at once, the second finds it refunded.
        const [x]: PurchaseRow[] = await em.query(`${PURCHASE} WHERE s.id = $1 FOR UPDATE OF s`, [r.id]);
        const no = refused(x);
        if (no) throw no;
        const now = this.clock.now();
        await em.query(`UPDATE loan_service_purchases SET status = 'refunded', refunded_at = $2, refunded_amount = price WHERE id = $1`, [x.id, now]);
        await this.deps.audit.record(em, {
          action: 'loan_service_refunded',
          customerId,
          ip: meta.ip,
          details: { loanId, service: code, paymentId: x.payment_id, amount: Number(x.price) },
        });
        const body = `Вы отказались от услуги «${x.name}». ${formatRub(BigInt(x.price))} вернутся на карту, которой она оплачена.`;
        messages.push(...(await this.tell(em, x, 'Возврат за дополнительную услугу', body)));
      },
    });
    await this.deps.notifications.deliver(messages);
    const lines = await this.linesOf(this.ds.manager, loanId);
    return lines.find((x) => x.code === code)!;
  }

  private purchases(em: EntityManager, loanId: string): Promise<PurchaseRow[]> {
    return em.query(`${PURCHASE} WHERE s.loan_id = $1 ORDER BY c.position, s.service_code`, [loanId]);
  }

  private async tell(em: EntityManager, r: PurchaseRow, title: string, body: string): Promise<string[]> {
    const [c] = await em.query('SELECT phone FROM customers WHERE id = $1', [r.customer_id]);
    return this.deps.notifications.notify(em, { event: 'loan.status', customerId: r.customer_id, title, body, link: `/loans/${r.loan_id}`, sms: c?.phone });
  }
}

function ruDateTime(d: Date): string {
  return d.toLocaleString('ru-RU', { timeZone: 'Europe/Moscow', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}
