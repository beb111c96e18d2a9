import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10, line extras: the call blacklist of a mobile line (an on/off switch with a fee per period,
 * up to 300 numbers) and the paid content services on a line (listed with their price, switched off in
 * one click). Payments made without signing in need no table: they are `payments` rows with
 * `source = 'third_party'` (a null `customer_id` when nobody was signed in).
 */
export class LineExtras1765550000000 implements MigrationInterface {
  name = 'LineExtras1765550000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE line_blacklists (
        line_id uuid PRIMARY KEY REFERENCES mobile_lines (id),
        customer_id uuid NOT NULL REFERENCES customers (id),
        account_id uuid NOT NULL REFERENCES accounts (id),
        enabled boolean NOT NULL DEFAULT false,
        -- The start of the line period whose fee was charged last (null: never).
        charged_period timestamptz,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX line_blacklists_enabled_idx ON line_blacklists (line_id) WHERE enabled;

      CREATE TABLE line_blacklist_numbers (
        line_id uuid NOT NULL REFERENCES mobile_lines (id),
        msisdn varchar(16) NOT NULL,
        customer_id uuid NOT NULL REFERENCES customers (id),
        note varchar(60),
        created_at timestamptz NOT NULL,
        PRIMARY KEY (line_id, msisdn)
      );

      CREATE TABLE line_content_services (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        line_id uuid NOT NULL REFERENCES mobile_lines (id),
        customer_id uuid NOT NULL REFERENCES customers (id),
        account_id uuid NOT NULL REFERENCES accounts (id),
        title varchar(100) NOT NULL,
        provider varchar(100) NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('subscription', 'content')),
        price bigint NOT NULL CHECK (price > 0),
        status varchar(8) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'off')),
        connected_at timestamptz NOT NULL,
        switched_off_at timestamptz,
        -- The start of the line period whose price was charged last.
        charged_period timestamptz
      );
      CREATE INDEX line_content_services_line_idx ON line_content_services (line_id, connected_at, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE line_content_services; DROP TABLE line_blacklist_numbers; DROP TABLE line_blacklists;`);
  }
}
