import type { EntityManager } from 'typeorm';
import type { Clock } from '../platform/clock';

/** A demo partner for the integrator back office (its keys are issued there: a key is shown only once). */
export async function seedIntegrations(em: EntityManager, clock: Clock): Promise<void> {
  const now = clock.now();
  await em.query(
    `INSERT INTO partners (name, contact_email, description, created_at, updated_at)
     SELECT $1::varchar, $2::varchar, $3::varchar, $4, $4 WHERE NOT EXISTS (SELECT 1 FROM partners WHERE lower(name) = lower($1::varchar))`,
    ['Демо-партнёр: CRM', 'crm@partner.example', 'CRM партнёра: получает события о платежах по вебхукам', now],
  );
}
