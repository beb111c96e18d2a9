import type { DataSource, EntityManager } from 'typeorm';
import type { ConfirmPhoneChangeRequest, Page, PhoneChangeRequestView, PhoneChangeStatus } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { decodeCursor, toPage } from '../../platform/pagination';
import { formatPhone } from '../../platform/phone';
import type { AuthContext } from '../../platform/routes';
import type { AuditService } from '../audit';
import type { NotificationsService } from '../notifications';
import type { RequestMeta } from './service';

/** Checks what a person says on the phone against the identity document on file (the loans module has it). */
export interface IdentityCheck {
  passportMatches(em: EntityManager, customerId: string, passport: ConfirmPhoneChangeRequest): Promise<boolean>;
}

interface Row {
  id: string;
  customer_id: string;
  old_phone: string;
  new_phone: string;
  status: PhoneChangeStatus;
  requested_at: Date;
  decided_at: Date | null;
  note: string | null;
  surname: string;
  name: string;
  patronymic: string | null;
}

const view = (r: Row): PhoneChangeRequestView => ({
  id: r.id,
  customer: { id: r.customer_id, name: [r.surname, r.name, r.patronymic].filter(Boolean).join(' ') },
  oldPhone: r.old_phone,
  newPhone: r.new_phone,
  status: r.status,
  requestedAt: r.requested_at.toISOString(),
  decidedAt: r.decided_at?.toISOString() ?? null,
  note: r.note,
});

const SELECT = `SELECT r.*, c.surname, c.name, c.patronymic FROM phone_change_requests r JOIN customers c ON c.id = r.customer_id`;

type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppError };

/**
 * Phone changes waiting for an operator (back office). The operator calls the person, asks for the
 * passport series and number and types what they hear: only a match with the data on file switches the
 * login to the new phone. Every decision, and every failed check, is audited with the operator as actor.
 * Cross-customer by nature (a staff queue), so these queries do not filter by customer.
 */
export class PhoneChangeReviewService {
  identity: IdentityCheck | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: { audit: AuditService; notifications: NotificationsService },
  ) {}

  async list(q: { status?: PhoneChangeStatus; limit: number; cursor?: string }): Promise<Page<PhoneChangeRequestView>> {
    const after = decodeCursor(q.cursor);
    const status = q.status ?? 'pending';
    const rows: Row[] = await this.ds.query(
      `${SELECT} WHERE r.status = $1 ${after ? 'AND (r.requested_at, r.id) > ($3::timestamptz, $4::uuid)' : ''} ORDER BY r.requested_at, r.id LIMIT $2`,
      after ? [status, q.limit + 1, after.at, after.id] : [status, q.limit + 1],
    );
    return toPage(rows, q.limit, (r) => ({ at: r.requested_at.toISOString(), id: r.id }), view);
  }

  async get(id: string): Promise<PhoneChangeRequestView> {
    const [row]: Row[] = await this.ds.query(`${SELECT} WHERE r.id = $1`, [id]);
    if (!row) throw AppError.notFound('The phone change');
    return view(row);
  }

  async confirm(actor: AuthContext, id: string, passport: ConfirmPhoneChangeRequest, meta: RequestMeta): Promise<PhoneChangeRequestView> {
    const messages: string[] = [];
    const outcome = await this.ds.transaction(async (em): Promise<Outcome<Row>> => {
      const r = await this.pending(em, id);
      const matches = this.identity ? await this.identity.passportMatches(em, r.customer_id, passport) : false;
      if (!matches) {
        // Kept (the transaction commits): repeated failed checks are visible in the audit log.
        await this.deps.audit.record(em, { action: 'phone_change_identity_mismatch', actorId: actor.customerId, customerId: r.customer_id, ip: meta.ip, details: { requestId: id } });
        return { ok: false, error: new AppError('identity_mismatch', 409, 'The passport data does not match the data on file; the phone is not changed.') };
      }
      const [taken] = await em.query('SELECT 1 FROM customers WHERE phone = $1 AND id <> $2', [r.new_phone, r.customer_id]);
      if (taken) throw new AppError('phone_taken', 409, 'The new phone number belongs to another customer now; reject this request.');
      const now = this.clock.now();
      await em.query('UPDATE customers SET phone = $2, updated_at = $3 WHERE id = $1', [r.customer_id, r.new_phone, now]);
      await em.query(`UPDATE phone_change_requests SET status = 'confirmed', decided_at = $2, decided_by = $3, note = 'паспортные данные совпали' WHERE id = $1`, [id, now, actor.customerId]);
      for (const [to, body] of [
        [r.new_phone, `Номер подтверждён: входите в личный кабинет по номеру ${formatPhone(r.new_phone)}.`],
        [r.old_phone, `Номер для входа в личный кабинет изменён на ${formatPhone(r.new_phone)}. Если это были не вы, позвоните нам.`],
      ] as const) {
        messages.push(await this.deps.notifications.enqueue(em, { channel: 'sms', to, body, customerId: r.customer_id }));
      }
      await this.deps.audit.record(em, { action: 'phone_changed', actorId: actor.customerId, customerId: r.customer_id, ip: meta.ip, details: { from: r.old_phone, to: r.new_phone, requestId: id, confirmedByStaff: true } });
      return { ok: true, value: r };
    });
    if (!outcome.ok) throw outcome.error;
    await this.deps.notifications.deliver(messages);
    return this.get(id);
  }

  async reject(actor: AuthContext, id: string, reason: string, meta: RequestMeta): Promise<PhoneChangeRequestView> {
    const messages: string[] = [];
    await this.ds.transaction(async (em) => {
      const r = await this.pending(em, id);
      await em.query(`UPDATE phone_change_requests SET status = 'rejected', decided_at = $2, decided_by = $3, note = $4 WHERE id = $1`, [id, this.clock.now(), actor.customerId, reason]);
      messages.push(
        await this.deps.notifications.enqueue(em, {
          channel: 'sms',
          to: r.old_phone,
          customerId: r.customer_id,
          body: `Смена номера на ${formatPhone(r.new_phone)} отклонена: ${reason}. Вход — по прежнему номеру.`,
        }),
      );
      await this.deps.audit.record(em, { action: 'phone_change_rejected', actorId: actor.customerId, customerId: r.customer_id, ip: meta.ip, details: { requestId: id, reason } });
    });
    await this.deps.notifications.deliver(messages);
    return this.get(id);
  }

  private async pending(em: EntityManager, id: string): Promise<Row> {
    const [r]: Row[] = await em.query(`${SELECT} WHERE r.id = $1 FOR UPDATE OF r`, [id]);
    if (!r) throw AppError.notFound('The phone change');
    if (r.status !== 'pending') throw new AppError('conflict', 409, `This phone change is already ${r.status}.`);
    return r;
  }
}
