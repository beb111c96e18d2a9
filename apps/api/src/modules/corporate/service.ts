import type { DataSource, EntityManager } from 'typeorm';
import { CorporateLimits, type BindEmployeeRequest, type CompanyView, type CorporateLineView, type CreateCompanyRequest, type IntegratorLineView, type Money, type Page } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { formatRub, rub } from '../../platform/money';
import { normalizePhone } from '../../platform/phone';
import type { Access, AccountsService } from '../accounts';
import type { AuditService } from '../audit';
import type { NotificationsService } from '../notifications';

/** The reason a corporate line's restriction is recorded under (other restrictions are not ours to lift). */
export const LIMIT_REASON = 'spending_limit';

export interface CompanyRow {
  id: string;
  customer_id: string;
  account_id: string;
  name: string;
  inn: string;
  kpp: string;
  legal_address: string;
  created_at: Date;
}

interface LineRow {
  id: string;
  account_id: string;
  msisdn: string;
  operator: string;
  status: 'active' | 'blocked';
  block_reason: string | null;
  restriction: 'incoming_only' | null;
  restriction_reason: string | null;
  restricted_at: Date | null;
  period_start: Date;
  period_end: Date;
  tariff_name: string;
  employee_name: string | null;
  department: string | null;
  employee_phone: string | null;
  monthly_limit: string | null;
  spent: string;
}

/**
 * A line's spending: the charges (negative ledger entries) whose ref names the line. Every charge the
 * product makes for one line carries the line's id in its ref — monthly fee `monthly:<line>:…`, option
 * `option:<line>:…`, tariff change and proration `…:<line>:<time>`, usage `usage:<key>:<line>:…`, block
 * fee `block-fee:<line>:…` — so the ledger alone says whose spending a charge was. One pass over the
 * account's entries: the UUIDs in each ref are matched to the account's lines by a hash join (a lookup
 * per line and entry would cost lines × entries: 500 lines and 20 000 entries took 22 s that way).
 */
const UUID_RE = `'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'`;

/**
 * `spent(line_id, spent)`: charges per line of the accounts `accounts` (an SQL uuid[]) with `created_at`
 * from `since` (an SQL time, or `ml.period_start`: since each line's billing period began) and before
 * `until`. The refs' UUIDs are taken once per entry (materialized), then joined to the lines.
 */
export const spentCte = (accounts: string, since: string, until: string | null = null) => `
  refs AS MATERIALIZED (
    SELECT e.account_id, e.created_at, e.amount, m[1]::uuid AS id
      FROM ledger_entries e, regexp_matches(e.ref, ${UUID_RE}, 'g') AS m
     WHERE e.account_id = ANY(${accounts}) AND e.amount < 0
       AND e.created_at >= ${since === 'ml.period_start' ? `(SELECT min(period_start) FROM mobile_lines WHERE account_id = ANY(${accounts}))` : since}
       ${until ? `AND e.created_at < ${until}` : ''}),
  spent AS (
    SELECT ml.id AS line_id, -sum(r.amount) AS spent
      FROM refs r JOIN mobile_lines ml ON ml.id = r.id AND ml.account_id = r.account_id
     WHERE r.created_at >= ${since === 'ml.period_start' ? 'ml.period_start' : since}
     GROUP BY ml.id)`;

const LINES_SQL = `
  WITH ${spentCte('ARRAY[$1::uuid]', 'ml.period_start')}
  SELECT l.id, l.account_id, l.msisdn, l.operator, l.status, l.block_reason, l.restriction, l.restriction_reason, l.restricted_at,
         l.period_start, l.period_end, t.name AS tariff_name, cl.employee_name, cl.department, cl.monthly_limit, ec.phone AS employee_phone,
         coalesce(s.spent, 0) AS spent
    FROM mobile_lines l
    JOIN tariffs t ON t.id = l.tariff_id
    LEFT JOIN spent s ON s.line_id = l.id
    LEFT JOIN corporate_lines cl ON cl.line_id = l.id
    LEFT JOIN account_grants g ON g.id = cl.grant_id AND g.revoked_at IS NULL
    LEFT JOIN customers ec ON ec.id = g.grantee_id`;

const toLineView = (r: LineRow): CorporateLineView => ({
  lineId: r.id,
  msisdn: r.msisdn,
  operator: r.operator,
  tariffName: r.tariff_name,
  status: r.status,
  blockReason: r.block_reason,
  restriction: r.restriction,
  restrictionReason: r.restriction_reason,
  restrictedAt: r.restricted_at?.toISOString() ?? null,
  employee: r.employee_name !== null ? { name: r.employee_name, department: r.department ?? '', phone: r.employee_phone } : null,
  monthlyLimit: r.monthly_limit !== null ? rub(r.monthly_limit) : null,
  spent: rub(r.spent),
  periodStart: r.period_start.toISOString(),
  periodEnd: r.period_end.toISOString(),
});

/** What the caller may do in a company, by their grant on its account. */
export type CompanyRole = 'admin' | 'reader' | 'employee';
export const companyRole = (a: Access): CompanyRole =>
  a.role === 'owner' || a.role === 'account_manager' ? 'admin' : a.role === 'viewer' ? 'reader' : 'employee';

const FORBIDDEN_ADMIN = () => new AppError('forbidden', 403, 'Only the company’s administrators (the owner or an account manager) change lines, employees and limits.');
const FORBIDDEN_EMPLOYEE = () => new AppError('forbidden', 403, 'An employee sees only their own line; the company’s reports and documents are for its administrators and accountants.');

/**
 * The corporate cabinet: a company owns one mobile account (accounts module) whose lines are bound to
 * employees with monthly spending limits. Access is the account's: owner and account_manager
 * administer, viewer reads (an accountant), line_manager is an employee who sees only their line.
 */
export class CorporateService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: { accounts: AccountsService; notifications: NotificationsService; audit: AuditService },
  ) {}

  /** The company and the caller's access to its account; not yours = the same 404 as none. */
  async company(em: EntityManager, customerId: string, companyId: string, lock = false): Promise<{ company: CompanyRow; access: Access; role: CompanyRole }> {
    const [company]: CompanyRow[] = await em.query('SELECT * FROM companies WHERE id = $1', [companyId]);
    if (!company) throw AppError.notFound('The company');
    let access: Access;
    try {
      access = await this.deps.accounts.access(em, customerId, company.account_id, lock);
    } catch (err) {
      if (err instanceof AppError && err.status === 404) throw AppError.notFound('The company');
      throw err;
    }
    return { company, access, role: companyRole(access) };
  }

  /** As `company`, and the caller must not be an employee (reports, documents). */
  async reader(em: EntityManager, customerId: string, companyId: string): Promise<{ company: CompanyRow; access: Access }> {
    const c = await this.company(em, customerId, companyId);
    if (c.role === 'employee') throw FORBIDDEN_EMPLOYEE();
    return c;
  }

  private async admin(em: EntityManager, customerId: string, companyId: string): Promise<{ company: CompanyRow; access: Access }> {
    const c = await this.company(em, customerId, companyId, true);
    if (c.role === 'employee') throw FORBIDDEN_EMPLOYEE();
    if (c.role !== 'admin') throw FORBIDDEN_ADMIN();
    return c;
  }

  async create(customerId: string, input: CreateCompanyRequest, ip: string | null): Promise<CompanyView> {
    return this.ds.transaction(async (em) => {
      const access = await this.deps.accounts.access(em, customerId, input.accountId, true);
      if (access.role !== 'owner') throw new AppError('forbidden', 403, 'Only the owner of the account registers it as a company’s.');
      if (access.account.kind !== 'mobile') throw AppError.validation([{ field: 'accountId', code: 'isMobileAccount', message: 'A company’s lines live on a mobile account.' }]);
      const [exists] = await em.query('SELECT 1 FROM companies WHERE account_id = $1', [input.accountId]);
      if (exists) throw new AppError('company_exists', 409, 'This account belongs to a company already.');
      const [row] = await em.query(
        `INSERT INTO companies (customer_id, account_id, name, inn, kpp, legal_address, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [customerId, input.accountId, input.name.trim(), input.inn, input.kpp, input.legalAddress.trim(), this.clock.now()],
      );
      await this.deps.audit.record(em, { action: 'company_registered', customerId, ip, details: { companyId: row.id, accountId: input.accountId, inn: input.inn } });
      return (await this.views(em, customerId, row.id))[0];
    });
  }

  /** Companies whose account the caller owns or holds a grant on. Cross-customer read (a grantee sees the owner's company). */
  private async views(em: EntityManager, customerId: string, companyId: string | null): Promise<CompanyView[]> {
    const rows: (CompanyRow & { number: string; balance: string; access: CompanyView['access']; line_count: number })[] = await em.query(
      `SELECT c.*, a.number, a.balance, CASE WHEN a.customer_id = $1 THEN 'owner' ELSE g.level END AS access,
              (SELECT count(*)::int FROM mobile_lines l WHERE l.account_id = a.id) AS line_count
         FROM companies c JOIN accounts a ON a.id = c.account_id
         LEFT JOIN account_grants g ON g.account_id = a.id AND g.grantee_id = $1 AND g.revoked_at IS NULL
        WHERE (a.customer_id = $1 OR g.id IS NOT NULL) AND ($2::uuid IS NULL OR c.id = $2)
        ORDER BY c.created_at, c.id`,
      [customerId, companyId],
    );
    return rows.map((r) => ({
      id: r.id,
      accountId: r.account_id,
      accountNumber: r.number,
      name: r.name,
      inn: r.inn,
      kpp: r.kpp,
      legalAddress: r.legal_address,
      access: r.access,
      balance: r.access === 'line_manager' ? null : rub(r.balance),
      lineCount: r.access === 'line_manager' ? 1 : r.line_count,
      createdAt: r.created_at.toISOString(),
    }));
  }

  async list(customerId: string): Promise<Page<CompanyView>> {
    return { items: await this.views(this.ds.manager, customerId, null), nextCursor: null };
  }

  async get(customerId: string, companyId: string): Promise<CompanyView> {
    await this.company(this.ds.manager, customerId, companyId);
    return (await this.views(this.ds.manager, customerId, companyId))[0];
  }

  /** The company's lines; an employee gets only their own. */
  async lines(customerId: string, companyId: string): Promise<Page<CorporateLineView>> {
    const { company, access, role } = await this.company(this.ds.manager, customerId, companyId);
    const only = role === 'employee' ? access.account.managed_line_id : null;
    const rows: LineRow[] = await this.ds.query(`${LINES_SQL} WHERE l.account_id = $1 AND ($2::uuid IS NULL OR l.id = $2) ORDER BY l.created_at, l.msisdn`, [company.account_id, only]);
    return { items: rows.map(toLineView), nextCursor: null };
  }

  private async line(em: EntityManager, company: CompanyRow, lineId: string): Promise<CorporateLineView> {
    const [row]: LineRow[] = await em.query(`${LINES_SQL} WHERE l.account_id = $1 AND l.id = $2`, [company.account_id, lineId]);
    if (!row) throw AppError.notFound('The line');
    return toLineView(row);
  }

  /** The corporate row of a line of the company's account, made on first use and locked. */
  private async corporateLine(em: EntityManager, company: CompanyRow, lineId: string) {
    const [line] = await em.query('SELECT id FROM mobile_lines WHERE id = $1 AND account_id = $2 FOR UPDATE', [lineId, company.account_id]);
    if (!line) throw AppError.notFound('The line');
    await em.query(
      `INSERT INTO corporate_lines (line_id, company_id, customer_id, updated_at) VALUES ($1, $2, $3, $4) ON CONFLICT (line_id) DO NOTHING`,
      [lineId, company.id, company.customer_id, this.clock.now()],
    );
    const [row]: { grant_id: string | null; employee_customer_id: string | null; monthly_limit: string | null }[] = await em.query(
      `SELECT cl.monthly_limit, cl.employee_customer_id, CASE WHEN g.revoked_at IS NULL THEN cl.grant_id END AS grant_id
         FROM corporate_lines cl LEFT JOIN account_grants g ON g.id = cl.grant_id WHERE cl.line_id = $1 FOR UPDATE OF cl`,
      [lineId],
    );
    return row;
  }

  /**
   * Binds an employee to a line (PUT: replaces what was there). With a phone, that registered customer
   * gets a line_manager grant on the line (and signs in to see only it); another employee's grant on the
   * line is revoked. Without one, the line has no employee login.
   */
  async bindEmployee(customerId: string, companyId: string, lineId: string, input: BindEmployeeRequest, ip: string | null): Promise<CorporateLineView> {
    const phone = input.phone === undefined || input.phone.trim() === '' ? null : normalizePhone(input.phone);
    if (input.phone !== undefined && input.phone.trim() !== '' && !phone) throw AppError.validation([{ field: 'phone', code: 'isPhone', message: 'phone must be a Russian mobile number' }]);
    const name = input.name.trim();
    const department = input.department.trim();
    if (!name) throw AppError.validation([{ field: 'name', code: 'isNotEmpty', message: 'name must not be blank' }]);
    if (!department) throw AppError.validation([{ field: 'department', code: 'isNotEmpty', message: 'department must not be blank' }]);
    return this.ds.transaction(async (em) => {
      const { company } = await this.admin(em, customerId, companyId);
      const current = await this.corporateLine(em, company, lineId);
      let grantId = current.grant_id;
      let employeeId = grantId ? current.employee_customer_id : null;
      const [bound] = phone ? await em.query('SELECT id FROM customers WHERE phone = $1', [phone]) : [null];
      if (grantId && (!phone || bound?.id !== employeeId)) {
        await this.deps.accounts.revokeGrantIn(em, company.customer_id, company.account_id, grantId, ip);
        grantId = null;
        employeeId = null;
      }
      if (phone && !grantId) {
        const g = await this.deps.accounts.grantIn(em, company.customer_id, company.account_id, { phone, level: 'line_manager', lineId }, ip);
        grantId = g.id;
        employeeId = g.grantee.id;
      }
      await em.query(
        `UPDATE corporate_lines SET employee_name = $2, department = $3, employee_customer_id = $4, grant_id = $5, updated_at = $6 WHERE line_id = $1`,
        [lineId, name, department, employeeId, grantId, this.clock.now()],
      );
      await this.deps.audit.record(em, { action: 'corporate_employee_bound', customerId: company.customer_id, actorId: customerId, ip, details: { companyId, lineId, employeeId } });
      return this.line(em, company, lineId);
    });
  }

  async unbindEmployee(customerId: string, companyId: string, lineId: string, ip: string | null): Promise<void> {
    await this.ds.transaction(async (em) => {
      const { company } = await this.admin(em, customerId, companyId);
      const current = await this.corporateLine(em, company, lineId);
      if (current.grant_id) await this.deps.accounts.revokeGrantIn(em, company.customer_id, company.account_id, current.grant_id, ip);
      await em.query(
        `UPDATE corporate_lines SET employee_name = NULL, department = NULL, employee_customer_id = NULL, grant_id = NULL, updated_at = $2 WHERE line_id = $1`,
        [lineId, this.clock.now()],
      );
      await this.deps.audit.record(em, { action: 'corporate_employee_unbound', customerId: company.customer_id, actorId: customerId, ip, details: { companyId, lineId } });
    });
  }

  /** Sets a line's monthly limit; a line already over it is restricted at once (and its employee told). */
  async setLimit(customerId: string, companyId: string, lineId: string, amount: Money, ip: string | null): Promise<CorporateLineView> {
    if (amount.amount <= 0 || amount.amount > CorporateLimits.monthlyLimitMax) {
      throw AppError.validation([{ field: 'amount.amount', code: 'range', message: `the limit must be more than 0 and at most ${formatRub(CorporateLimits.monthlyLimitMax)}` }]);
    }
    const { view, messages } = await this.ds.transaction(async (em) => {
      const { company } = await this.admin(em, customerId, companyId);
      await this.corporateLine(em, company, lineId);
      await em.query('UPDATE corporate_lines SET monthly_limit = $2, updated_at = $3 WHERE line_id = $1', [lineId, amount.amount, this.clock.now()]);
      await this.deps.audit.record(em, { action: 'corporate_limit_set', customerId: company.customer_id, actorId: customerId, ip, details: { companyId, lineId, amount: amount.amount } });
      const messages = (await this.enforceIn(em, [lineId])).messages;
      return { view: await this.line(em, company, lineId), messages };
    });
    await this.deps.notifications.deliver(messages);
    return view;
  }

  /** Lifts a line's limit; a line restricted by it gets outgoing calls back. */
  async liftLimit(customerId: string, companyId: string, lineId: string, ip: string | null): Promise<void> {
    const messages = await this.ds.transaction(async (em) => {
      const { company } = await this.admin(em, customerId, companyId);
      await this.corporateLine(em, company, lineId);
      await em.query('UPDATE corporate_lines SET monthly_limit = NULL, updated_at = $2 WHERE line_id = $1', [lineId, this.clock.now()]);
      await this.deps.audit.record(em, { action: 'corporate_limit_lifted', customerId: company.customer_id, actorId: customerId, ip, details: { companyId, lineId } });
      return (await this.enforceIn(em, [lineId])).messages;
    });
    await this.deps.notifications.deliver(messages);
  }

  /**
   * The limits job (every minute) and every limit change: a line whose spending this billing period is
   * over its limit is restricted to incoming calls, and its employee told by SMS; a line restricted by
   * its limit whose spending is within it again — the limit raised or lifted, or a new period begun —
   * gets outgoing calls back. Rows are locked (SKIP LOCKED in the job), so several nodes may run it.
   */
  async enforce(): Promise<{ restricted: number; restored: number }> {
    const { restricted, restored, messages } = await this.ds.transaction((em) => this.enforceIn(em, null));
    await this.deps.notifications.deliver(messages);
    return { restricted, restored };
  }

  private async enforceIn(em: EntityManager, lineIds: string[] | null): Promise<{ restricted: number; restored: number; messages: string[] }> {
    const locked: { id: string; account_id: string; msisdn: string; restriction_reason: string | null; monthly_limit: string | null; company: string; customer_id: string; employee_customer_id: string | null; period_end: Date }[] = await em.query(
      `SELECT l.id, l.account_id, l.msisdn, l.restriction_reason, l.period_end, cl.monthly_limit, cl.customer_id, cl.employee_customer_id, c.name AS company
         FROM corporate_lines cl JOIN mobile_lines l ON l.id = cl.line_id JOIN companies c ON c.id = cl.company_id
        WHERE (cl.monthly_limit IS NOT NULL OR l.restriction_reason = $1) AND ($2::uuid[] IS NULL OR cl.line_id = ANY($2::uuid[]))
        ORDER BY l.id FOR UPDATE OF l${lineIds ? '' : ' SKIP LOCKED'}`,
      [LIMIT_REASON, lineIds],
    );
    const accounts = [...new Set(locked.map((r) => r.account_id))];
    const sums: { line_id: string; spent: string }[] = accounts.length ? await em.query(`WITH ${spentCte('$1::uuid[]', 'ml.period_start')} SELECT line_id, spent FROM spent`, [accounts]) : [];
    const spentOf = new Map(sums.map((x) => [x.line_id, x.spent]));
    const rows = locked.map((r) => ({ ...r, spent: spentOf.get(r.id) ?? '0' }));
    const messages: string[] = [];
    let restricted = 0;
    let restored = 0;
    const until = (d: Date) => new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow', day: 'numeric', month: 'long' }).format(d);
    for (const r of rows) {
      const over = r.monthly_limit !== null && BigInt(r.spent) > BigInt(r.monthly_limit);
      if (over && r.restriction_reason === null) {
        if (!(await this.deps.accounts.restrictLine(em, r.id, LIMIT_REASON))) continue;
        restricted++;
        messages.push(await this.deps.notifications.enqueue(em, {
          channel: 'sms',
          to: r.msisdn,
          customerId: r.employee_customer_id ?? r.customer_id,
          body: `Расходы по номеру ${r.msisdn} (${formatRub(BigInt(r.spent))}) превысили месячный лимит ${formatRub(BigInt(r.monthly_limit!))}, установленный «${r.company}». До ${until(r.period_end)} доступны только входящие вызовы; снять ограничение может администратор компании.`,
        }));
        await this.deps.audit.record(em, { action: 'corporate_line_restricted', customerId: r.customer_id, details: { lineId: r.id, spent: r.spent, limit: r.monthly_limit } });
      } else if (!over && r.restriction_reason === LIMIT_REASON) {
        if (!(await this.deps.accounts.liftRestriction(em, r.id, LIMIT_REASON))) continue;
        restored++;
        messages.push(await this.deps.notifications.enqueue(em, {
          channel: 'sms',
          to: r.msisdn,
          customerId: r.employee_customer_id ?? r.customer_id,
          body: `Ограничение по номеру ${r.msisdn} снято: исходящие вызовы снова доступны.`,
        }));
        await this.deps.audit.record(em, { action: 'corporate_line_restored', customerId: r.customer_id, details: { lineId: r.id, spent: r.spent, limit: r.monthly_limit } });
      }
    }
    return { restricted, restored, messages };
  }

  /** The integrator's read of a line (`lines:read`): status and restriction, what a switch enforces. */
  async integratorLine(msisdn: string): Promise<IntegratorLineView> {
    const phone = normalizePhone(msisdn);
    const [l] = phone ? await this.ds.query('SELECT msisdn, operator, status, block_reason, restriction, restriction_reason FROM mobile_lines WHERE msisdn = $1', [phone]) : [];
    if (!l) throw AppError.notFound('The line');
    return { msisdn: l.msisdn, operator: l.operator, status: l.status, blockReason: l.block_reason, restriction: l.restriction, restrictionReason: l.restriction_reason };
  }
}
