import type { EntityManager } from 'typeorm';
import type {
  ApplicationKind,
  ApplicationStatusView,
  ApplicationView,
  CallbackTopic,
  RequestStatus,
  StaffStatusEventView,
} from '@cabinet/shared-types';
import { rub } from '../../platform/money';
import type { TakenNumber } from '../numbers';

export interface ApplicationRow {
  id: string;
  number: string;
  kind: ApplicationKind;
  status: RequestStatus;
  reason: string | null;
  name: string;
  company_name: string | null;
  phone: string;
  email: string | null;
  address: string | null;
  street: string | null;
  house: string | null;
  building: string | null;
  flat: string | null;
  topic: CallbackTopic | null;
  comment: string | null;
  tariff_id: string | null;
  number_id: string | null;
  customer_id: string | null;
  account_id: string | null;
  line_id: string | null;
  contract_id: string | null;
  new_customer: boolean | null;
  created_at: Date;
  updated_at: Date;
  /** Joined: the tariff. */
  tariff_name: string | null;
  tariff_provider: string | null;
  tariff_fee: string | null;
  /** Joined: the customer with the applicant's phone, if any. */
  existing_customer_id: string | null;
  /** Joined: the customer's contract number (internet login). */
  customer_contract: string | null;
}

export interface EventRow {
  application_id: string;
  status: RequestStatus;
  reason: string | null;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
}

export const SELECT_APPLICATION = `
  SELECT a.*, t.name AS tariff_name, t.provider AS tariff_provider, t.monthly_fee AS tariff_fee,
         (SELECT c.id FROM customers c WHERE c.phone = a.phone) AS existing_customer_id,
         (SELECT c.contract_number FROM customers c WHERE c.id = a.customer_id) AS customer_contract
    FROM applications a LEFT JOIN tariffs t ON t.id = a.tariff_id`;

export const ApplicationsRepository = {
  async events(em: EntityManager, ids: string[]): Promise<Map<string, EventRow[]>> {
    const out = new Map<string, EventRow[]>();
    if (!ids.length) return out;
    const rows: EventRow[] = await em.query(
      `SELECT e.application_id, e.status, e.reason, e.at, e.actor_id, CASE WHEN c.id IS NULL THEN NULL ELSE c.name || ' ' || c.surname END AS actor_name
         FROM application_events e LEFT JOIN customers c ON c.id = e.actor_id
        WHERE e.application_id = ANY($1::uuid[]) ORDER BY e.id`,
      [ids],
    );
    for (const r of rows) out.set(r.application_id, [...(out.get(r.application_id) ?? []), r]);
    return out;
  },

  async addEvent(em: EntityManager, e: { applicationId: string; status: RequestStatus; reason: string | null; actorId: string | null; at: Date }): Promise<void> {
    await em.query(`INSERT INTO application_events (application_id, status, reason, actor_id, at) VALUES ($1, $2, $3, $4, $5)`, [
      e.applicationId,
      e.status,
      e.reason,
      e.actorId,
      e.at,
    ]);
  },
};

export function internetAddressText(r: Pick<ApplicationRow, 'street' | 'house' | 'building' | 'flat'>): string {
  return [r.street, `д. ${r.house}`, r.building ? `корп. ${r.building}` : null, r.flat ? `кв. ${r.flat}` : null].filter(Boolean).join(', ');
}

export function toStatusView(r: ApplicationRow, events: EventRow[], chosen: TakenNumber | null): ApplicationStatusView {
  return {
    number: r.number,
    kind: r.kind,
    status: r.status,
    reason: r.reason,
    tariff: r.tariff_id ? { id: r.tariff_id, name: r.tariff_name ?? '' } : null,
    chosenNumber: chosen?.msisdn ?? null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    history: events.map((e) => ({ status: e.status, at: e.at.toISOString(), reason: e.reason })),
  };
}

export function toApplicationView(r: ApplicationRow, events: EventRow[], chosen: TakenNumber | null): ApplicationView {
  const history: StaffStatusEventView[] = events.map((e) => ({
    status: e.status,
    at: e.at.toISOString(),
    reason: e.reason,
    actor: e.actor_id ? { id: e.actor_id, name: e.actor_name ?? '' } : null,
  }));
  return {
    id: r.id,
    number: r.number,
    kind: r.kind,
    status: r.status,
    reason: r.reason,
    name: r.name,
    companyName: r.company_name,
    phone: r.phone,
    email: r.email,
    address: r.kind === 'internet' ? internetAddressText(r) : r.address,
    internetAddress: r.kind === 'internet' ? { street: r.street ?? '', house: r.house ?? '', building: r.building, flat: r.flat } : null,
    topic: r.topic,
    comment: r.comment,
    tariff: r.tariff_id ? { id: r.tariff_id, name: r.tariff_name ?? '', provider: r.tariff_provider ?? '', monthlyFee: rub(r.tariff_fee ?? 0) } : null,
    chosenNumber: chosen ? { id: chosen.id, msisdn: chosen.msisdn, operator: chosen.operator, price: rub(chosen.price) } : null,
    existingCustomerId: r.existing_customer_id,
    result:
      r.status === 'done' && r.customer_id && r.account_id
        ? {
            customerId: r.customer_id,
            accountId: r.account_id,
            lineId: r.line_id,
            contractId: r.contract_id,
            login: r.kind === 'internet' && r.customer_contract ? r.customer_contract : r.phone,
            newCustomer: r.new_customer ?? false,
          }
        : null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    history,
  };
}
