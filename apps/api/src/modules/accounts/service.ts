import type { DataSource, EntityManager } from 'typeorm';
import type { AccessRole, AccountView, GrantLevel, GrantView, Page } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { rub } from '../../platform/money';
import { decodeCursor, toPage } from '../../platform/pagination';
import { normalizePhone } from '../../platform/phone';
import type { AuditService } from '../audit';
import type { TariffsService } from '../tariffs';
import { AccountsRepository, toContractView, toLineView, type AccountRow, type AccountWithParts } from './repository';

/** What a caller may do with an account, derived from ownership or a grant. */
export interface Access {
  account: AccountRow;
  role: AccessRole;
  /** May the caller act on this line (or, with no line, on the account as a whole)? */
  canAct(lineId?: string): boolean;
}

export function accessOf(account: AccountRow): Access {
  return {
    account,
    role: account.access,
    canAct(lineId?: string) {
      if (account.access === 'owner' || account.access === 'account_manager') return true;
      if (account.access === 'line_manager') return !!lineId && lineId === account.managed_line_id;
      return false;
    },
  };
}

const NOT_FOUND = () => AppError.notFound('The account');

export class AccountsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: { tariffs: TariffsService; audit: AuditService },
  ) {}

  /**
   * The account if the caller owns it or holds a grant; otherwise the same 404 as for one that
   * does not exist. `lock` takes the account row for update (for changes).
   */
  async access(em: EntityManager, customerId: string, accountId: string, lock = false): Promise<Access> {
    const row = await AccountsRepository.one(em, customerId, accountId, lock);
    if (!row) throw NOT_FOUND();
    return accessOf(row);
  }

  /** As `access`, and the caller must be allowed to act (viewers may not; line managers only on their line). */
  async actor(em: EntityManager, customerId: string, accountId: string, lineId?: string): Promise<Access> {
    const a = await this.access(em, customerId, accountId, true);
    if (!a.canAct(lineId)) {
      throw new AppError('forbidden', 403, a.role === 'viewer' ? 'Your access to this account is view-only.' : 'Your access covers another line of this account.');
    }
    return a;
  }

  async list(customerId: string, q: { limit: number; cursor?: string }): Promise<Page<AccountView>> {
    const rows = await AccountsRepository.accessibleWithParts(this.ds.manager, customerId, decodeCursor(q.cursor), q.limit + 1);
    const page = toPage(rows, q.limit, (r) => ({ at: r.created_at.toISOString(), id: r.id }), (r) => r);
    return { items: await this.build(this.ds.manager, page.items), nextCursor: page.nextCursor };
  }

  async get(customerId: string, accountId: string): Promise<AccountView> {
    const a = await AccountsRepository.oneWithParts(this.ds.manager, customerId, accountId);
    if (!a) throw NOT_FOUND();
    return (await this.build(this.ds.manager, [a]))[0];
  }

  /** Back office: every account a customer owns, as the owner sees it (closed ones too). */
  async accountsOf(em: EntityManager, customerId: string): Promise<AccountView[]> {
    const rows: AccountRow[] = await em.query(
      `SELECT a.*, 'owner' AS access, NULL AS managed_line_id FROM accounts a WHERE a.customer_id = $1 ORDER BY a.created_at, a.id`,
      [customerId],
    );
    return this.views(em, rows);
  }

  /**
   * Views of accounts read already (the back office's, a closure's): their lines and contracts in one query. The
   * dashboard and the account page read them with the account (`list`, `get`): one round trip.
   */
  async views(em: EntityManager, accounts: AccountRow[]): Promise<AccountView[]> {
    if (!accounts.length) return [];
    const parts = await AccountsRepository.partsOf(em, accounts.map((a) => a.id));
    return this.build(em, accounts.map((a) => ({ ...a, parts: parts.get(a.id) ?? { lines: [], contracts: [] } })));
  }

  /** The views of these accounts from their lines and contracts; tariffs from memory. */
  private async build(em: EntityManager, accounts: AccountWithParts[]): Promise<AccountView[]> {
    const tariffIds = accounts.flatMap((a) => [...a.parts.lines.map((l) => l.tariff_id), ...a.parts.contracts.map((c) => c.tariff_id)]);
    const tariffs = await this.deps.tariffs.rowsForDisplay(em, tariffIds);
    return accounts.map((a) => {
      const allLines = a.parts.lines;
      // A line manager (an employee on a company's line) sees only the line they were given.
      const myLines = a.access === 'line_manager' ? allLines.filter((l) => l.id === a.managed_line_id) : allLines;
      const contract = a.parts.contracts[0] ?? null;
      const monthly =
        allLines.reduce((s, l) => s + BigInt(tariffs.get(l.tariff_id)!.monthly_fee) + l.options.reduce((t, o) => t + BigInt(o.monthly_fee), 0n), 0n) +
        (contract ? BigInt(tariffs.get(contract.tariff_id)!.monthly_fee) : 0n);
      return {
        id: a.id,
        number: a.number,
        kind: a.kind,
        status: a.status,
        balance: rub(a.balance),
        creditLimit: rub(a.credit_limit),
        paidUntil: a.paid_until,
        lowBalance: BigInt(a.balance) < monthly,
        access: a.access,
        managedLineId: a.managed_line_id,
        lines: myLines.map((l) => toLineView(l, tariffs.get(l.tariff_id)!, l.options, l.scheduled)),
        contract: contract ? toContractView(contract, tariffs.get(contract.tariff_id)!, contract.scheduled) : null,
        createdAt: a.created_at.toISOString(),
      };
    });
  }

  // ---- opening accounts (demo data, tests; later applications and the back office) ----

  /** A new account number: 7 digits, mobile from 7000000, internet from 8000000. */
  private async nextNumber(em: EntityManager, kind: 'mobile' | 'internet'): Promise<string> {
    const base = kind === 'mobile' ? 7000000 : 8000000;
    // Two accounts opened at once (two operators processing applications) must not read the same max.
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('account-number:' || $1))`, [kind]);
    const [row] = await em.query(
      `SELECT coalesce(max(number::bigint), $1) + 1 AS n FROM accounts WHERE kind = $2 AND number ~ '^[0-9]+$'`,
      [base, kind],
    );
    return String(row.n);
  }

  async openMobileAccount(
    em: EntityManager,
    input: { customerId: string; creditLimit?: bigint; lines: { msisdn: string; iccid: string; operator: string; tariffCode: string }[] },
  ): Promise<string> {
    const now = this.clock.now();
    const [acc] = await em.query(
      `INSERT INTO accounts (customer_id, number, kind, credit_limit, created_at) VALUES ($1, $2, 'mobile', $3, $4) RETURNING id`,
      [input.customerId, await this.nextNumber(em, 'mobile'), (input.creditLimit ?? 0n).toString(), now],
    );
    for (const l of input.lines) {
      const [t] = await em.query(`SELECT id, minutes, sms, mb FROM tariffs WHERE code = $1 AND kind = 'mobile'`, [l.tariffCode]);
      if (!t) throw new Error(`no mobile tariff ${l.tariffCode}`);
      await em.query(
        `INSERT INTO mobile_lines (customer_id, account_id, msisdn, iccid, operator, tariff_id, period_start, period_end,
                                   minutes_left, sms_left, mb_left, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $7)`,
        [input.customerId, acc.id, l.msisdn, l.iccid, l.operator, t.id, now, addMonths(now, 1), t.minutes, t.sms, t.mb],
      );
    }
    return acc.id;
  }

  async openInternetAccount(
    em: EntityManager,
    input: { customerId: string; contractNumber: string; address: string; tariffCode: string },
  ): Promise<string> {
    const now = this.clock.now();
    const [acc] = await em.query(
      `INSERT INTO accounts (customer_id, number, kind, created_at, paid_until) VALUES ($1, $2, 'internet', $3, $4) RETURNING id`,
      [input.customerId, await this.nextNumber(em, 'internet'), now, addMonths(now, 1).toISOString().slice(0, 10)],
    );
    const [t] = await em.query(`SELECT id FROM tariffs WHERE code = $1 AND kind = 'internet'`, [input.tariffCode]);
    if (!t) throw new Error(`no internet tariff ${input.tariffCode}`);
    await em.query(
      `INSERT INTO internet_contracts (customer_id, account_id, contract_number, address, tariff_id, period_start, period_end, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $6)`,
      [input.customerId, acc.id, input.contractNumber, input.address, t.id, now, addMonths(now, 1)],
    );
    return acc.id;
  }

  // ---- restrictions (the corporate cabinet's spending limits decide them; the line is this module's) ----

  /** Restricts a line to incoming calls for `reason`; false when it was restricted already. */
  async restrictLine(em: EntityManager, lineId: string, reason: string): Promise<boolean> {
    const [, n] = await em.query(
      `UPDATE mobile_lines SET restriction = 'incoming_only', restriction_reason = $2, restricted_at = $3 WHERE id = $1 AND restriction IS NULL`,
      [lineId, reason, this.clock.now()],
    );
    return n > 0;
  }

  /** Lifts a restriction put for `reason` (one put for another reason stays); false when there was none. */
  async liftRestriction(em: EntityManager, lineId: string, reason: string): Promise<boolean> {
    const [, n] = await em.query(
      `UPDATE mobile_lines SET restriction = NULL, restriction_reason = NULL, restricted_at = NULL WHERE id = $1 AND restriction_reason = $2`,
      [lineId, reason],
    );
    return n > 0;
  }

  // ---- access grants: only the owner manages them ----

  private async owner(em: EntityManager, customerId: string, accountId: string, lock = false): Promise<Access> {
    const a = await this.access(em, customerId, accountId, lock);
    if (a.role !== 'owner') throw new AppError('forbidden', 403, 'Only the owner of the account manages access.');
    return a;
  }

  async grants(customerId: string, accountId: string): Promise<Page<GrantView>> {
    await this.owner(this.ds.manager, customerId, accountId);
    const rows = await this.ds.query(
      `SELECT g.*, c.phone, c.name, c.surname FROM account_grants g JOIN customers c ON c.id = g.grantee_id
        WHERE g.account_id = $1 AND g.revoked_at IS NULL ORDER BY g.created_at, g.id`,
      [accountId],
    );
    return { items: rows.map(toGrantView), nextCursor: null };
  }

  async grant(customerId: string, accountId: string, input: { phone: string; level: GrantLevel; lineId?: string }, ip: string | null): Promise<GrantView> {
    const phone = normalizePhone(input.phone);
    if (!phone) throw AppError.validation([{ field: 'phone', code: 'isPhone', message: 'phone must be a Russian mobile number' }]);
    if (input.level === 'line_manager' && !input.lineId) {
      throw AppError.validation([{ field: 'lineId', code: 'isNotEmpty', message: 'lineId is required for line_manager' }]);
    }
    if (input.level !== 'line_manager' && input.lineId) {
      throw AppError.validation([{ field: 'lineId', code: 'notAllowed', message: 'lineId goes only with line_manager' }]);
    }
    return this.ds.transaction((em) => this.grantIn(em, customerId, accountId, { ...input, phone }, ip));
  }

  /** `grant` in the caller's transaction (the corporate cabinet gives an employee their line with it); `phone` is E.164. */
  async grantIn(em: EntityManager, customerId: string, accountId: string, input: { phone: string; level: GrantLevel; lineId?: string }, ip: string | null): Promise<GrantView> {
    const phone = input.phone;
    await this.owner(em, customerId, accountId, true);
    if (input.lineId) {
      const [line] = await em.query('SELECT 1 FROM mobile_lines WHERE id = $1 AND account_id = $2', [input.lineId, accountId]);
      if (!line) throw AppError.validation([{ field: 'lineId', code: 'notOnAccount', message: 'This line is not on the account.' }]);
    }
    const [grantee] = await em.query('SELECT id FROM customers WHERE phone = $1', [phone]);
    if (!grantee) throw new AppError('customer_not_found', 404, 'No registered customer has this phone number; they must sign up first.');
    if (grantee.id === customerId) throw AppError.validation([{ field: 'phone', code: 'isOwner', message: 'You own this account already.' }]);
    const [exists] = await em.query('SELECT 1 FROM account_grants WHERE account_id = $1 AND grantee_id = $2 AND revoked_at IS NULL', [accountId, grantee.id]);
    if (exists) throw new AppError('grant_exists', 409, 'This person already has access; revoke it first to change the level.');
    const [row] = await em.query(
      `INSERT INTO account_grants (customer_id, account_id, grantee_id, level, line_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [customerId, accountId, grantee.id, input.level, input.lineId ?? null, this.clock.now()],
    );
    await this.deps.audit.record(em, { action: 'grant_created', customerId, ip, details: { accountId, granteeId: grantee.id, level: input.level, lineId: input.lineId ?? null } });
    const [view] = await em.query(
      `SELECT g.*, c.phone, c.name, c.surname FROM account_grants g JOIN customers c ON c.id = g.grantee_id WHERE g.id = $1`,
      [row.id],
    );
    return toGrantView(view);
  }

  async revokeGrant(customerId: string, accountId: string, grantId: string, ip: string | null): Promise<void> {
    await this.ds.transaction(async (em) => {
      await this.owner(em, customerId, accountId, true);
      if (!(await this.revokeGrantIn(em, customerId, accountId, grantId, ip))) throw AppError.notFound('The grant');
    });
  }

  /** Revokes a live grant in the caller's transaction (the caller checked it may); false when there was none. */
  async revokeGrantIn(em: EntityManager, customerId: string, accountId: string, grantId: string, ip: string | null): Promise<boolean> {
    const [, affected] = await em.query(
      'UPDATE account_grants SET revoked_at = $3 WHERE id = $1 AND account_id = $2 AND revoked_at IS NULL',
      [grantId, accountId, this.clock.now()],
    );
    if (affected) await this.deps.audit.record(em, { action: 'grant_revoked', customerId, ip, details: { accountId, grantId } });
    return affected > 0;
  }
}

function toGrantView(r: { id: string; account_id: string; grantee_id: string; phone: string; name: string; surname: string; level: GrantLevel; line_id: string | null; created_at: Date }): GrantView {
  return {
    id: r.id,
    accountId: r.account_id,
    grantee: { id: r.grantee_id, phone: r.phone, name: `${r.name} ${r.surname.slice(0, 1)}.` },
    level: r.level,
    lineId: r.line_id,
    createdAt: r.created_at.toISOString(),
  };
}

/** Same day next month (the 31st becomes the month's last day). */
export function addMonths(d: Date, n: number): Date {
  const r = new Date(d);
  const day = r.getUTCDate();
  r.setUTCDate(1);
  r.setUTCMonth(r.getUTCMonth() + n);
  const last = new Date(Date.UTC(r.getUTCFullYear(), r.getUTCMonth() + 1, 0)).getUTCDate();
  r.setUTCDate(Math.min(day, last));
  return r;
}
