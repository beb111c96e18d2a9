import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payments (issue 4): payments and their lifecycle, saved cards, autopay rules, promised and deferred
 * payments, the low-balance alert, and the sandbox acquirer's own tables (it plays an external system
 * that runs here, so it keeps its own state and reaches the product only through its API and callbacks).
 */
export class Payments1764500000000 implements MigrationInterface {
  name = 'Payments1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE saved_cards (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers (id),
        provider varchar(16) NOT NULL,
        token varchar(64) NOT NULL,
        last4 char(4) NOT NULL,
        brand varchar(16) NOT NULL,
        exp_month smallint NOT NULL CHECK (exp_month BETWEEN 1 AND 12),
        exp_year smallint NOT NULL,
        holder varchar(100) NOT NULL,
        is_default boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        deleted_at timestamptz
      );
      CREATE UNIQUE INDEX saved_cards_token_key ON saved_cards (customer_id, provider, token) WHERE deleted_at IS NULL;
      CREATE UNIQUE INDEX saved_cards_default_key ON saved_cards (customer_id) WHERE is_default AND deleted_at IS NULL;

      CREATE TABLE autopay_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers (id),
        account_id uuid NOT NULL REFERENCES accounts (id),
        card_id uuid NOT NULL REFERENCES saved_cards (id),
        kind varchar(16) NOT NULL CHECK (kind IN ('threshold', 'monthly')),
        amount bigint NOT NULL CHECK (amount > 0),
        threshold bigint,
        day_of_month smallint CHECK (day_of_month BETWEEN 1 AND 28),
        status varchar(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'stopped')),
        failures smallint NOT NULL DEFAULT 0,
        last_run_at timestamptz,
        next_run_at timestamptz,
        created_at timestamptz NOT NULL,
        deleted_at timestamptz,
        CHECK ((kind = 'threshold' AND threshold IS NOT NULL) OR (kind = 'monthly' AND day_of_month IS NOT NULL))
      );
      CREATE UNIQUE INDEX autopay_rules_kind_key ON autopay_rules (account_id, kind) WHERE deleted_at IS NULL;
      CREATE INDEX autopay_rules_due_idx ON autopay_rules (next_run_at) WHERE status = 'active' AND deleted_at IS NULL;

      CREATE TABLE payments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number bigserial UNIQUE,
        customer_id uuid REFERENCES customers (id),
        account_id uuid NOT NULL REFERENCES accounts (id),
        amount bigint NOT NULL CHECK (amount > 0),
        method varchar(16) NOT NULL CHECK (method IN ('bank_card', 'saved_card', 'sbp', 'wallet')),
        purpose varchar(16) NOT NULL CHECK (purpose IN ('top_up', 'card_binding')),
        source varchar(16) NOT NULL CHECK (source IN ('customer', 'autopay', 'third_party')),
        status varchar(16) NOT NULL CHECK (status IN ('pending', 'succeeded', 'canceled')),
        cancellation_reason varchar(32),
        card_id uuid REFERENCES saved_cards (id),
        save_card boolean NOT NULL DEFAULT false,
        autopay_rule_id uuid REFERENCES autopay_rules (id),
        provider varchar(16) NOT NULL,
        provider_payment_id varchar(64),
        confirmation jsonb,
        card_last4 char(4),
        card_brand varchar(16),
        return_url varchar(300),
        refunded bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        settled_at timestamptz
      );
      CREATE UNIQUE INDEX payments_provider_key ON payments (provider, provider_payment_id);
      CREATE INDEX payments_account_idx ON payments (account_id, created_at DESC, id DESC);
      CREATE INDEX payments_pending_idx ON payments (created_at) WHERE status = 'pending';
      -- One autopay payment in flight per rule.
      CREATE UNIQUE INDEX payments_autopay_pending_key ON payments (autopay_rule_id) WHERE status = 'pending';

      CREATE TABLE promised_payments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers (id),
        account_id uuid NOT NULL REFERENCES accounts (id),
        amount bigint NOT NULL CHECK (amount > 0),
        fee bigint NOT NULL CHECK (fee >= 0),
        outstanding bigint NOT NULL CHECK (outstanding >= 0),
        status varchar(16) NOT NULL CHECK (status IN ('open', 'repaid', 'overdue')),
        due_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        settled_at timestamptz
      );
      -- One at a time: an account has at most one promised payment not yet repaid.
      CREATE UNIQUE INDEX promised_payments_one_open_key ON promised_payments (account_id) WHERE status <> 'repaid';
      CREATE INDEX promised_payments_due_idx ON promised_payments (due_at) WHERE status = 'open';

      CREATE TABLE deferred_payments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers (id),
        account_id uuid NOT NULL REFERENCES accounts (id),
        month char(7) NOT NULL,
        days smallint NOT NULL CHECK (days BETWEEN 1 AND 5),
        paid_until_before date,
        paid_until date NOT NULL,
        created_at timestamptz NOT NULL,
        UNIQUE (account_id, month)
      );

      ALTER TABLE accounts ADD COLUMN low_balance_threshold bigint, ADD COLUMN low_balance_notified boolean NOT NULL DEFAULT false;
      CREATE INDEX accounts_low_balance_idx ON accounts (id) WHERE low_balance_threshold IS NOT NULL;
      ALTER TABLE tariffs ADD COLUMN promised_limit bigint NOT NULL DEFAULT 30000;
      ALTER TABLE internet_contracts ADD COLUMN deferred_until date;

      CREATE TABLE sandbox_acquirer_payments (
        id varchar(40) PRIMARY KEY,
        amount bigint NOT NULL,
        description varchar(200) NOT NULL,
        method varchar(16) NOT NULL,
        status varchar(16) NOT NULL,
        cancellation_reason varchar(32),
        three_ds_required boolean NOT NULL DEFAULT false,
        save_method boolean NOT NULL DEFAULT false,
        card_token varchar(64),
        return_url varchar(300),
        metadata jsonb NOT NULL DEFAULT '{}',
        refunded bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        settled_at timestamptz
      );
      CREATE TABLE sandbox_acquirer_cards (
        token varchar(64) PRIMARY KEY,
        last4 char(4) NOT NULL,
        brand varchar(16) NOT NULL,
        exp_month smallint NOT NULL,
        exp_year smallint NOT NULL,
        holder varchar(100) NOT NULL,
        behaviour varchar(16) NOT NULL,
        created_at timestamptz NOT NULL
      );
      CREATE TABLE sandbox_acquirer_callbacks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        payment_id varchar(40) NOT NULL,
        body text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        delivered_at timestamptz,
        last_error varchar(300),
        created_at timestamptz NOT NULL
      );
      CREATE INDEX sandbox_acquirer_callbacks_due_idx ON sandbox_acquirer_callbacks (next_attempt_at) WHERE delivered_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE sandbox_acquirer_callbacks; DROP TABLE sandbox_acquirer_cards; DROP TABLE sandbox_acquirer_payments;
      ALTER TABLE internet_contracts DROP COLUMN deferred_until;
      ALTER TABLE tariffs DROP COLUMN promised_limit;
      DROP INDEX accounts_low_balance_idx;
      ALTER TABLE accounts DROP COLUMN low_balance_threshold, DROP COLUMN low_balance_notified;
      DROP TABLE deferred_payments; DROP TABLE promised_payments; DROP TABLE payments; DROP TABLE autopay_rules; DROP TABLE saved_cards;
    `);
  }
}
