import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Usage is applied with one relative UPDATE per line (its row lock is the only lock taken), so the
 * package counters may go below zero: `-10` minutes left means 10 minutes past the package, already
 * charged. Views show max(0, left). The per-record split into package/overage is no longer stored:
 * the charge is one ledger entry per line and batch.
 */
export class UsageRelativeCounters1764200000000 implements MigrationInterface {
  name = 'UsageRelativeCounters1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE usage_records DROP COLUMN from_package, DROP COLUMN overage, DROP COLUMN charged;`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE usage_records ADD COLUMN from_package integer NOT NULL DEFAULT 0,
        ADD COLUMN overage integer NOT NULL DEFAULT 0, ADD COLUMN charged bigint NOT NULL DEFAULT 0;
      UPDATE mobile_lines SET minutes_left = greatest(minutes_left, 0), sms_left = greatest(sms_left, 0), mb_left = greatest(mb_left, 0);
    `);
  }
}
