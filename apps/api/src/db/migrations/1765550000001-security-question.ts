import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Password recovery by a security question (issue 10): the question and the argon2id hash of the
 * normalised answer on the customer, and challenges that live and count tries as one-time codes do.
 */
export class SecurityQuestion1765550000001 implements MigrationInterface {
  name = 'SecurityQuestion1765550000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE customers ADD COLUMN security_question varchar(200), ADD COLUMN security_answer_hash varchar(255), ADD COLUMN security_question_set_at timestamptz;
      CREATE TABLE security_question_challenges (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers (id),
        attempts smallint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        consumed_at timestamptz
      );
      CREATE INDEX security_question_challenges_customer_idx ON security_question_challenges (customer_id, created_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE security_question_challenges;
      ALTER TABLE customers DROP COLUMN security_question, DROP COLUMN security_answer_hash, DROP COLUMN security_question_set_at;
    `);
  }
}
