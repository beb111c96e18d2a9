import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Idempotency-Key records, shared by every API node (DESIGN §4, §7). */
export class IdempotencyKeys1764400000000 implements MigrationInterface {
  name = 'IdempotencyKeys1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        scope varchar(80) NOT NULL,
        key varchar(255) NOT NULL,
        route varchar(160) NOT NULL,
        request_hash varchar(64) NOT NULL,
        status varchar(12) NOT NULL CHECK (status IN ('in_progress', 'done')),
        response_status integer,
        response_body jsonb,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (scope, key)
      );
      CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys;`);
  }
}
