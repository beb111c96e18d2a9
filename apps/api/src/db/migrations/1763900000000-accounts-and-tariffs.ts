import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tariff and option catalogs (reference tables), accounts, mobile lines, internet contracts, devices, access grants, the ledger. */
export class AccountsAndTariffs1763900000000 implements MigrationInterface {
  name = 'AccountsAndTariffs1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tariffs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(64) NOT NULL UNIQUE,
        kind varchar(16) NOT NULL CHECK (kind IN ('mobile', 'internet')),
        provider varchar(32) NOT NULL,
        name varchar(100) NOT NULL,
        description text NOT NULL DEFAULT '',
        region varchar(64) NOT NULL,
        monthly_fee bigint NOT NULL CHECK (monthly_fee >= 0),
        change_fee bigint NOT NULL DEFAULT 0 CHECK (change_fee >= 0),
        minutes integer NOT NULL DEFAULT 0,
        sms integer NOT NULL DEFAULT 0,
        mb integer NOT NULL DEFAULT 0,
        speed_mbps integer,
        minute_price bigint NOT NULL DEFAULT 0,
        sms_price bigint NOT NULL DEFAULT 0,
        mb_price bigint NOT NULL DEFAULT 0,
        archived boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX tariffs_catalog_idx ON tariffs (kind, provider, monthly_fee, id);

      CREATE TABLE tariff_options (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(64) NOT NULL UNIQUE,
        kind varchar(16) NOT NULL CHECK (kind IN ('mobile', 'internet')),
        provider varchar(32) NOT NULL,
        name varchar(100) NOT NULL,
        description text NOT NULL DEFAULT '',
        monthly_fee bigint NOT NULL CHECK (monthly_fee >= 0),
        minutes integer NOT NULL DEFAULT 0,
        sms integer NOT NULL DEFAULT 0,
        mb integer NOT NULL DEFAULT 0,
        archived boolean NOT NULL DEFAULT false
      );
      CREATE TABLE tariff_option_fits (
        option_id uuid NOT NULL REFERENCES tariff_options (id),
        tariff_id uuid NOT NULL REFERENCES tariffs (id),
        PRIMARY KEY (option_id, tariff_id)
      );

      CREATE TABLE accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers (id),
        number varchar(20) NOT NULL UNIQUE,
        kind varchar(16) NOT NULL CHECK (kind IN ('mobile', 'internet')),
        status varchar(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'blocked', 'closed')),
        balance bigint NOT NULL DEFAULT 0,
        credit_limit bigint NOT NULL DEFAULT 0 CHECK (credit_limit >= 0),
        paid_until date,
        created_at timestamptz NOT NULL,
        CONSTRAINT accounts_credit_limit_chk CHECK (balance >= -credit_limit)
      );
      CREATE INDEX accounts_customer_idx ON accounts (customer_id, created_at, id);

      CREATE TABLE mobile_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers (id),
        account_id uuid NOT NULL REFERENCES accounts (id),
        msisdn varchar(16) NOT NULL UNIQUE,
        iccid varchar(22) NOT NULL UNIQUE,
        operator varchar(16) NOT NULL CHECK (operator IN ('megafon', 'beeline', 'mts', 'tele2')),
        tariff_id uuid NOT NULL REFERENCES tariffs (id),
        status varchar(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'blocked')),
        block_reason varchar(16),
        blocked_at timestamptz,
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL,
        minutes_left integer NOT NULL,
        sms_left integer NOT NULL,
        mb_left integer NOT NULL,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX mobile_lines_account_idx ON mobile_lines (account_id, created_at, id);
      CREATE INDEX mobile_lines_period_idx ON mobile_lines (period_end);

      CREATE TABLE line_options (
        line_id uuid NOT NULL REFERENCES mobile_lines (id),
        option_id uuid NOT NULL REFERENCES tariff_options (id),
        customer_id uuid NOT NULL REFERENCES customers (id),
        activated_at timestamptz NOT NULL,
        PRIMARY KEY (line_id, option_id)
      );

      CREATE TABLE internet_contracts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers (id),
        account_id uuid NOT NULL UNIQUE REFERENCES accounts (id),
        contract_number varchar(32) NOT NULL UNIQUE,
        address varchar(300) NOT NULL,
        tariff_id uuid NOT NULL REFERENCES tariffs (id),
        status varchar(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
        suspended_at timestamptz,
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL,
        traffic_mb bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL
      );

      CREATE TABLE devices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers (id),
        contract_id uuid NOT NULL REFERENCES internet_contracts (id),
        mac varchar(17) NOT NULL,
        name varchar(60) NOT NULL,
        added_at timestamptz NOT NULL,
        UNIQUE (contract_id, mac)
      );

      -- Who else may see or act on an account. Cross-customer by nature: the grantee reads it.
      CREATE TABLE account_grants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers (id),
        account_id uuid NOT NULL REFERENCES accounts (id),
        grantee_id uuid NOT NULL REFERENCES customers (id),
        level varchar(16) NOT NULL CHECK (level IN ('viewer', 'line_manager', 'account_manager')),
        line_id uuid REFERENCES mobile_lines (id),
        created_at timestamptz NOT NULL,
        revoked_at timestamptz,
        CHECK ((level = 'line_manager') = (line_id IS NOT NULL))
      );
      CREATE UNIQUE INDEX account_grants_live_key ON account_grants (account_id, grantee_id) WHERE revoked_at IS NULL;
      CREATE INDEX account_grants_grantee_idx ON account_grants (grantee_id) WHERE revoked_at IS NULL;

      -- Append-only. Only the ledger module writes here and to accounts.balance, in one transaction.
      CREATE TABLE ledger_entries (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers (id),
        account_id uuid NOT NULL REFERENCES accounts (id),
        amount bigint NOT NULL CHECK (amount <> 0),
        kind varchar(32) NOT NULL,
        ref varchar(120) NOT NULL,
        description varchar(200) NOT NULL DEFAULT '',
        balance_after bigint NOT NULL,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX ledger_entries_account_idx ON ledger_entries (account_id, created_at DESC, id DESC);
      -- One entry per (account, kind, ref): a replayed charge is refused by the database itself.
      CREATE UNIQUE INDEX ledger_entries_ref_key ON ledger_entries (account_id, kind, ref);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE ledger_entries; DROP TABLE account_grants; DROP TABLE devices; DROP TABLE internet_contracts;
      DROP TABLE line_options; DROP TABLE mobile_lines; DROP TABLE accounts; DROP TABLE tariff_option_fits;
      DROP TABLE tariff_options; DROP TABLE tariffs;
    `);
  }
}
