import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Scheduled tariff changes, integrator API keys, usage records, and the period bookkeeping. */
export class TariffChangesUsageKeys1764000000000 implements MigrationInterface {
  name = 'TariffChangesUsageKeys1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scheduled_tariff_changes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers (id),
        account_id uuid NOT NULL REFERENCES accounts (id),
        line_id uuid REFERENCES mobile_lines (id),
        contract_id uuid REFERENCES internet_contracts (id),
        tariff_id uuid NOT NULL REFERENCES tariffs (id),
        effective_at timestamptz NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'applied', 'canceled')),
        created_at timestamptz NOT NULL,
        settled_at timestamptz,
        CHECK ((line_id IS NULL) <> (contract_id IS NULL))
      );
      CREATE UNIQUE INDEX scheduled_tariff_changes_live_line ON scheduled_tariff_changes (line_id) WHERE status = 'scheduled';
      CREATE UNIQUE INDEX scheduled_tariff_changes_live_contract ON scheduled_tariff_changes (contract_id) WHERE status = 'scheduled';

      ALTER TABLE internet_contracts ADD COLUMN suspend_reason varchar(16);

      -- Integrator keys: shown once, stored as sha256; the prefix identifies a key in logs and lists.
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        prefix varchar(16) NOT NULL UNIQUE,
        key_hash varchar(64) NOT NULL,
        scopes text[] NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz,
        revoked_at timestamptz
      );

      -- One row per usage record an integrator posted; the record id makes a replay count once.
      CREATE TABLE usage_records (
        api_key_id uuid NOT NULL REFERENCES api_keys (id),
        record_id varchar(64) NOT NULL,
        customer_id uuid NOT NULL REFERENCES customers (id),
        line_id uuid NOT NULL REFERENCES mobile_lines (id),
        kind varchar(8) NOT NULL CHECK (kind IN ('minutes', 'sms', 'mb')),
        quantity integer NOT NULL CHECK (quantity > 0),
        from_package integer NOT NULL,
        overage integer NOT NULL,
        charged bigint NOT NULL,
        occurred_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        PRIMARY KEY (api_key_id, record_id)
      );
      CREATE INDEX usage_records_line_idx ON usage_records (line_id, occurred_at DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE usage_records; DROP TABLE api_keys; ALTER TABLE internet_contracts DROP COLUMN suspend_reason;
      DROP TABLE scheduled_tariff_changes;
    `);
  }
}
