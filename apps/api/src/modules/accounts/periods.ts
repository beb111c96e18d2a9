import type { DataSource, EntityManager } from 'typeorm';
import { ServiceLimits } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import type { AuditService } from '../audit';
import type { EventPublisher } from '../integrations';
import type { LedgerService } from '../ledger';
import { addMonths } from './service';

const DAY = 24 * 3600_000;
const BATCH = 200;

/**
 * Billing periods. A job calls `runDue` every few minutes: every line and contract whose period has
 * ended gets its next one — a scheduled tariff change applied, the monthly fee charged once (the ledger
 * ref is the period), packages reset. Rows are taken with SKIP LOCKED, so several API nodes may run it
 * at once; running it twice charges once.
 */
export class PeriodsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: { ledger: LedgerService; audit: AuditService; events?: EventPublisher },
  ) {}

  async runDue(): Promise<{ lines: number; contracts: number; blockFees: number }> {
    const lines = await this.drain('mobile_lines', (em, id) => this.rollLine(em, id));
    const contracts = await this.drain('internet_contracts', (em, id) => this.rollContract(em, id));
    return { lines, contracts, blockFees: await this.chargeBlockFees() };
  }

  /** Rolls every due row of the table, a batch per transaction, skipping rows another node holds. */
  private async drain(table: 'mobile_lines' | 'internet_contracts', roll: (em: EntityManager, id: string) => Promise<void>): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.ds.transaction(async (em) => {
        const due: { id: string }[] = await em.query(
          `SELECT id FROM ${table} WHERE period_end <= $1 ORDER BY period_end LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
          [this.clock.now()],
        );
        for (const { id } of due) await roll(em, id);
        return due.length;
      });
      total += n;
      if (n < BATCH) return total;
    }
  }

  /** Charges the fee if the balance allows; otherwise the subscription is blocked for debt. */
  private async charge(em: EntityManager, accountId: string, amount: bigint, ref: string, description: string): Promise<boolean> {
    if (amount <= 0n) return true;
    try {
      await this.deps.ledger.post(em, { accountId, amount: -amount, kind: 'monthly_fee', ref, description });
      return true;
    } catch (err) {
      if (err instanceof AppError && err.code === 'insufficient_funds') return false;
      throw err;
    }
  }

  /**
   * After money came in (a payment, a promised payment): lines blocked for debt are unblocked and an
   * internet contract suspended for debt (or running on a deferred payment) pays this period's fee (the same ledger ref the period job
   * uses, so it is never charged twice) and resumes — each only if the balance now allows it. Runs in
   * the caller's transaction; `debtOpen` (an overdue promised payment) keeps the lines blocked. Returns the balance
   * after it all (null: no such account).
   */
  async resumeAfterCredit(em: EntityManager, accountId: string, opts: { debtOpen?: boolean } = {}): Promise<bigint | null> {
    const now = this.clock.now();
    // One round trip for the usual case (nothing was blocked or suspended): the balance, the lines unblocked if it
    // allows, and the contracts waiting for money, locked.
    const [row]: { balance: string | null; contracts: { id: string; tariff_id: string; period_start: string; period_end: string }[] }[] = await em.query(
      `WITH acc AS (SELECT balance FROM accounts WHERE id = $1),
       unblocked AS (
         UPDATE mobile_lines SET status = 'active', block_reason = NULL, blocked_at = NULL
          WHERE account_id = $1 AND status = 'blocked' AND block_reason = 'debt' AND NOT $2::boolean AND (SELECT balance FROM acc) >= 0
         RETURNING 1
       ),
       waiting AS (
         SELECT id, tariff_id, period_start, period_end FROM internet_contracts
          WHERE account_id = $1 AND ((status = 'suspended' AND suspend_reason = 'debt') OR deferred_until IS NOT NULL) FOR UPDATE
       )
       SELECT (SELECT balance FROM acc) AS balance, (SELECT count(*) FROM unblocked) AS unblocked,
              coalesce((SELECT json_agg(json_build_object('id', id, 'tariff_id', tariff_id, 'period_start', period_start, 'period_end', period_end) ORDER BY id) FROM waiting), '[]'::json) AS contracts`,
      [accountId, !!opts.debtOpen],
    );
    if (row.balance === null) return null;
    const contracts = row.contracts.map((c) => ({ id: c.id, tariff_id: c.tariff_id, period_start: new Date(c.period_start), period_end: new Date(c.period_end) }));
    for (const c of contracts) {
      const [t] = await em.query('SELECT name, monthly_fee FROM tariffs WHERE id = $1', [c.tariff_id]);
      const ref = `monthly:${c.id}:${c.period_start.toISOString()}`;
      if (!(await this.charge(em, accountId, BigInt(t.monthly_fee), ref, `Абонентская плата «${t.name}» с ${c.period_start.toISOString().slice(0, 10)}`))) continue;
      await em.query(`UPDATE internet_contracts SET status = 'active', suspend_reason = NULL, suspended_at = NULL, deferred_until = NULL WHERE id = $1`, [c.id]);
      await em.query('UPDATE accounts SET paid_until = greatest(paid_until, $2::date) WHERE id = $1', [accountId, c.period_end.toISOString().slice(0, 10)]);
      await this.deps.audit.record(em, { action: 'contract_resumed', details: { contractId: c.id, after: 'payment', at: now.toISOString() } });
    }
    if (!contracts.length) return BigInt(row.balance);
    const [acc]: { balance: string }[] = await em.query('SELECT balance FROM accounts WHERE id = $1', [accountId]);
    return BigInt(acc.balance);
  }

  /** One period forward (a line far behind catches up one period per pass of the loop). */
  private async rollLine(em: EntityManager, lineId: string): Promise<void> {
    const [line] = await em.query('SELECT * FROM mobile_lines WHERE id = $1', [lineId]);
    const start: Date = line.period_end;
    const end = addMonths(start, 1);
    let tariffId: string = line.tariff_id;
    const [change] = await em.query(
      `UPDATE scheduled_tariff_changes SET status = 'applied', settled_at = $2 WHERE line_id = $1 AND status = 'scheduled' AND effective_at <= $3 RETURNING tariff_id`,
      [lineId, this.clock.now(), start],
    ).then((r: [{ tariff_id: string }[], number]) => r[0]);
    if (change) {
      tariffId = change.tariff_id;
      await em.query(`DELETE FROM line_options lo WHERE lo.line_id = $1 AND NOT EXISTS (SELECT 1 FROM tariff_option_fits f WHERE f.option_id = lo.option_id AND f.tariff_id = $2)`, [lineId, tariffId]);
    }
    const [t] = await em.query('SELECT name, monthly_fee, change_fee, minutes, sms, mb FROM tariffs WHERE id = $1', [tariffId]);
    const [o] = await em.query(
      `SELECT coalesce(sum(o.monthly_fee), 0) AS fee, coalesce(sum(o.minutes), 0)::int AS minutes, coalesce(sum(o.sms), 0)::int AS sms, coalesce(sum(o.mb), 0)::int AS mb
         FROM line_options lo JOIN tariff_options o ON o.id = lo.option_id WHERE lo.line_id = $1`,
      [lineId],
    );
    let status: string = line.status;
    let blockReason: string | null = line.block_reason;
    if (status === 'active') {
      const fee = BigInt(t.monthly_fee) + BigInt(o.fee) + (change ? BigInt(t.change_fee) : 0n);
      const paid = await this.charge(em, line.account_id, fee, `monthly:${lineId}:${start.toISOString()}`, `Абонентская плата «${t.name}» с ${start.toISOString().slice(0, 10)}`);
      if (!paid) {
        status = 'blocked';
        blockReason = 'debt';
      }
    }
    const fresh = status === 'active';
    await em.query(
      `UPDATE mobile_lines SET tariff_id = $2, period_start = $3, period_end = $4, minutes_left = $5, sms_left = $6, mb_left = $7,
              status = $8::varchar, block_reason = $9, blocked_at = CASE WHEN $8::varchar = 'blocked' AND status = 'active' THEN $3 ELSE blocked_at END
        WHERE id = $1`,
      [lineId, tariffId, start, end, fresh ? t.minutes + o.minutes : 0, fresh ? t.sms + o.sms : 0, fresh ? t.mb + o.mb : 0, status, blockReason],
    );
    if (line.status === 'active' && status === 'blocked') {
      const [a] = await em.query('SELECT number FROM accounts WHERE id = $1', [line.account_id]);
      await this.deps.events?.publish(em, 'account.blocked', { accountId: line.account_id, accountNumber: a?.number, lineId, msisdn: line.msisdn, reason: 'debt', blockedAt: this.clock.now().toISOString() });
    }
  }

  private async rollContract(em: EntityManager, contractId: string): Promise<void> {
    const [c] = await em.query('SELECT * FROM internet_contracts WHERE id = $1', [contractId]);
    const start: Date = c.period_end;
    const end = addMonths(start, 1);
    let tariffId: string = c.tariff_id;
    const [change] = await em.query(
      `UPDATE scheduled_tariff_changes SET status = 'applied', settled_at = $2 WHERE contract_id = $1 AND status = 'scheduled' AND effective_at <= $3 RETURNING tariff_id`,
      [contractId, this.clock.now(), start],
    ).then((r: [{ tariff_id: string }[], number]) => r[0]);
    if (change) tariffId = change.tariff_id;
    const [t] = await em.query('SELECT name, monthly_fee, change_fee FROM tariffs WHERE id = $1', [tariffId]);
    let status: string = c.status;
    let reason: string | null = c.suspend_reason;
    let paidUntil: string | null = null;
    if (status === 'active') {
      const fee = BigInt(t.monthly_fee) + (change ? BigInt(t.change_fee) : 0n);
      if (await this.charge(em, c.account_id, fee, `monthly:${contractId}:${start.toISOString()}`, `Абонентская плата «${t.name}» с ${start.toISOString().slice(0, 10)}`)) {
        paidUntil = end.toISOString().slice(0, 10);
      } else if (!(c.deferred_until && c.deferred_until >= start.toISOString().slice(0, 10))) {
        // A deferred payment running past the period's start keeps the contract on; the fee waits for money.
        status = 'suspended';
        reason = 'debt';
      }
    }
    await em.query(
      `UPDATE internet_contracts SET tariff_id = $2, period_start = $3, period_end = $4, traffic_mb = 0, status = $5::varchar, suspend_reason = $6,
              suspended_at = CASE WHEN $5::varchar = 'suspended' AND status = 'active' THEN $3 ELSE suspended_at END WHERE id = $1`,
      [contractId, tariffId, start, end, status, reason],
    );
    if (paidUntil) await em.query('UPDATE accounts SET paid_until = $2 WHERE id = $1', [c.account_id, paidUntil]);
    if (c.status === 'active' && status === 'suspended') {
      const [a] = await em.query('SELECT number FROM accounts WHERE id = $1', [c.account_id]);
      await this.deps.events?.publish(em, 'account.blocked', { accountId: c.account_id, accountNumber: a?.number, contractId, contractNumber: c.contract_number, reason: 'debt', blockedAt: this.clock.now().toISOString() });
    }
  }

  /**
   * Voluntary blocks are free for 90 days, then cost a daily fee. Each day is one ledger entry whose ref
   * is the date, so a second run the same day charges nothing. Catches up at most a week per run.
   */
  async chargeBlockFees(): Promise<number> {
    const now = this.clock.now();
    const freeMs = ServiceLimits.voluntaryBlockFreeDays * DAY;
    const lines: { id: string; account_id: string; blocked_at: Date }[] = await this.ds.query(
      `SELECT id, account_id, blocked_at FROM mobile_lines WHERE status = 'blocked' AND block_reason = 'voluntary' AND blocked_at <= $1`,
      [new Date(now.getTime() - freeMs - DAY)],
    );
    let charged = 0;
    for (const l of lines) {
      const paidDays = Math.floor((now.getTime() - l.blocked_at.getTime() - freeMs) / DAY);
      await this.ds.transaction(async (em) => {
        for (let d = Math.max(0, paidDays - 7); d < paidDays; d++) {
          const day = new Date(l.blocked_at.getTime() + freeMs + d * DAY).toISOString().slice(0, 10);
          try {
            const r = await this.deps.ledger.post(em, { accountId: l.account_id, amount: -BigInt(ServiceLimits.voluntaryBlockDailyFee), kind: 'block_fee', ref: `block-fee:${l.id}:${day}`, description: `Добровольная блокировка, ${day}` });
            if (r.posted) charged++;
          } catch (err) {
            if (err instanceof AppError && err.code === 'insufficient_funds') break;
            throw err;
          }
        }
      });
    }
    return charged;
  }
}
