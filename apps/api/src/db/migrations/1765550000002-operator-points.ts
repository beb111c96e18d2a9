import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Operator points (issue 10): each tariff's rate of bonus points on a line's paid charges, in basis
 * points (100 = 1 %; 0 = none). A monthly job accrues them into the bonus engine once per line and month.
 */
export class OperatorPoints1765550000002 implements MigrationInterface {
  name = 'OperatorPoints1765550000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tariffs ADD COLUMN points_rate_bp integer NOT NULL DEFAULT 0 CHECK (points_rate_bp BETWEEN 0 AND 10000)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tariffs DROP COLUMN points_rate_bp`);
  }
}
