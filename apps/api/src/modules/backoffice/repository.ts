import type { EntityManager } from 'typeorm';
import type { CustomerRole, CustomerStatus } from '@cabinet/shared-types';

export interface CustomerHitRow {
  id: string;
  phone: string;
  contract_number: string | null;
  surname: string;
  name: string;
  patronymic: string | null;
  role: CustomerRole;
  status: CustomerStatus;
  must_change_password: boolean;
  created_at: Date;
  account_numbers: string[];
}

export interface AuditRow {
  id: string;
  at: Date;
  action: string;
  actor_id: string | null;
  customer_id: string | null;
  ip: string | null;
  details: Record<string, unknown>;
  actor_name: string | null;
  actor_role: CustomerRole | null;
}

/** A LIKE prefix, lower-cased as ICU's lower() does (the queries compare with lower(x COLLATE "und-x-icu")). */
const likePrefix = (s: string) => `${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The back office reads across customers by nature (DESIGN §7 names back-office search as the
 * exception to "every query filters by customer_id"). Reads only: every change goes through the
 * owning module's service.
 */
export const BackofficeRepository = {
  /**
   * By login phone or a line's number, contract number, account number, or name (surname first, then
   * name and patronymic, each a prefix: `Иванов Ив`).
   */
  async searchCustomers(em: EntityManager, q: { phone: string | null; digits: string | null; words: string[]; after: { at: string; id: string } | null; limit: number }): Promise<CustomerHitRow[]> {
    const [first, ...rest] = q.words;
    return em.query(
      `WITH hits AS (
         SELECT id FROM customers WHERE phone = $1
         UNION SELECT customer_id FROM mobile_lines WHERE msisdn = $1
         UNION SELECT id FROM customers WHERE contract_number = $2
         UNION SELECT customer_id FROM internet_contracts WHERE contract_number = $2
         UNION SELECT customer_id FROM accounts WHERE number = $2
         UNION SELECT id FROM customers c
                WHERE $3::text IS NOT NULL AND lower(c.surname COLLATE "und-x-icu") LIKE $3
                  AND NOT EXISTS (SELECT 1 FROM unnest($4::text[]) w
                                   WHERE NOT (lower(c.name COLLATE "und-x-icu") LIKE w OR lower(coalesce(c.patronymic, '') COLLATE "und-x-icu") LIKE w))
       )
       SELECT c.id, c.phone, c.contract_number, c.surname, c.name, c.patronymic, c.role, c.status, c.must_change_password, c.created_at,
              array(SELECT a.number FROM accounts a WHERE a.customer_id = c.id ORDER BY a.created_at, a.id) AS account_numbers
         FROM customers c
        WHERE c.id IN (SELECT id FROM hits) AND ($5::timestamptz IS NULL OR (c.created_at, c.id) > ($5, $6::uuid))
        ORDER BY c.created_at, c.id LIMIT $7`,
      [q.phone ?? '', q.digits ?? '', first ? likePrefix(first) : null, rest.map(likePrefix), q.after?.at ?? null, q.after?.id ?? null, q.limit],
    );
  },

  async staff(em: EntityManager): Promise<CustomerHitRow[]> {
    return em.query(
      `SELECT c.id, c.phone, c.contract_number, c.surname, c.name, c.patronymic, c.role, c.status, c.must_change_password, c.created_at, '{}'::text[] AS account_numbers
         FROM customers c WHERE c.role <> 'subscriber' ORDER BY c.created_at, c.id`,
    );
  },

  async activeAdmins(em: EntityManager, except: string): Promise<number> {
    const [row] = await em.query(`SELECT count(*)::int AS n FROM customers WHERE role = 'admin' AND status = 'active' AND id <> $1`, [except]);
    return row.n;
  },

  async audit(
    em: EntityManager,
    q: { action?: string; actorId?: string; customerId?: string; from?: string; to?: string; after: { at: string; id: string } | null; limit: number },
  ): Promise<AuditRow[]> {
    return em.query(
      `SELECT l.*, CASE WHEN c.id IS NULL THEN NULL ELSE c.name || ' ' || c.surname END AS actor_name, c.role AS actor_role
         FROM audit_log l LEFT JOIN customers c ON c.id = l.actor_id
        WHERE ($1::text IS NULL OR l.action = $1) AND ($2::uuid IS NULL OR l.actor_id = $2) AND ($3::uuid IS NULL OR l.customer_id = $3)
          AND ($4::timestamptz IS NULL OR l.at >= $4) AND ($5::timestamptz IS NULL OR l.at < $5)
          AND ($6::timestamptz IS NULL OR (l.at, l.id) < ($6, $7::bigint))
        ORDER BY l.at DESC, l.id DESC LIMIT $8`,
      [q.action ?? null, q.actorId ?? null, q.customerId ?? null, q.from ?? null, q.to ?? null, q.after?.at ?? null, q.after?.id ?? null, q.limit],
    );
  },
};
