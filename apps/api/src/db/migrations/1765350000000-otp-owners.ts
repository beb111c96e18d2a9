import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One-time codes are owned three ways, and two branches built one each: by a customer (sign-in, profile),
 * by a subject that is not a customer yet (a bonus card being activated), or by nobody but the phone it
 * went to (the loan wizard confirms a phone before the person registers). The bonus migration required a
 * customer or a subject, which refused every loan applicant's code (a 500): a code now may not have both,
 * and may have neither.
 */
export class OtpOwners1765350000000 implements MigrationInterface {
  name = 'OtpOwners1765350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE one_time_codes DROP CONSTRAINT one_time_codes_owner_check;
      ALTER TABLE one_time_codes ADD CONSTRAINT one_time_codes_owner_check CHECK (customer_id IS NULL OR subject IS NULL);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM one_time_codes WHERE customer_id IS NULL AND subject IS NULL;
      ALTER TABLE one_time_codes DROP CONSTRAINT one_time_codes_owner_check;
      ALTER TABLE one_time_codes ADD CONSTRAINT one_time_codes_owner_check CHECK (customer_id IS NOT NULL OR subject IS NOT NULL);
    `);
  }
}
