import type { DataSource, EntityManager } from 'typeorm';
import type { AccountClosureCheck, AccountView, ClosureBlocker } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { formatRub, rub } from '../../platform/money';
import type { AuditService } from '../audit';
import type { AccountRow } from './repository';
import type { AccountsService } from './service';

/**
 * One rule an account must pass before it is closed. Modules contribute their own (payments: an open
 * promised or deferred payment; orders: an order in progress; loans: an open loan), wired in
 * `createServices`; each answers what to settle, or null.
 */
export interface ClosureCheck {
  key: string;
  check(em: EntityManager, account: Pick<AccountRow, 'id' | 'customer_id' | 'kind' | 'balance' | 'status'>): Promise<ClosureBlocker | null>;
}

/** The accounts module's own rule: a negative balance is a debt. */
const negativeBalance: ClosureCheck = {
  key: 'negative_balance',
  async check(_em, account) {
    const balance = BigInt(account.balance);
    if (balance >= 0n) return null;
    return { code: 'negative_balance', detail: `Pay the debt of ${formatRub(-balance)} first.`, amount: rub(-balance) };
  },
};

/**
 * Closing an account (owner only): refused while anything is owed, with the list of what to settle
 * first; once closed, lines are blocked and the contract suspended (nothing is charged any more), and
 * the account with its history stays readable.
 */
export class AccountClosureService {
  private readonly checks: ClosureCheck[] = [negativeBalance];

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: { accounts: AccountsService; audit: AuditService },
  ) {}

  /** Adds a module's rule (createServices wires them). */
  register(check: ClosureCheck): void {
    if (this.checks.some((c) => c.key === check.key)) throw new Error(`closure check ${check.key} registered twice`);
    this.checks.push(check);
  }

  private async owned(em: EntityManager, customerId: string, accountId: string, lock: boolean): Promise<AccountRow> {
    const a = await this.deps.accounts.access(em, customerId, accountId, lock);
    if (a.role !== 'owner') throw new AppError('forbidden', 403, 'Only the owner of the account may close it.');
    return a.account;
  }

  private async blockers(em: EntityManager, account: AccountRow): Promise<ClosureBlocker[]> {
    const found: ClosureBlocker[] = [];
    for (const c of this.checks) {
      const b = await c.check(em, account);
      if (b) found.push(b);
    }
    return found;
  }

  async preview(customerId: string, accountId: string): Promise<AccountClosureCheck> {
    return this.ds.transaction(async (em) => {
      const account = await this.owned(em, customerId, accountId, false);
      if (account.status === 'closed') return { allowed: false, blockers: [{ code: 'already_closed', detail: 'The account is closed already.', amount: null }] };
      const blockers = await this.blockers(em, account);
      return { allowed: blockers.length === 0, blockers };
    });
  }

  async close(customerId: string, accountId: string, ip: string | null): Promise<AccountView> {
    return this.ds.transaction(async (em) => {
      // The row lock serialises closing with payments and charges on the account.
      const account = await this.owned(em, customerId, accountId, true);
      if (account.status === 'closed') throw new AppError('account_not_active', 409, 'The account is closed already.');
      const blockers = await this.blockers(em, account);
      if (blockers.length) {
        throw new AppError('account_closure_refused', 409, `The account cannot be closed yet: ${blockers.map((b) => b.detail).join(' ')}`, { blockers });
      }
      const now = this.clock.now();
      await em.query(`UPDATE accounts SET status = 'closed', closed_at = $2 WHERE id = $1`, [accountId, now]);
      await em.query(`UPDATE mobile_lines SET status = 'blocked', block_reason = 'closed', blocked_at = coalesce(blocked_at, $2) WHERE account_id = $1`, [accountId, now]);
      await em.query(`UPDATE internet_contracts SET status = 'suspended', suspend_reason = 'closed', suspended_at = coalesce(suspended_at, $2) WHERE account_id = $1`, [accountId, now]);
      await em.query(`UPDATE scheduled_tariff_changes SET status = 'canceled', settled_at = $2 WHERE account_id = $1 AND status = 'scheduled'`, [accountId, now]);
      await this.deps.audit.record(em, {
        action: 'account_closed',
        customerId,
        ip,
        details: { accountId, number: account.number, balance: Number(account.balance), before: { status: account.status }, after: { status: 'closed' } },
      });
      const [row] = await em.query(`SELECT a.*, 'owner' AS access, NULL AS managed_line_id FROM accounts a WHERE a.id = $1`, [accountId]);
      return (await this.deps.accounts.views(em, [row]))[0];
    });
  }
}
