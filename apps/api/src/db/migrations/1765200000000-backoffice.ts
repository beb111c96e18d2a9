import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Becoming a customer and the back office (issue 7): the number stock and its category prices,
 * public applications (mobile, internet, callback) with their status history, customers' SIM and
 * number orders, account closure, indexes for staff search and the audit viewer, and an audit log
 * that the database itself keeps append-only.
 */
export class Backoffice1765200000000 implements MigrationInterface {
  name = 'Backoffice1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE SEQUENCE application_number_seq START 100001;
      CREATE SEQUENCE order_number_seq START 100001;
      -- Contract numbers of new internet contracts (the demo's 100200300 stays below).
      CREATE SEQUENCE contract_number_seq START 100300001;

      -- Reference table: what a number of a category costs at an operator (the customer pays 50 %).
      CREATE TABLE number_categories (
        operator varchar(16) NOT NULL CHECK (operator IN ('megafon', 'beeline', 'mts', 'tele2')),
        category varchar(16) NOT NULL CHECK (category IN ('regular', 'bronze', 'silver', 'gold', 'platinum')),
        name varchar(60) NOT NULL,
        operator_price bigint NOT NULL CHECK (operator_price >= 0),
        PRIMARY KEY (operator, category)
      );

      -- Default price list (roubles → kopecks); admins change it in the back office.
      INSERT INTO number_categories (operator, category, name, operator_price)
      SELECT o.operator, c.category, c.name, c.rub * o.factor / 100 * 100
        FROM (VALUES ('megafon', 100), ('beeline', 90), ('mts', 110), ('tele2', 80)) AS o(operator, factor),
             (VALUES ('regular', 'Обычный', 0), ('bronze', 'Бронзовый', 3000), ('silver', 'Серебряный', 10000),
                     ('gold', 'Золотой', 30000), ('platinum', 'Платиновый', 100000)) AS c(category, name, rub);

      -- The number stock: free numbers to issue (regular) and the beautiful-number catalog.
      -- A catalog, not customer-owned: a number belongs to nobody until a line takes it.
      CREATE TABLE phone_numbers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        msisdn varchar(16) NOT NULL UNIQUE,
        operator varchar(16) NOT NULL,
        category varchar(16) NOT NULL,
        patterns text[] NOT NULL DEFAULT '{}',
        status varchar(16) NOT NULL DEFAULT 'available' CHECK (status IN ('available', 'reserved', 'sold', 'archived')),
        held_by varchar(48),
        held_at timestamptz,
        created_at timestamptz NOT NULL,
        FOREIGN KEY (operator, category) REFERENCES number_categories (operator, category),
        -- A reserved or sold number always says what holds it.
        CHECK ((status IN ('reserved', 'sold')) = (held_by IS NOT NULL))
      );
      CREATE INDEX phone_numbers_available_idx ON phone_numbers (operator, category, msisdn) WHERE status = 'available';
      CREATE INDEX phone_numbers_status_idx ON phone_numbers (status, msisdn);

      -- Public applications. The applicant is nobody's customer yet: customer_id is set when staff
      -- process it (cross-customer by nature, like back-office search).
      CREATE TABLE applications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number varchar(16) NOT NULL UNIQUE,
        kind varchar(16) NOT NULL CHECK (kind IN ('mobile', 'internet', 'callback')),
        status varchar(24) NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_progress', 'waiting_for_customer', 'done', 'rejected')),
        reason varchar(500),
        name varchar(200) NOT NULL,
        company_name varchar(200),
        phone varchar(16) NOT NULL,
        email varchar(254),
        address varchar(300),
        street varchar(120),
        house varchar(20),
        building varchar(20),
        flat varchar(20),
        topic varchar(16),
        comment text,
        tariff_id uuid REFERENCES tariffs (id),
        number_id uuid REFERENCES phone_numbers (id),
        consent_at timestamptz,
        ip varchar(64),
        customer_id uuid REFERENCES customers (id),
        account_id uuid REFERENCES accounts (id),
        line_id uuid REFERENCES mobile_lines (id),
        contract_id uuid REFERENCES internet_contracts (id),
        new_customer boolean,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK (kind = 'callback' OR tariff_id IS NOT NULL),
        CHECK (status <> 'rejected' OR reason IS NOT NULL)
      );
      CREATE INDEX applications_queue_idx ON applications (kind, created_at DESC, id DESC);
      CREATE INDEX applications_status_idx ON applications (kind, status, created_at DESC, id DESC);
      CREATE INDEX applications_phone_idx ON applications (phone, created_at DESC);
      -- A chosen number is held by one live application at most.
      CREATE UNIQUE INDEX applications_number_live_key ON applications (number_id) WHERE number_id IS NOT NULL AND status <> 'rejected';

      CREATE TABLE application_events (
        id bigserial PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES applications (id),
        status varchar(24) NOT NULL,
        reason varchar(500),
        actor_id uuid REFERENCES customers (id),
        at timestamptz NOT NULL
      );
      CREATE INDEX application_events_application_idx ON application_events (application_id, id);

      CREATE TABLE orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers (id),
        number varchar(16) NOT NULL UNIQUE,
        kind varchar(16) NOT NULL CHECK (kind IN ('sim', 'number')),
        status varchar(24) NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_progress', 'waiting_for_customer', 'done', 'rejected', 'canceled')),
        reason varchar(500),
        account_id uuid NOT NULL REFERENCES accounts (id),
        line_id uuid REFERENCES mobile_lines (id),
        number_id uuid REFERENCES phone_numbers (id),
        tariff_id uuid REFERENCES tariffs (id),
        delivery varchar(16) CHECK (delivery IN ('courier', 'pickup')),
        address varchar(300),
        comment text,
        price bigint NOT NULL DEFAULT 0 CHECK (price >= 0),
        refunded boolean NOT NULL DEFAULT false,
        result_line_id uuid REFERENCES mobile_lines (id),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK (kind = 'number' OR (number_id IS NULL AND tariff_id IS NOT NULL)),
        CHECK (kind = 'sim' OR number_id IS NOT NULL),
        CHECK (status <> 'rejected' OR reason IS NOT NULL)
      );
      CREATE INDEX orders_customer_idx ON orders (customer_id, created_at DESC, id DESC);
      CREATE INDEX orders_queue_idx ON orders (kind, status, created_at DESC, id DESC);
      CREATE INDEX orders_created_idx ON orders (created_at DESC, id DESC);
      -- The database's own guard that a number is never sold twice: one order at most holds it.
      CREATE UNIQUE INDEX orders_number_live_key ON orders (number_id) WHERE number_id IS NOT NULL AND status NOT IN ('rejected', 'canceled');

      CREATE TABLE order_events (
        id bigserial PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers (id),
        order_id uuid NOT NULL REFERENCES orders (id),
        status varchar(24) NOT NULL,
        reason varchar(500),
        actor_id uuid REFERENCES customers (id),
        at timestamptz NOT NULL
      );
      CREATE INDEX order_events_order_idx ON order_events (order_id, id);

      ALTER TABLE accounts ADD COLUMN closed_at timestamptz;

      -- Staff search by name (prefix) and by line number; the audit viewer's pages.
      CREATE INDEX customers_surname_idx ON customers (lower(surname) text_pattern_ops);
      CREATE INDEX customers_role_idx ON customers (role, created_at, id) WHERE role <> 'subscriber';
      CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
      CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at DESC, id DESC);

      -- The audit log is append-only: nobody edits or deletes what staff did, not even the application.
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER audit_log_no_truncate ON audit_log; DROP TRIGGER audit_log_no_update ON audit_log;
      DROP FUNCTION audit_log_append_only();
      DROP INDEX audit_log_actor_idx; DROP INDEX audit_log_at_idx; DROP INDEX customers_role_idx; DROP INDEX customers_surname_idx;
      ALTER TABLE accounts DROP COLUMN closed_at;
      DROP TABLE order_events; DROP TABLE orders; DROP TABLE application_events; DROP TABLE applications;
      DROP TABLE phone_numbers; DROP TABLE number_categories;
      DROP SEQUENCE contract_number_seq; DROP SEQUENCE order_number_seq; DROP SEQUENCE application_number_seq;
    `);
  }
}
