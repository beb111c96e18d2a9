import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bonus operations written in one transaction share a timestamp (a refund's return and reversal, a
 * purchase's spend and accrual): a sequence number orders them the way they happened, for the history,
 * its cursors and the statement's closing balance.
 */
export class BonusOperationOrder1765100000001 implements MigrationInterface {
  name = 'BonusOperationOrder1765100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE bonus_operations ADD COLUMN seq bigserial NOT NULL;
      DROP INDEX bonus_operations_customer_idx;
      CREATE INDEX bonus_operations_customer_idx ON bonus_operations (customer_id, created_at DESC, seq DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX bonus_operations_customer_idx;
      ALTER TABLE bonus_operations DROP COLUMN seq;
      CREATE INDEX bonus_operations_customer_idx ON bonus_operations (customer_id, created_at DESC, id DESC);
    `);
  }
}
