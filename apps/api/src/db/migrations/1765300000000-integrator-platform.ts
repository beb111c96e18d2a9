import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9: partners and their API keys (IP allow-list, per-key rate limit, rotation), the per-key call
 * log and daily usage, webhook endpoints with their events, deliveries and attempts, and the
 * Gosuslugi (ESIA) sign-in: the OpenID Connect flows under way and the linked identities.
 */
export class IntegratorPlatform1765300000000 implements MigrationInterface {
  name = 'IntegratorPlatform1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE partners (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        contact_email varchar(254) NOT NULL,
        description varchar(500),
        status varchar(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE UNIQUE INDEX partners_name_key ON partners (lower(name));

      ALTER TABLE api_keys
        ADD COLUMN partner_id uuid REFERENCES partners (id),
        ADD COLUMN ip_allowlist cidr[] NOT NULL DEFAULT '{}',
        ADD COLUMN rate_limit_per_minute integer NOT NULL DEFAULT 6000 CHECK (rate_limit_per_minute > 0),
        ADD COLUMN rotated_from_id uuid REFERENCES api_keys (id),
        ADD COLUMN replaced_by_id uuid REFERENCES api_keys (id),
        ADD COLUMN last_used_at timestamptz,
        ADD COLUMN created_by uuid,
        ADD COLUMN revoked_by uuid;
      CREATE INDEX api_keys_partner_idx ON api_keys (partner_id, created_at DESC, id DESC);

      -- Every call made with a key. Written in batches after the answer went out (see call-log.ts).
      CREATE TABLE api_key_calls (
        id bigserial PRIMARY KEY,
        api_key_id uuid NOT NULL REFERENCES api_keys (id),
        at timestamptz NOT NULL,
        method varchar(8) NOT NULL,
        route varchar(160) NOT NULL,
        status smallint NOT NULL,
        latency_ms integer NOT NULL,
        ip varchar(64)
      );
      CREATE INDEX api_key_calls_key_idx ON api_key_calls (api_key_id, at DESC, id DESC);
      CREATE INDEX api_key_calls_at_idx ON api_key_calls (at);

      CREATE TABLE api_key_usage_daily (
        api_key_id uuid NOT NULL REFERENCES api_keys (id),
        day date NOT NULL,
        route varchar(160) NOT NULL,
        calls integer NOT NULL,
        errors integer NOT NULL,
        latency_ms_total bigint NOT NULL,
        PRIMARY KEY (api_key_id, day, route)
      );

      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partner_id uuid NOT NULL REFERENCES partners (id),
        url varchar(2048) NOT NULL,
        description varchar(200),
        events text[] NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        disabled_reason varchar(16) CHECK (disabled_reason IN ('failing', 'manual')),
        secret varchar(100) NOT NULL,
        previous_secret varchar(100),
        previous_secret_expires_at timestamptz,
        failing_since timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX webhook_endpoints_partner_idx ON webhook_endpoints (partner_id, created_at);
      CREATE INDEX webhook_endpoints_events_idx ON webhook_endpoints USING gin (events) WHERE status = 'active';

      -- The outbox of events: written in the publishing module's transaction, so only committed changes are told.
      CREATE TABLE webhook_events (
        id varchar(40) PRIMARY KEY,
        type varchar(64) NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX webhook_events_created_idx ON webhook_events (created_at);

      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id varchar(40) NOT NULL REFERENCES webhook_events (id),
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints (id),
        status varchar(12) NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        last_attempt_at timestamptz,
        last_status_code integer,
        created_at timestamptz NOT NULL,
        UNIQUE (endpoint_id, event_id)
      );
      CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
      CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, created_at DESC, id DESC);

      CREATE TABLE webhook_attempts (
        id bigserial PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES webhook_deliveries (id),
        at timestamptz NOT NULL,
        status_code integer,
        duration_ms integer NOT NULL,
        error varchar(500),
        manual boolean NOT NULL DEFAULT false
      );
      CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id, at DESC);

      -- Gosuslugi accounts linked to customers; customer_id first (DESIGN §7).
      CREATE TABLE customer_identities (
        customer_id uuid NOT NULL REFERENCES customers (id),
        provider varchar(16) NOT NULL,
        subject varchar(255) NOT NULL,
        verified jsonb NOT NULL,
        linked_at timestamptz NOT NULL,
        PRIMARY KEY (customer_id, provider),
        UNIQUE (provider, subject)
      );

      -- An OpenID Connect sign-in under way: state, nonce and PKCE verifier, then (if a customer must
      -- confirm a link) the ticket. In the database, so the callback may land on any node.
      CREATE TABLE esia_logins (
        id uuid PRIMARY KEY,
        state_hash varchar(64) NOT NULL UNIQUE,
        code_verifier varchar(128) NOT NULL,
        nonce varchar(64) NOT NULL,
        redirect_uri varchar(512) NOT NULL,
        next varchar(512) NOT NULL,
        link_customer_id uuid REFERENCES customers (id),
        status varchar(16) NOT NULL CHECK (status IN ('started', 'link_pending', 'done', 'failed')),
        ticket_hash varchar(64) UNIQUE,
        customer_id uuid REFERENCES customers (id),
        subject varchar(255),
        verified jsonb,
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX esia_logins_expires_idx ON esia_logins (expires_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE esia_logins; DROP TABLE customer_identities;
      DROP TABLE webhook_attempts; DROP TABLE webhook_deliveries; DROP TABLE webhook_events; DROP TABLE webhook_endpoints;
      DROP TABLE api_key_usage_daily; DROP TABLE api_key_calls;
      ALTER TABLE api_keys DROP COLUMN partner_id, DROP COLUMN ip_allowlist, DROP COLUMN rate_limit_per_minute, DROP COLUMN rotated_from_id,
        DROP COLUMN replaced_by_id, DROP COLUMN last_used_at, DROP COLUMN created_by, DROP COLUMN revoked_by;
      DROP TABLE partners;
    `);
  }
}
