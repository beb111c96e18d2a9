import { randomInt, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type {
  AdjustmentDirection,
  AdjustmentView,
  AuditEntryView,
  BackofficeSummary,
  CustomerCard,
  CustomerCardSection,
  CustomerStatus,
  CustomerSummaryView,
  CustomerView,
  Page,
  StaffRole,
  StaffView,
} from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { formatRub, rub } from '../../platform/money';
import { checkedInstant, checkedKeyset } from '../../platform/keyset';
import { decodeCursor, toPage } from '../../platform/pagination';
import { formatPhone, normalizePhone } from '../../platform/phone';
import type { AuthContext } from '../../platform/routes';
import { assertAdmin } from '../../platform/staff';
import type { AccountsService, PeriodsService } from '../accounts';
import type { AuditService } from '../audit';
import type { AuthService } from '../auth';
import type { CustomersService } from '../customers';
import type { LedgerService } from '../ledger';
import type { NotificationsService } from '../notifications';
import type { PaymentsService } from '../payments';
import { BackofficeRepository, type AuditRow, type CustomerHitRow } from './repository';

/**
 * A part of the customer card contributed by another module (orders, applications; loans and bonus
 * cards where those modules are on), wired in `createServices`. Null: nothing to show.
 */
export interface CustomerCardSectionProvider {
  key: string;
  load(customer: CustomerView): Promise<CustomerCardSection | null>;
}

/** What the queues count, for the console's first page (wired from the modules that own the queues). */
export type SummarySource = () => Promise<BackofficeSummary['queues']>;

const fullName = (r: Pick<CustomerHitRow, 'surname' | 'name' | 'patronymic'>) => [r.surname, r.name, r.patronymic].filter(Boolean).join(' ');

/**
 * The staff console's own work: customer search and the customer card, ending a customer's sessions,
 * balance adjustments (admin), staff accounts and roles (admin), the audit log (admin, read only).
 * Queues belong to the modules that own them; this module composes their counts and card sections.
 */
export class BackofficeService {
  private readonly sections: CustomerCardSectionProvider[] = [];
  private readonly summaries: SummarySource[] = [];

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: {
      customers: CustomersService;
      accounts: AccountsService;
      periods: PeriodsService;
      auth: AuthService;
      payments: PaymentsService;
      ledger: LedgerService;
      notifications: NotificationsService;
      audit: AuditService;
      numbersAvailable: () => Promise<number>;
    },
  ) {}

  /** A module adds its section to the customer card. */
  registerSection(provider: CustomerCardSectionProvider): void {
    if (this.sections.some((s) => s.key === provider.key)) throw new Error(`customer card section ${provider.key} registered twice`);
    this.sections.push(provider);
  }

  /** A module adds its queues' counts to the summary. */
  registerSummary(source: SummarySource): void {
    this.summaries.push(source);
  }

  async summary(): Promise<BackofficeSummary> {
    const queues = (await Promise.all(this.summaries.map((s) => s()))).flat();
    return { queues, numbersAvailable: await this.deps.numbersAvailable() };
  }

  async searchCustomers(q: { q: string; limit: number; cursor?: string }): Promise<Page<CustomerSummaryView>> {
    const text = q.q.trim();
    const phone = normalizePhone(text);
    const digits = /^[\d\s-]+$/.test(text) ? text.replace(/[\s-]/g, '') : null;
    const words = /\d/.test(text) ? [] : text.split(/\s+/).filter(Boolean).slice(0, 3);
    const rows = await BackofficeRepository.searchCustomers(this.ds.manager, { phone, digits, words, after: checkedKeyset(decodeCursor(q.cursor), 'uuid'), limit: q.limit + 1 });
    return toPage(rows, q.limit, (r) => ({ at: r.created_at.toISOString(), id: r.id }), (r) => ({
      id: r.id,
      phone: r.phone,
      contractNumber: r.contract_number,
      fullName: fullName(r),
      role: r.role,
      status: r.status,
      accountNumbers: r.account_numbers,
      createdAt: r.created_at.toISOString(),
    }));
  }

  /** The customer card. Opening it is recorded in the audit log (staff read personal data). */
  async card(auth: AuthContext, customerId: string, ip: string | null): Promise<CustomerCard> {
    const customer = await this.deps.customers.getView(customerId);
    const [accounts, sessions, payments, sections] = await Promise.all([
      this.deps.accounts.accountsOf(this.ds.manager, customerId),
      this.deps.auth.sessionsOf(customerId),
      this.deps.payments.list(customerId, { limit: 10 }),
      Promise.all(this.sections.map((s) => s.load(customer))),
    ]);
    await this.deps.audit.record(this.ds.manager, { action: 'customer_card_viewed', actorId: auth.customerId, customerId, ip });
    return { customer, accounts, sessions, payments: payments.items, sections: sections.filter((s): s is CustomerCardSection => s !== null) };
  }

  async revokeSessions(auth: AuthContext, customerId: string, sessionId: string | null, ip: string | null): Promise<{ endedSessions: number }> {
    await this.deps.customers.getView(customerId);
    return { endedSessions: await this.deps.auth.revokeByStaff(auth.customerId, customerId, sessionId, ip) };
  }

  /**
   * A credit or a debit with a mandatory reason (admin), through the ledger like every balance change;
   * a debit may not take the balance below the credit limit. The customer is told by SMS.
   */
  async adjust(auth: AuthContext, accountId: string, input: { direction: AdjustmentDirection; amount: bigint; reason: string }, ip: string | null): Promise<AdjustmentView> {
    assertAdmin(auth);
    const reason = input.reason.trim();
    if (!reason) throw AppError.validation([{ field: 'reason', code: 'isNotEmpty', message: 'Say why the balance is adjusted.' }]);
    if (input.amount <= 0n || input.amount > 1_000_000_00n) {
      throw AppError.validation([{ field: 'amount.amount', code: 'range', message: 'amount must be from 1 kopeck to 1,000,000 ₽' }]);
    }
    const msgIds: string[] = [];
    const view = await this.ds.transaction(async (em) => {
      const [acc] = await em.query(`SELECT a.id, a.customer_id, a.number, a.balance, a.status, c.phone FROM accounts a JOIN customers c ON c.id = a.customer_id WHERE a.id = $1 FOR UPDATE OF a`, [accountId]);
      if (!acc) throw AppError.notFound('The account');
      if (acc.status === 'closed') throw new AppError('account_not_active', 409, 'The account is closed.');
      const signed = input.direction === 'credit' ? input.amount : -input.amount;
      const posted = await this.deps.ledger.post(em, { accountId, amount: signed, kind: 'adjustment', ref: `adjustment:${randomUUID()}`, description: reason.slice(0, 200) });
      if (!posted.posted) throw new Error('adjustment ref collided');
      if (signed > 0n) await this.deps.periods.resumeAfterCredit(em, accountId);
      const now = this.clock.now();
      await this.deps.audit.record(em, {
        action: 'balance_adjusted',
        actorId: auth.customerId,
        customerId: acc.customer_id,
        ip,
        details: { accountId, entryId: posted.entryId, amount: Number(signed), reason, before: { balance: Number(acc.balance) }, after: { balance: Number(posted.balanceAfter) } },
      });
      msgIds.push(
        await this.deps.notifications.enqueue(em, {
          channel: 'sms',
          to: acc.phone,
          customerId: acc.customer_id,
          body: `Счёт ${acc.number}: ${signed > 0n ? 'зачислено' : 'списано'} ${formatRub(input.amount)} — ${reason}. Баланс ${formatRub(posted.balanceAfter)}.`,
        }),
      );
      return { entryId: posted.entryId, accountId, amount: rub(signed), balanceBefore: rub(acc.balance), balanceAfter: rub(posted.balanceAfter), reason, createdAt: now.toISOString() };
    });
    await this.deps.notifications.deliver(msgIds);
    return view;
  }

  // ---- staff accounts (admin) ----

  async staff(auth: AuthContext): Promise<StaffView[]> {
    assertAdmin(auth);
    return (await BackofficeRepository.staff(this.ds.manager)).map(toStaffView);
  }

  /** A staff login: the issued password goes to the phone by SMS and must be changed at the first sign-in. */
  async createStaff(auth: AuthContext, input: { phone: string; surname: string; name: string; patronymic?: string; role: StaffRole }, ip: string | null): Promise<StaffView> {
    assertAdmin(auth);
    const msgIds: string[] = [];
    const view = await this.ds.transaction(async (em) => {
      const password = issuedPassword();
      const c = await this.deps.customers.create(em, {
        phone: input.phone,
        password,
        surname: input.surname.trim(),
        name: input.name.trim(),
        patronymic: input.patronymic?.trim() || null,
        role: input.role,
        mustChangePassword: true,
      });
      await this.deps.audit.record(em, { action: 'staff_created', actorId: auth.customerId, customerId: c.id, ip, details: { after: { role: input.role, phone: c.phone, status: 'active' } } });
      msgIds.push(
        await this.deps.notifications.enqueue(em, {
          channel: 'sms',
          to: c.phone,
          customerId: c.id,
          body: `Вам открыт доступ к back office личного кабинета. Логин ${formatPhone(c.phone)}, временный пароль ${password}. При первом входе смените его.`,
        }),
      );
      return { id: c.id, phone: c.phone, fullName: fullName(c), role: input.role, status: c.status, mustChangePassword: true, createdAt: c.createdAt.toISOString() };
    });
    await this.deps.notifications.deliver(msgIds);
    return view;
  }

  /** Role or status of a staff member. An admin cannot change their own, and one active admin always stays. */
  async updateStaff(auth: AuthContext, id: string, change: { role?: StaffRole; status?: CustomerStatus }, ip: string | null): Promise<StaffView> {
    assertAdmin(auth);
    if (id === auth.customerId) throw new AppError('cannot_change_own_access', 409, 'You cannot change your own role or status; ask another administrator.');
    if (change.role === undefined && change.status === undefined) throw AppError.validation([{ field: 'role', code: 'isNotEmpty', message: 'Send role, status or both.' }]);
    return this.ds.transaction(async (em) => {
      const before = await this.deps.customers.setRoleAndStatus(em, id, change);
      if (!before || before.role === 'subscriber') throw AppError.notFound('The staff member');
      const wasActiveAdmin = before.role === 'admin' && before.status === 'active';
      const staysActiveAdmin = (change.role ?? before.role) === 'admin' && (change.status ?? before.status) === 'active';
      if (wasActiveAdmin && !staysActiveAdmin && (await BackofficeRepository.activeAdmins(em, id)) === 0) {
        throw new AppError('cannot_change_own_access', 409, 'This is the last active administrator.');
      }
      // A blocked staff member, or one whose role changed, signs in again.
      if (change.status === 'blocked' || (change.role && change.role !== before.role)) await this.deps.auth.revokeByStaff(auth.customerId, id, null, ip, em);
      await this.deps.audit.record(em, {
        action: 'staff_updated',
        actorId: auth.customerId,
        customerId: id,
        ip,
        details: { before: { role: before.role, status: before.status }, after: { role: change.role ?? before.role, status: change.status ?? before.status } },
      });
      const [row] = (await BackofficeRepository.staff(em)).filter((r) => r.id === id);
      return toStaffView(row);
    });
  }

  // ---- audit log (admin, read only) ----

  async audit(auth: AuthContext, q: { action?: string; actorId?: string; customerId?: string; from?: string; to?: string; limit: number; cursor?: string }): Promise<Page<AuditEntryView>> {
    assertAdmin(auth);
    const rows = await BackofficeRepository.audit(this.ds.manager, {
      ...q,
      from: checkedInstant(q.from, 'from'),
      to: checkedInstant(q.to, 'to'),
      after: checkedKeyset(decodeCursor(q.cursor), 'bigint'),
      limit: q.limit + 1,
    });
    return toPage(rows, q.limit, (r) => ({ at: r.at.toISOString(), id: String(r.id) }), toAuditView);
  }
}

/** 10 characters from an alphabet without look-alikes. */
function issuedPassword(): string {
  const abc = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: 10 }, () => abc[randomInt(abc.length)]).join('');
}

function toStaffView(r: CustomerHitRow): StaffView {
  return {
    id: r.id,
    phone: r.phone,
    fullName: fullName(r),
    role: r.role as StaffRole,
    status: r.status,
    mustChangePassword: r.must_change_password,
    createdAt: r.created_at.toISOString(),
  };
}

function toAuditView(r: AuditRow): AuditEntryView {
  return {
    id: String(r.id),
    at: r.at.toISOString(),
    action: r.action,
    actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? '', role: r.actor_role ?? 'subscriber' } : null,
    customerId: r.customer_id,
    ip: r.ip,
    details: r.details,
  };
}
