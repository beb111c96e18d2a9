import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Customers, sessions, sign-in protection, one-time codes, notification outbox, audit log, rate limits. */
export class PlatformAndAuth1763800000000 implements MigrationInterface {
  name = 'PlatformAndAuth1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE customers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        phone varchar(16) NOT NULL UNIQUE,
        contract_number varchar(32) UNIQUE,
        surname varchar(100) NOT NULL,
        name varchar(100) NOT NULL,
        patronymic varchar(100),
        birth_date date,
        gender varchar(6) CHECK (gender IN ('male', 'female')),
        email varchar(254),
        password_hash varchar(255) NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'blocked')),
        role varchar(16) NOT NULL DEFAULT 'subscriber' CHECK (role IN ('subscriber', 'operator', 'admin')),
        must_change_password boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE UNIQUE INDEX customers_email_key ON customers (lower(email)) WHERE email IS NOT NULL;

      -- customer_id first in every customer-owned table: distributable by customer_id (DESIGN §7).
      CREATE TABLE sessions (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers (id),
        refresh_hash varchar(64) NOT NULL,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoke_reason varchar(32),
        user_agent varchar(512),
        ip varchar(64)
      );
      CREATE INDEX sessions_customer_idx ON sessions (customer_id, created_at DESC, id DESC);

      -- Consecutive failed sign-ins per login (normalised phone or contract number), known or not.
      CREATE TABLE login_attempts (
        login_key varchar(64) PRIMARY KEY,
        failures integer NOT NULL DEFAULT 0,
        last_failure_at timestamptz,
        locked_until timestamptz
      );

      CREATE TABLE captcha_challenges (
        id uuid PRIMARY KEY,
        answer varchar(16) NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      );
      CREATE INDEX captcha_challenges_expires_idx ON captcha_challenges (expires_at);

      CREATE TABLE one_time_codes (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers (id),
        purpose varchar(32) NOT NULL,
        target varchar(254) NOT NULL,
        code_hash varchar(64) NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        consumed_at timestamptz
      );
      CREATE INDEX one_time_codes_lookup_idx ON one_time_codes (customer_id, purpose, created_at DESC);

      CREATE TABLE notification_outbox (
        id uuid PRIMARY KEY,
        customer_id uuid REFERENCES customers (id),
        channel varchar(8) NOT NULL CHECK (channel IN ('sms', 'email')),
        recipient varchar(254) NOT NULL,
        subject varchar(200),
        body text NOT NULL,
        status varchar(8) NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        sent_at timestamptz,
        error text
      );
      CREATE INDEX notification_outbox_created_idx ON notification_outbox (created_at DESC, id DESC);
      CREATE INDEX notification_outbox_recipient_idx ON notification_outbox (recipient, created_at DESC, id DESC);

      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        action varchar(64) NOT NULL,
        actor_id uuid,
        customer_id uuid,
        ip varchar(64),
        details jsonb NOT NULL DEFAULT '{}'
      );
      CREATE INDEX audit_log_customer_idx ON audit_log (customer_id, at DESC);

      -- Fixed-window counters shared by every API node (DESIGN §7: no limits in process memory).
      CREATE TABLE rate_limit_hits (
        key varchar(200) PRIMARY KEY,
        hits integer NOT NULL,
        reset_at timestamptz NOT NULL
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE rate_limit_hits; DROP TABLE audit_log; DROP TABLE notification_outbox;
      DROP TABLE one_time_codes; DROP TABLE captcha_challenges; DROP TABLE login_attempts;
      DROP TABLE sessions; DROP TABLE customers;
    `);
  }
}
