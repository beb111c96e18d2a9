import type { DataSource, EntityManager } from 'typeorm';
import { prepared } from '../../db/prepared';
import { Limits, type CustomerRole, type CustomerView, type Gender, type PhoneChangeStartedResponse } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import type { OtpService } from '../../platform/otp/otp.service';
import { hashPassword, verifyPassword } from '../../platform/passwords';
import { formatPhone, normalizePhone } from '../../platform/phone';
import type { RateCounter } from '../../platform/rate-limit';
import type { AuditService } from '../audit';
import type { NotificationsService } from '../notifications';
import { Customer } from './entities/customer.entity';

export interface NewCustomer {
  phone: string;
  password: string;
  surname: string;
  name: string;
  patronymic?: string | null;
  birthDate?: string | null;
  gender?: Gender | null;
  email?: string | null;
  contractNumber?: string | null;
  role?: CustomerRole;
  mustChangePassword?: boolean;
}

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

/** What sign-in needs of a customer, password hash included. Never leaves the services. */
export type CustomerCredentials = Pick<Customer, 'id' | 'phone' | 'surname' | 'status' | 'role' | 'mustChangePassword' | 'passwordHash'>;

/** The key failed sign-ins are counted under: the E.164 phone, or the contract number as typed (trimmed). */
export function loginKey(login: string): string {
  return normalizePhone(login) ?? `contract:${login.replace(/\s+/g, '').toLowerCase()}`;
}

export function toCustomerView(c: Customer): CustomerView {
  return {
    id: c.id,
    phone: c.phone,
    contractNumber: c.contractNumber,
    surname: c.surname,
    name: c.name,
    patronymic: c.patronymic,
    birthDate: c.birthDate,
    gender: c.gender,
    email: c.email,
    status: c.status,
    role: c.role,
    mustChangePassword: c.mustChangePassword,
    createdAt: c.createdAt.toISOString(),
  };
}

/** Policies other modules add to the profile (set by the composition root). */
export interface CustomerHooks {
  /**
   * Does a phone change of this customer need an operator's confirmation after an identity check? (The
   * loans module: yes for a borrower, whose passport data is on file.)
   */
  phoneChangeNeedsReview?(em: EntityManager, customerId: string): Promise<boolean>;
}

export class CustomersService {
  hooks: CustomerHooks = {};

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: { audit: AuditService; notifications: NotificationsService; otp: OtpService; rate: RateCounter },
  ) {}

  /** By phone in any common form or by contract number. */
  async findCredentials(em: EntityManager, login: string): Promise<CustomerCredentials | null> {
    // A plain prepared query (every sign-in makes it; the query builder cost more than the query). The phone wins
    // over a contract number that happens to read the same.
    const [row] = await em.query(CREDENTIALS, [login.replace(/\s+/g, ''), normalizePhone(login)]);
    return row ?? null;
  }

  async findCredentialsById(em: EntityManager, id: string): Promise<CustomerCredentials | null> {
    return em.getRepository(Customer).createQueryBuilder('c').addSelect('c.passwordHash').where('c.id = :id', { id }).getOne();
  }

  async getView(id: string): Promise<CustomerView> {
    // One plain query, columns named as the entity's fields: the profile is read on every visit, and a query
    // builder costs more than the query here.
    const [r] = (await this.ds.query(CUSTOMER_VIEW, [id])) as (Customer & { pendingPhone: string | null })[];
    if (!r) throw AppError.notFound('The customer');
    return { ...toCustomerView(r), pendingPhone: r.pendingPhone };
  }

  /** Fills in the name and birth date of a customer who registered with a phone only (the loan wizard). */
  async fillIdentity(em: EntityManager, id: string, input: { surname: string; name: string; patronymic: string | null; birthDate: string }): Promise<void> {
    await em.query(
      `UPDATE customers SET surname = $2, name = $3, patronymic = $4, birth_date = $5, updated_at = $6 WHERE id = $1 AND surname = '' AND name = ''`,
      [id, input.surname, input.name, input.patronymic, input.birthDate, this.clock.now()],
    );
  }

  /** Demo data, test factories and (later) the back office create customers here. */
  async create(em: EntityManager, input: NewCustomer): Promise<Customer> {
    const phone = normalizePhone(input.phone);
    if (!phone) throw AppError.validation([{ field: 'phone', code: 'isPhone', message: 'phone must be a Russian phone number' }]);
    const now = this.clock.now();
    const row = em.create(Customer, {
      phone,
      contractNumber: input.contractNumber ?? null,
      surname: input.surname,
      name: input.name,
      patronymic: input.patronymic ?? null,
      birthDate: input.birthDate ?? null,
      gender: input.gender ?? null,
      email: input.email?.toLowerCase() ?? null,
      passwordHash: await hashPassword(input.password),
      status: 'active',
      role: input.role ?? 'subscriber',
      mustChangePassword: input.mustChangePassword ?? false,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await em.insert(Customer, row);
    } catch (err) {
      throw uniqueViolation(err) ?? err;
    }
    return row;
  }

  async setPasswordHash(em: EntityManager, id: string, passwordHash: string): Promise<void> {
    await em.update(Customer, { id }, { passwordHash, mustChangePassword: false, updatedAt: this.clock.now() });
  }

  /** Processing an internet application: the contract number becomes the login of a customer who has none. */
  async setContractNumberIfNone(em: EntityManager, id: string, contractNumber: string): Promise<boolean> {
    const r = await em
      .createQueryBuilder()
      .update(Customer)
      .set({ contractNumber, updatedAt: this.clock.now() })
      .where('id = :id AND contract_number IS NULL', { id })
      .execute();
    return (r.affected ?? 0) > 0;
  }

  /** Back office (admin): a staff member's role or status. Returns the row before the change. */
  async setRoleAndStatus(em: EntityManager, id: string, change: { role?: CustomerRole; status?: Customer['status'] }): Promise<Customer | null> {
    const before = await em.getRepository(Customer).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!before) return null;
    await em.update(Customer, { id }, { ...change, updatedAt: this.clock.now() });
    return before;
  }

  private async checkPassword(em: EntityManager, id: string, password: string): Promise<Customer> {
    const c = await em.getRepository(Customer).createQueryBuilder('c').addSelect('c.passwordHash').where('c.id = :id', { id }).getOne();
    if (!c) throw AppError.notFound('The customer');
    if (!(await verifyPassword(c.passwordHash, password))) {
      throw new AppError('wrong_password', 400, 'The password is wrong.', {
        errors: [{ field: 'password', code: 'wrong_password', message: 'The password is wrong.' }],
      });
    }
    return c;
  }

  async changeEmail(customerId: string, input: { password: string; email: string | null }, meta: RequestMeta): Promise<CustomerView> {
    const email = input.email?.trim().toLowerCase() ?? null;
    const view = await this.ds.transaction(async (em) => {
      const c = await this.checkPassword(em, customerId, input.password);
      try {
        await em.update(Customer, { id: customerId }, { email, updatedAt: this.clock.now() });
      } catch (err) {
        throw uniqueViolation(err) ?? err;
      }
      await this.deps.audit.record(em, { action: 'email_changed', customerId, ip: meta.ip, details: { from: c.email, to: email } });
      return toCustomerView({ ...c, email });
    });
    return view;
  }

  /** Step 1 of a phone change: password again, then a code to the NEW phone. */
  async startPhoneChange(customerId: string, input: { password: string; phone: string }, meta: RequestMeta): Promise<PhoneChangeStartedResponse> {
    const phone = normalizePhone(input.phone);
    if (!phone) throw AppError.validation([{ field: 'phone', code: 'isPhone', message: 'phone must be a Russian mobile number, e.g. +7 921 000-00-00' }]);
    const msgIds: string[] = [];
    await this.ds.transaction(async (em) => {
      const c = await this.checkPassword(em, customerId, input.password);
      if (c.phone === phone) throw AppError.validation([{ field: 'phone', code: 'samePhone', message: 'This is already your phone number.' }]);
      if (await em.getRepository(Customer).existsBy({ phone })) {
        throw new AppError('phone_taken', 409, 'This phone number belongs to another customer.');
      }
      const hit = await this.deps.rate.hit(`otp-resend:phone_change:${customerId}`, Limits.otpResendSeconds * 1000, em);
      if (hit.hits > 1) {
        const retryAfter = this.deps.rate.retryAfter(hit.resetAt);
        throw new AppError('otp_resend_too_soon', 429, `A code was sent recently; ask again in ${retryAfter} s.`, { retryAfter }, { 'Retry-After': String(retryAfter) });
      }
      const code = await this.deps.otp.issue(em, { customerId, purpose: 'phone_change', target: phone });
      msgIds.push(
        await this.deps.notifications.enqueue(em, {
          channel: 'sms',
          to: phone,
          customerId,
          body: `Код подтверждения нового номера: ${code}. Никому не сообщайте его. Действует 5 минут.`,
        }),
      );
      await this.deps.audit.record(em, { action: 'phone_change_requested', customerId, ip: meta.ip, details: { to: phone } });
    });
    await this.deps.notifications.deliver(msgIds);
    return { phone, resendAfter: Limits.otpResendSeconds, codeTtl: Limits.otpTtlSeconds };
  }

  /**
   * Step 2: the code from the new phone; the old phone is told. A borrower's change (passport data on
   * file) waits for an operator instead: it is queued for the identity check, and until an operator
   * confirms it the new phone cannot sign in (the old one still does).
   */
  async confirmPhoneChange(customerId: string, code: string, meta: RequestMeta): Promise<CustomerView> {
    const msgIds: string[] = [];
    const result = await this.ds.transaction(async (em) => {
      const check = await this.deps.otp.check(em, { customerId, purpose: 'phone_change', code });
      if (!check.ok) return check;
      const c = await em.getRepository(Customer).findOneByOrFail({ id: customerId });
      const newPhone = check.code.target;
      if (this.hooks.phoneChangeNeedsReview && (await this.hooks.phoneChangeNeedsReview(em, customerId))) {
        if (await em.getRepository(Customer).existsBy({ phone: newPhone })) throw new AppError('phone_taken', 409, 'This phone number belongs to another customer.');
        const now = this.clock.now();
        await em.query(`UPDATE phone_change_requests SET status = 'cancelled', decided_at = $2, note = 'replaced by a newer request' WHERE customer_id = $1 AND status = 'pending'`, [customerId, now]);
        await em.query(`INSERT INTO phone_change_requests (customer_id, old_phone, new_phone, status, requested_at) VALUES ($1, $2, $3, 'pending', $4)`, [customerId, c.phone, newPhone, now]);
        msgIds.push(
          await this.deps.notifications.enqueue(em, {
            channel: 'sms',
            to: newPhone,
            customerId,
            body: 'Заявка на смену номера принята. Оператор позвонит и сверит паспортные данные; до подтверждения входите по прежнему номеру.',
          }),
        );
        await this.deps.audit.record(em, { action: 'phone_change_review_requested', customerId, ip: meta.ip, details: { from: c.phone, to: newPhone } });
        return { ok: true as const, view: { ...toCustomerView(c), pendingPhone: newPhone } };
      }
      try {
        await em.update(Customer, { id: customerId }, { phone: newPhone, updatedAt: this.clock.now() });
      } catch (err) {
        throw uniqueViolation(err) ?? err;
      }
      msgIds.push(
        await this.deps.notifications.enqueue(em, {
          channel: 'sms',
          to: c.phone,
          customerId,
          body: `Номер для входа в личный кабинет изменён на ${formatPhone(newPhone)}. Если это были не вы, позвоните нам.`,
        }),
      );
      await this.deps.audit.record(em, { action: 'phone_changed', customerId, ip: meta.ip, details: { from: c.phone, to: newPhone } });
      return { ok: true as const, view: { ...toCustomerView({ ...c, phone: newPhone }), pendingPhone: null } };
    });
    if (!result.ok) throw result.error;
    await this.deps.notifications.deliver(msgIds);
    return result.view;
  }
}

/** Maps a unique-key violation of `customers` to the problem a person understands. */
function uniqueViolation(err: unknown): AppError | null {
  const e = err as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e.driverError?.code ?? e.code;
  const constraint = e.driverError?.constraint ?? e.constraint ?? '';
  if (code !== '23505') return null;
  if (constraint.includes('email')) return new AppError('email_taken', 409, 'This e-mail belongs to another customer.');
  if (constraint.includes('phone')) return new AppError('phone_taken', 409, 'This phone number belongs to another customer.');
  return new AppError('conflict', 409, 'Such a customer already exists.');
}

const CUSTOMER_VIEW = prepared(
  'customers.view',
  `SELECT c.id, c.phone, c.contract_number AS "contractNumber", c.surname, c.name, c.patronymic, c.birth_date AS "birthDate",
            c.gender, c.email, c.status, c.role, c.must_change_password AS "mustChangePassword", c.created_at AS "createdAt",
            (SELECT p.new_phone FROM phone_change_requests p WHERE p.customer_id = c.id AND p.status = 'pending' LIMIT 1) AS "pendingPhone"
       FROM customers c WHERE c.id = $1`,
);

/** The credential columns, named as the entity's fields. */
const CREDENTIALS = prepared(
  'customers.credentials',
  `SELECT c.id, c.phone, c.surname, c.status, c.role, c.must_change_password AS "mustChangePassword", c.password_hash AS "passwordHash"
     FROM customers c
    WHERE c.contract_number = $1 OR c.phone = $2
    ORDER BY c.phone = $2 DESC NULLS LAST
    LIMIT 1`,
);
