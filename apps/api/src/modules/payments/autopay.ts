import type { DataSource, EntityManager } from 'typeorm';
import { PaymentLimits, type AutopayRequest, type AutopayView } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { formatRub, rub } from '../../platform/money';
import type { AccountsService } from '../accounts';
import type { AuditService } from '../audit';
import { toCardView, type CardRow } from './cards';
import type { PaymentRow, PaymentsService } from './service';

const HOUR = 3600_000;
const MSK = 3 * HOUR;

interface RuleRow {
  id: string;
  customer_id: string;
  account_id: string;
  card_id: string;
  kind: 'threshold' | 'monthly';
  amount: string;
  threshold: string | null;
  day_of_month: number | null;
  status: 'active' | 'paused' | 'stopped';
  failures: number;
  last_run_at: Date | null;
  next_run_at: Date | null;
  created_at: Date;
}

/** The next `day` of a month at 10:00 Moscow time strictly after `after`. */
export function nextMonthlyRun(after: Date, day: number): Date {
  const msk = new Date(after.getTime() + MSK);
  for (let add = 0; add < 3; add++) {
    const at = new Date(Date.UTC(msk.getUTCFullYear(), msk.getUTCMonth() + add, day, 10) - MSK);
    if (at > after) return at;
  }
  throw new Error('unreachable');
}

/**
 * Autopay from a saved card: by threshold (top up X when the balance falls below Y) or monthly on a
 * day (the internet fee). A job runs what is due; a failed try is repeated the next day; after 3 failures
 * in a row the rule stops and the subscriber is told. The subscriber pauses, resumes or deletes it.
 */
export class AutopayService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: { accounts: AccountsService; payments: PaymentsService; audit: AuditService },
  ) {}

  async list(customerId: string, accountId: string): Promise<{ items: AutopayView[] }> {
    return this.ds.transaction(async (em) => {
      await this.deps.accounts.access(em, customerId, accountId);
      const rules: RuleRow[] = await em.query('SELECT * FROM autopay_rules WHERE account_id = $1 AND deleted_at IS NULL ORDER BY created_at', [accountId]);
      const items: AutopayView[] = [];
      for (const r of rules) items.push(await this.view(em, r)); // one connection: one query at a time
      return { items };
    });
  }

  async create(customerId: string, accountId: string, input: AutopayRequest): Promise<AutopayView> {
    const amount = BigInt(input.amount.amount);
    const errors = [];
    if (amount < BigInt(PaymentLimits.minAmount) || amount > BigInt(PaymentLimits.maxAmount)) errors.push({ field: 'amount.amount', code: 'range', message: `amount must be from ${formatRub(PaymentLimits.minAmount)} to ${formatRub(PaymentLimits.maxAmount)}` });
    if (input.kind === 'threshold') {
      if (!input.threshold) errors.push({ field: 'threshold', code: 'isDefined', message: 'threshold is required for a threshold rule' });
      else if (input.threshold.amount < 0 || input.threshold.amount > PaymentLimits.maxAmount) errors.push({ field: 'threshold.amount', code: 'range', message: 'threshold must be from 0 to 15 000 ₽' });
      if (input.dayOfMonth !== undefined) errors.push({ field: 'dayOfMonth', code: 'whitelist', message: 'dayOfMonth goes with a monthly rule only' });
    } else {
      if (input.dayOfMonth === undefined) errors.push({ field: 'dayOfMonth', code: 'isDefined', message: 'dayOfMonth is required for a monthly rule' });
      if (input.threshold !== undefined) errors.push({ field: 'threshold', code: 'whitelist', message: 'threshold goes with a threshold rule only' });
    }
    if (errors.length) throw AppError.validation(errors);
    return this.ds.transaction(async (em) => {
      await this.deps.accounts.actor(em, customerId, accountId);
      const [card] = await em.query('SELECT id FROM saved_cards WHERE id = $1 AND customer_id = $2 AND deleted_at IS NULL', [input.cardId, customerId]);
      if (!card) throw new AppError('card_not_found', 404, 'No such saved card.');
      const now = this.clock.now();
      const inserted = await em.query(
        `INSERT INTO autopay_rules (customer_id, account_id, card_id, kind, amount, threshold, day_of_month, next_run_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING *`,
        [customerId, accountId, input.cardId, input.kind, amount.toString(), input.threshold?.amount ?? null, input.dayOfMonth ?? null, input.kind === 'monthly' ? nextMonthlyRun(now, input.dayOfMonth as number) : now, now],
      );
      if (!inserted.length) throw new AppError('autopay_exists', 409, `This account already has a ${input.kind} autopay; change or delete it first.`);
      await this.deps.audit.record(em, { action: 'autopay_changed', customerId, details: { ruleId: inserted[0].id, created: input.kind } });
      return this.view(em, inserted[0]);
    });
  }

  async setStatus(customerId: string, accountId: string, id: string, status: 'active' | 'paused'): Promise<AutopayView> {
    return this.ds.transaction(async (em) => {
      await this.deps.accounts.actor(em, customerId, accountId);
      const [rule]: RuleRow[] = await em.query('SELECT * FROM autopay_rules WHERE id = $1 AND account_id = $2 AND deleted_at IS NULL FOR UPDATE', [id, accountId]);
      if (!rule) throw AppError.notFound('The autopay rule');
      const now = this.clock.now();
      if (status === 'active') {
        const [card] = await em.query('SELECT 1 FROM saved_cards WHERE id = $1 AND deleted_at IS NULL', [rule.card_id]);
        if (!card) throw new AppError('card_not_found', 409, 'The rule’s card was removed; delete the rule and make a new one with another card.');
      }
      const next = status === 'paused' ? null : rule.kind === 'monthly' ? nextMonthlyRun(now, rule.day_of_month as number) : now;
      const [[updated]] = await em.query('UPDATE autopay_rules SET status = $2::varchar, failures = CASE WHEN $2::varchar = \'active\' THEN 0 ELSE failures END, next_run_at = $3 WHERE id = $1 RETURNING *', [id, status, next]);
      await this.deps.audit.record(em, { action: 'autopay_changed', customerId, details: { ruleId: id, status } });
      return this.view(em, updated);
    });
  }

  async remove(customerId: string, accountId: string, id: string): Promise<void> {
    await this.ds.transaction(async (em) => {
      await this.deps.accounts.actor(em, customerId, accountId);
      const [rows] = await em.query('UPDATE autopay_rules SET deleted_at = $3, status = \'stopped\', next_run_at = NULL WHERE id = $1 AND account_id = $2 AND deleted_at IS NULL RETURNING id', [id, accountId, this.clock.now()]);
      if (!rows.length) throw AppError.notFound('The autopay rule');
      await this.deps.audit.record(em, { action: 'autopay_changed', customerId, details: { ruleId: id, deleted: true } });
    });
  }

  /** The job: starts a payment for every rule that is due. Returns how many were started. */
  async runDue(): Promise<number> {
    const now = this.clock.now();
    const due: RuleRow[] = await this.ds.query(
      `SELECT r.* FROM autopay_rules r JOIN accounts a ON a.id = r.account_id
        WHERE r.status = 'active' AND r.deleted_at IS NULL AND r.next_run_at <= $1 AND a.status <> 'closed'
          AND (r.kind = 'monthly' OR a.balance < r.threshold)
          AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.autopay_rule_id = r.id AND p.status = 'pending')
        ORDER BY r.next_run_at LIMIT 200`,
      [now],
    );
    let started = 0;
    for (const rule of due) {
      // Claim the run first (next time moves on), so two nodes never start the same run.
      const next = rule.kind === 'monthly' ? nextMonthlyRun(now, rule.day_of_month as number) : new Date(now.getTime() + HOUR);
      const [claimed] = await this.ds.query('UPDATE autopay_rules SET next_run_at = $3, last_run_at = $2 WHERE id = $1 AND next_run_at = $4 AND status = \'active\' RETURNING id', [rule.id, now, next, rule.next_run_at]);
      if (!claimed.length) continue;
      try {
        await this.deps.payments.create(rule.customer_id, { accountId: rule.account_id, amount: rub(rule.amount), method: 'saved_card', cardId: rule.card_id }, { source: 'autopay', autopayRuleId: rule.id });
        started++;
      } catch (err) {
        // The card or the account is gone: count it as a failed try.
        if (!(err instanceof AppError)) throw err;
        await this.ds.transaction((em) => this.outcome(em, rule.id, rule.account_id, false));
      }
    }
    return started;
  }

  /** An autopay payment ended; returns the SMS texts to send. */
  async onPaymentSettled(em: EntityManager, p: PaymentRow, succeeded: boolean): Promise<string[]> {
    return this.outcome(em, p.autopay_rule_id as string, p.account_id as string, succeeded, BigInt(p.amount), p.account_number ?? undefined);
  }

  private async outcome(em: EntityManager, ruleId: string, accountId: string, succeeded: boolean, amount?: bigint, accountNumber?: string): Promise<string[]> {
    if (succeeded) {
      await em.query('UPDATE autopay_rules SET failures = 0 WHERE id = $1', [ruleId]);
      return [];
    }
    const now = this.clock.now();
    const [[rule]] = await em.query(
      `UPDATE autopay_rules SET failures = failures + 1,
              status = CASE WHEN failures + 1 >= $2 THEN 'stopped' ELSE status END,
              next_run_at = CASE WHEN failures + 1 >= $2 THEN NULL ELSE $3::timestamptz END
        WHERE id = $1 RETURNING status, failures`,
      [ruleId, PaymentLimits.autopayMaxFailures, new Date(now.getTime() + 24 * HOUR)],
    );
    const number = accountNumber ?? (await em.query('SELECT number FROM accounts WHERE id = $1', [accountId]))[0].number;
    const sum = amount ? ` на ${formatRub(amount)}` : '';
    return [
      rule.status === 'stopped'
        ? `Автоплатёж${sum} по счёту ${number} не прошёл ${rule.failures} раза подряд и остановлен. Проверьте карту и включите его снова в личном кабинете.`
        : `Автоплатёж${sum} по счёту ${number} не прошёл. Попробуем ещё раз завтра.`,
    ];
  }

  private async view(em: EntityManager, r: RuleRow): Promise<AutopayView> {
    const [card]: CardRow[] = await em.query('SELECT * FROM saved_cards WHERE id = $1', [r.card_id]);
    return {
      id: r.id,
      accountId: r.account_id,
      kind: r.kind,
      card: toCardView(card),
      amount: rub(r.amount),
      threshold: r.threshold === null ? null : rub(r.threshold),
      dayOfMonth: r.day_of_month,
      status: r.status,
      failures: r.failures,
      lastRunAt: r.last_run_at?.toISOString() ?? null,
      nextRunAt: r.next_run_at?.toISOString() ?? null,
      createdAt: r.created_at.toISOString(),
    };
  }
}
