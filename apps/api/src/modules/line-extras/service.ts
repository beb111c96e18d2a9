import type { DataSource, EntityManager } from 'typeorm';
import {
  LineExtrasLimits,
  type BlacklistView,
  type ContentServiceListView,
  type ContentServiceView,
  type IntegratorBlacklistView,
} from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { rub } from '../../platform/money';
import { normalizePhone } from '../../platform/phone';
import type { AccountsService } from '../accounts';
import type { AuditService } from '../audit';
import type { LedgerService } from '../ledger';

interface Ctx {
  customerId: string;
  ip: string | null;
}

interface LineRef {
  accountId: string;
  lineId: string;
}

interface Line {
  id: string;
  account_id: string;
  customer_id: string;
  msisdn: string;
  period_start: Date;
}

interface ContentRow {
  id: string;
  line_id: string;
  account_id: string;
  title: string;
  provider: string;
  kind: 'subscription' | 'content';
  price: string;
  status: 'active' | 'off';
  connected_at: Date;
  switched_off_at: Date | null;
  charged: string;
}

/**
 * The call blacklist and the paid content services of a mobile line (issue 10). Every fee goes through
 * the ledger (kind `service_fee`), once per line period: the ref names the period, so switching the
 * blacklist off and on again, or running the job twice, charges once.
 */
export class LineExtrasService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: { accounts: AccountsService; ledger: LedgerService; audit: AuditService },
  ) {}

  // ---- blacklist ----

  async blacklist(customerId: string, ref: LineRef): Promise<BlacklistView> {
    return this.ds.transaction(async (em) => {
      await this.deps.accounts.access(em, customerId, ref.accountId);
      const line = await this.line(em, ref);
      return this.blacklistOf(em, line.id);
    });
  }

  /** On: the period's fee is charged (once per period; 409 `insufficient_funds` changes nothing). Off: nothing is refunded. */
  async switchBlacklist(ctx: Ctx, ref: LineRef, enabled: boolean): Promise<BlacklistView> {
    return this.ds.transaction(async (em) => {
      const access = await this.deps.accounts.actor(em, ctx.customerId, ref.accountId, ref.lineId);
      const line = await this.line(em, ref);
      const row = await this.lockBlacklist(em, line);
      if (enabled && !row.enabled) {
        if (access.account.status !== 'active') throw new AppError('account_not_active', 409, `The account is ${access.account.status}; the blacklist cannot be switched on now.`);
        await this.chargeBlacklist(em, line);
      }
      await em.query('UPDATE line_blacklists SET enabled = $2, updated_at = $3 WHERE line_id = $1', [line.id, enabled, this.clock.now()]);
      if (row.enabled !== enabled) {
        await this.deps.audit.record(em, { action: 'blacklist_switched', customerId: line.customer_id, actorId: ctx.customerId, ip: ctx.ip, details: { line: line.id, enabled } });
      }
      return this.blacklistOf(em, line.id);
    });
  }

  async addToBlacklist(ctx: Ctx, ref: LineRef, input: { msisdn: string; note?: string }): Promise<BlacklistView> {
    const msisdn = normalizePhone(input.msisdn);
    if (!msisdn) throw AppError.validation([{ field: 'msisdn', code: 'isPhone', message: 'msisdn must be a Russian mobile number, e.g. 8 921 000-00-00' }]);
    return this.ds.transaction(async (em) => {
      await this.deps.accounts.actor(em, ctx.customerId, ref.accountId, ref.lineId);
      const line = await this.line(em, ref);
      if (msisdn === line.msisdn) throw AppError.validation([{ field: 'msisdn', code: 'ownNumber', message: 'A line cannot block its own number.' }]);
      await this.lockBlacklist(em, line); // serialises additions: the cap holds under concurrency
      const [{ n }] = await em.query('SELECT count(*)::int AS n FROM line_blacklist_numbers WHERE line_id = $1', [line.id]);
      if (n >= LineExtrasLimits.blacklistMax) throw new AppError('blacklist_full', 409, `The blacklist holds at most ${LineExtrasLimits.blacklistMax} numbers; remove some first.`);
      const inserted = await em.query(
        `INSERT INTO line_blacklist_numbers (line_id, msisdn, customer_id, note, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING msisdn`,
        [line.id, msisdn, line.customer_id, input.note?.trim() || null, this.clock.now()],
      );
      if (!inserted.length) throw new AppError('blacklist_number_exists', 409, 'This number is on the blacklist already.');
      await em.query('UPDATE line_blacklists SET updated_at = $2 WHERE line_id = $1', [line.id, this.clock.now()]);
      await this.deps.audit.record(em, { action: 'blacklist_changed', customerId: line.customer_id, actorId: ctx.customerId, ip: ctx.ip, details: { line: line.id, added: msisdn } });
      return this.blacklistOf(em, line.id);
    });
  }

  async removeFromBlacklist(ctx: Ctx, ref: LineRef, rawMsisdn: string): Promise<void> {
    await this.ds.transaction(async (em) => {
      await this.deps.accounts.actor(em, ctx.customerId, ref.accountId, ref.lineId);
      const line = await this.line(em, ref);
      const msisdn = normalizePhone(rawMsisdn);
      if (!msisdn) throw AppError.notFound('The number');
      const [rows] = await em.query('DELETE FROM line_blacklist_numbers WHERE line_id = $1 AND msisdn = $2 RETURNING msisdn', [line.id, msisdn]);
      if (!(rows as unknown[]).length) throw AppError.notFound('The number');
      await em.query('UPDATE line_blacklists SET updated_at = $2 WHERE line_id = $1', [line.id, this.clock.now()]);
      await this.deps.audit.record(em, { action: 'blacklist_changed', customerId: line.customer_id, actorId: ctx.customerId, ip: ctx.ip, details: { line: line.id, removed: msisdn } });
    });
  }

  /** For the network integrator (`lines:read`): what a switch should block for this number. Cross-customer by design. */
  async integratorBlacklist(rawMsisdn: string): Promise<IntegratorBlacklistView> {
    const msisdn = normalizePhone(rawMsisdn);
    const [line] = msisdn ? await this.ds.query('SELECT id, msisdn FROM mobile_lines WHERE msisdn = $1', [msisdn]) : [];
    if (!line) throw AppError.notFound('The line');
    const [bl] = await this.ds.query('SELECT enabled, updated_at FROM line_blacklists WHERE line_id = $1', [line.id]);
    const numbers: { msisdn: string }[] = await this.ds.query('SELECT msisdn FROM line_blacklist_numbers WHERE line_id = $1 ORDER BY msisdn', [line.id]);
    return { msisdn: line.msisdn, enabled: !!bl?.enabled, numbers: numbers.map((n) => n.msisdn), updatedAt: bl?.updated_at?.toISOString() ?? null };
  }

  // ---- content services ----

  async contentServices(customerId: string, ref: LineRef): Promise<ContentServiceListView> {
    return this.ds.transaction(async (em) => {
      await this.deps.accounts.access(em, customerId, ref.accountId);
      const line = await this.line(em, ref);
      const rows = await this.contentRows(em, line.id);
      const items = rows.map(toContentView);
      const total = rows.filter((r) => r.status === 'active').reduce((s, r) => s + BigInt(r.price), 0n);
      return { items, monthlyTotal: rub(total) };
    });
  }

  /** One click: the service stops and charges no more (what was charged this period stays charged). */
  async switchOffContent(ctx: Ctx, ref: LineRef, serviceId: string): Promise<ContentServiceView> {
    return this.ds.transaction(async (em) => {
      await this.deps.accounts.actor(em, ctx.customerId, ref.accountId, ref.lineId);
      const line = await this.line(em, ref);
      const [rows] = await em.query(
        `UPDATE line_content_services SET status = 'off', switched_off_at = $3 WHERE id = $1 AND line_id = $2 AND status = 'active' RETURNING id`,
        [serviceId, line.id, this.clock.now()],
      );
      if (!(rows as unknown[]).length) {
        const [exists] = await em.query('SELECT 1 FROM line_content_services WHERE id = $1 AND line_id = $2', [serviceId, line.id]);
        if (!exists) throw AppError.notFound('The service');
        throw new AppError('content_service_off', 409, 'This service is off already.');
      }
      await this.deps.audit.record(em, { action: 'content_service_switched_off', customerId: line.customer_id, actorId: ctx.customerId, ip: ctx.ip, details: { line: line.id, service: serviceId } });
      const row = (await this.contentRows(em, line.id)).find((r) => r.id === serviceId) as ContentRow;
      return toContentView(row);
    });
  }

  /** A content provider connects a service to a line (the seed, a provider's integration): charged for the current period at once. */
  async connectContent(em: EntityManager, input: { lineId: string; title: string; provider: string; kind: 'subscription' | 'content'; price: bigint }): Promise<string> {
    const [line]: Line[] = await em.query('SELECT id, account_id, customer_id, msisdn, period_start FROM mobile_lines WHERE id = $1', [input.lineId]);
    if (!line) throw AppError.notFound('The line');
    const [row] = await em.query(
      `INSERT INTO line_content_services (line_id, customer_id, account_id, title, provider, kind, price, connected_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [line.id, line.customer_id, line.account_id, input.title, input.provider, input.kind, input.price.toString(), this.clock.now()],
    );
    await this.chargeContent(em, { id: row.id, account_id: line.account_id, title: input.title, price: input.price.toString() }, line.period_start);
    return row.id;
  }

  /**
   * The job: every blacklist that is on and every active content service pays its line's current period
   * once (the ledger ref is the period). One that the balance cannot pay is switched off.
   */
  async chargeDue(): Promise<{ charged: number; switchedOff: number }> {
    let charged = 0;
    let switchedOff = 0;
    const blacklists: { line_id: string }[] = await this.ds.query(
      `SELECT b.line_id FROM line_blacklists b JOIN mobile_lines l ON l.id = b.line_id
        WHERE b.enabled AND l.status = 'active' AND (b.charged_period IS NULL OR b.charged_period < l.period_start)`,
    );
    for (const { line_id } of blacklists) {
      await this.ds.transaction(async (em) => {
        const [line]: Line[] = await em.query('SELECT id, account_id, customer_id, msisdn, period_start FROM mobile_lines WHERE id = $1', [line_id]);
        const [bl] = await em.query('SELECT enabled, charged_period FROM line_blacklists WHERE line_id = $1 FOR UPDATE', [line_id]);
        if (!bl?.enabled || (bl.charged_period && bl.charged_period >= line.period_start)) return;
        try {
          if (await this.chargeBlacklist(em, line)) charged++;
        } catch (err) {
          if (!(err instanceof AppError && err.code === 'insufficient_funds')) throw err;
          await em.query('UPDATE line_blacklists SET enabled = false, updated_at = $2 WHERE line_id = $1', [line_id, this.clock.now()]);
          await this.deps.audit.record(em, { action: 'blacklist_switched', customerId: line.customer_id, details: { line: line_id, enabled: false, reason: 'insufficient_funds' } });
          switchedOff++;
        }
      });
    }
    const services: { id: string }[] = await this.ds.query(
      `SELECT s.id FROM line_content_services s JOIN mobile_lines l ON l.id = s.line_id
        WHERE s.status = 'active' AND l.status = 'active' AND (s.charged_period IS NULL OR s.charged_period < l.period_start)`,
    );
    for (const { id } of services) {
      await this.ds.transaction(async (em) => {
        const [s] = await em.query(
          `SELECT s.id, s.account_id, s.title, s.price, s.status, l.period_start FROM line_content_services s JOIN mobile_lines l ON l.id = s.line_id WHERE s.id = $1 FOR UPDATE OF s`,
          [id],
        );
        if (s.status !== 'active') return;
        try {
          if (await this.chargeContent(em, s, s.period_start)) charged++;
        } catch (err) {
          if (!(err instanceof AppError && err.code === 'insufficient_funds')) throw err;
          await em.query(`UPDATE line_content_services SET status = 'off', switched_off_at = $2 WHERE id = $1`, [id, this.clock.now()]);
          switchedOff++;
        }
      });
    }
    return { charged, switchedOff };
  }

  // ---- inside ----

  private async line(em: EntityManager, ref: LineRef): Promise<Line> {
    const [line]: Line[] = await em.query('SELECT id, account_id, customer_id, msisdn, period_start FROM mobile_lines WHERE id = $1 AND account_id = $2', [ref.lineId, ref.accountId]);
    if (!line) throw AppError.notFound('The line');
    return line;
  }

  private async lockBlacklist(em: EntityManager, line: Line): Promise<{ enabled: boolean; charged_period: Date | null }> {
    await em.query(
      'INSERT INTO line_blacklists (line_id, customer_id, account_id, enabled, updated_at) VALUES ($1, $2, $3, false, $4) ON CONFLICT (line_id) DO NOTHING',
      [line.id, line.customer_id, line.account_id, this.clock.now()],
    );
    const [row] = await em.query('SELECT enabled, charged_period FROM line_blacklists WHERE line_id = $1 FOR UPDATE', [line.id]);
    return row;
  }

  private async chargeBlacklist(em: EntityManager, line: Line): Promise<boolean> {
    const posted = await this.deps.ledger.post(em, {
      accountId: line.account_id,
      amount: -BigInt(LineExtrasLimits.blacklistFee),
      kind: 'service_fee',
      ref: `blacklist:${line.id}:${line.period_start.toISOString()}`,
      description: `Чёрный список для ${line.msisdn} с ${line.period_start.toISOString().slice(0, 10)}`,
    });
    await em.query('UPDATE line_blacklists SET charged_period = $2 WHERE line_id = $1', [line.id, line.period_start]);
    return posted.posted;
  }

  private async chargeContent(em: EntityManager, s: { id: string; account_id: string; title: string; price: string }, periodStart: Date): Promise<boolean> {
    const posted = await this.deps.ledger.post(em, {
      accountId: s.account_id,
      amount: -BigInt(s.price),
      kind: 'service_fee',
      ref: `content:${s.id}:${periodStart.toISOString()}`,
      description: `Подписка «${s.title}» с ${periodStart.toISOString().slice(0, 10)}`,
    });
    await em.query('UPDATE line_content_services SET charged_period = $2 WHERE id = $1', [s.id, periodStart]);
    return posted.posted;
  }

  private async blacklistOf(em: EntityManager, lineId: string): Promise<BlacklistView> {
    const [bl] = await em.query('SELECT enabled FROM line_blacklists WHERE line_id = $1', [lineId]);
    const items: { msisdn: string; note: string | null; created_at: Date }[] = await em.query(
      'SELECT msisdn, note, created_at FROM line_blacklist_numbers WHERE line_id = $1 ORDER BY created_at DESC, msisdn',
      [lineId],
    );
    return {
      lineId,
      enabled: !!bl?.enabled,
      fee: rub(LineExtrasLimits.blacklistFee),
      count: items.length,
      max: LineExtrasLimits.blacklistMax,
      items: items.map((i) => ({ msisdn: i.msisdn, note: i.note, createdAt: i.created_at.toISOString() })),
    };
  }

  private async contentRows(em: EntityManager, lineId: string): Promise<ContentRow[]> {
    return em.query(
      `SELECT s.*, coalesce((SELECT -sum(e.amount) FROM ledger_entries e WHERE e.account_id = s.account_id AND e.kind = 'service_fee' AND e.ref LIKE 'content:' || s.id || ':%'), 0)::text AS charged
         FROM line_content_services s WHERE s.line_id = $1 ORDER BY s.status, s.connected_at DESC, s.id`,
      [lineId],
    );
  }
}

function toContentView(r: ContentRow): ContentServiceView {
  return {
    id: r.id,
    title: r.title,
    provider: r.provider,
    kind: r.kind,
    price: rub(r.price),
    status: r.status,
    connectedAt: r.connected_at.toISOString(),
    switchedOffAt: r.switched_off_at?.toISOString() ?? null,
    charged: rub(r.charged),
  };
}
