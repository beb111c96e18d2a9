import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The bonus program (issue 6): card batches and cards, members with a points balance, lots with an
 * expiry (the balance is always the sum of their `remaining`), the operations history, till purchases
 * (unique per API key and receipt id), campaigns, the rewards catalog and redemptions, and activations
 * of plastic cards waiting for their SMS code.
 *
 * One-time codes may now belong to a `subject` instead of a customer: an activation confirms a phone
 * before the customer exists.
 */
export class Bonus1765100000000 implements MigrationInterface {
  name = 'Bonus1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE one_time_codes ALTER COLUMN customer_id DROP NOT NULL;
      ALTER TABLE one_time_codes ADD COLUMN subject varchar(64);
      ALTER TABLE one_time_codes ADD CONSTRAINT one_time_codes_owner_check CHECK (customer_id IS NOT NULL OR subject IS NOT NULL);
      CREATE INDEX one_time_codes_subject_idx ON one_time_codes (subject, purpose, created_at DESC) WHERE subject IS NOT NULL;

      -- Reference data: printed batches of plastic cards sold at the stations.
      CREATE TABLE bonus_card_batches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(32) NOT NULL UNIQUE,
        name varchar(100) NOT NULL,
        price bigint NOT NULL CHECK (price >= 0),
        created_at timestamptz NOT NULL
      );

      CREATE TABLE bonus_members (
        customer_id uuid PRIMARY KEY REFERENCES customers (id),
        balance bigint NOT NULL DEFAULT 0 CHECK (balance >= 0),
        created_at timestamptz NOT NULL
      );

      -- A card is a member's identifier at the till; the balance is the member's, so a replacement card
      -- carries it at once. customer_id is null until a plastic card is activated.
      CREATE TABLE bonus_cards (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number char(13) NOT NULL UNIQUE,
        kind varchar(8) NOT NULL CHECK (kind IN ('plastic', 'virtual')),
        batch_id uuid REFERENCES bonus_card_batches (id),
        customer_id uuid REFERENCES bonus_members (customer_id),
        status varchar(8) NOT NULL CHECK (status IN ('issued', 'active', 'blocked')),
        activated_at timestamptz,
        blocked_at timestamptz,
        block_reason varchar(16) CHECK (block_reason IN ('lost', 'stolen', 'damaged', 'phone_lost', 'other')),
        replaced_by uuid REFERENCES bonus_cards (id),
        created_at timestamptz NOT NULL,
        CHECK ((status = 'issued') = (customer_id IS NULL)),
        CHECK (kind = 'virtual' OR batch_id IS NOT NULL)
      );
      CREATE INDEX bonus_cards_customer_idx ON bonus_cards (customer_id, created_at) WHERE customer_id IS NOT NULL;
      CREATE UNIQUE INDEX bonus_cards_one_virtual_key ON bonus_cards (customer_id) WHERE kind = 'virtual' AND status = 'active';
      CREATE SEQUENCE bonus_virtual_card_seq;

      -- What the balance is made of. Spending takes the lots that expire first; the expiry job zeroes what is due.
      CREATE TABLE bonus_lots (
        id bigserial PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES bonus_members (customer_id),
        points bigint NOT NULL CHECK (points > 0),
        remaining bigint NOT NULL CHECK (remaining >= 0 AND remaining <= points),
        earned_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        source varchar(12) NOT NULL CHECK (source IN ('accrual', 'return', 'transfer_in', 'adjustment')),
        operation_id uuid NOT NULL
      );
      CREATE INDEX bonus_lots_live_idx ON bonus_lots (customer_id, expires_at, id) WHERE remaining > 0;
      CREATE INDEX bonus_lots_due_idx ON bonus_lots (expires_at) WHERE remaining > 0;

      -- The history. ref makes accrue() and other credits idempotent per member.
      CREATE TABLE bonus_operations (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES bonus_members (customer_id),
        kind varchar(12) NOT NULL CHECK (kind IN ('accrual', 'spend', 'reversal', 'return', 'expiry', 'transfer_out', 'transfer_in', 'reward', 'adjustment')),
        points bigint NOT NULL,
        balance_after bigint NOT NULL CHECK (balance_after >= 0),
        description varchar(200) NOT NULL,
        card_id uuid REFERENCES bonus_cards (id),
        purchase_id uuid,
        -- Transfers: the other member (cross-customer by nature, DESIGN §7).
        counterpart_id uuid,
        ref varchar(200),
        created_at timestamptz NOT NULL
      );
      CREATE INDEX bonus_operations_customer_idx ON bonus_operations (customer_id, created_at DESC, id DESC);
      CREATE UNIQUE INDEX bonus_operations_ref_key ON bonus_operations (customer_id, ref) WHERE ref IS NOT NULL;

      -- Receipts from the tills. A receipt id counts once per API key (the till simulator has a key of its own).
      CREATE TABLE bonus_purchases (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES bonus_members (customer_id),
        api_key_id uuid NOT NULL,
        receipt_id varchar(64) NOT NULL,
        request_hash char(64) NOT NULL,
        card_id uuid NOT NULL REFERENCES bonus_cards (id),
        station varchar(64) NOT NULL,
        occurred_at timestamptz NOT NULL,
        items jsonb NOT NULL,
        total bigint NOT NULL CHECK (total >= 0),
        points_spent bigint NOT NULL CHECK (points_spent >= 0),
        points_accrued bigint NOT NULL CHECK (points_accrued >= 0),
        campaigns text[] NOT NULL,
        accrual_lot_id bigint,
        -- Which lots paid it: [{ "lot": id, "points": n, "expiresAt": iso }], to give them back on a refund.
        spent_from jsonb NOT NULL,
        balance_after bigint NOT NULL,
        status varchar(9) NOT NULL CHECK (status IN ('completed', 'refunded')),
        refunded_at timestamptz,
        points_reversed bigint,
        points_returned bigint,
        points_unrecovered bigint,
        balance_after_refund bigint,
        created_at timestamptz NOT NULL,
        UNIQUE (api_key_id, receipt_id)
      );
      CREATE INDEX bonus_purchases_customer_idx ON bonus_purchases (customer_id, created_at DESC);

      CREATE TABLE bonus_campaigns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        multiplier numeric(4, 2) NOT NULL CHECK (multiplier >= 1 AND multiplier <= 10),
        categories text[],
        weekdays smallint[],
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
        created_at timestamptz NOT NULL
      );
      CREATE INDEX bonus_campaigns_period_idx ON bonus_campaigns (ends_at, starts_at);

      CREATE TABLE bonus_rewards (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(32) NOT NULL UNIQUE,
        title varchar(100) NOT NULL,
        description varchar(500) NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('voucher', 'mobile_minutes', 'mobile_data')),
        points bigint NOT NULL CHECK (points > 0),
        valid_days integer NOT NULL CHECK (valid_days > 0),
        position integer NOT NULL DEFAULT 0,
        active boolean NOT NULL DEFAULT true
      );

      CREATE TABLE bonus_redemptions (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES bonus_members (customer_id),
        reward_id uuid NOT NULL REFERENCES bonus_rewards (id),
        points bigint NOT NULL CHECK (points > 0),
        voucher_code varchar(32) NOT NULL UNIQUE,
        operation_id uuid NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX bonus_redemptions_customer_idx ON bonus_redemptions (customer_id, created_at DESC, id DESC);

      -- A plastic card's activation form, waiting for the SMS code (one_time_codes.subject = id).
      CREATE TABLE bonus_activations (
        id uuid PRIMARY KEY,
        card_id uuid NOT NULL REFERENCES bonus_cards (id),
        phone varchar(16) NOT NULL,
        email varchar(254) NOT NULL,
        surname varchar(100) NOT NULL,
        name varchar(100) NOT NULL,
        patronymic varchar(100),
        birth_date date NOT NULL,
        gender varchar(6) NOT NULL CHECK (gender IN ('male', 'female')),
        created_at timestamptz NOT NULL,
        completed_at timestamptz,
        customer_id uuid REFERENCES customers (id)
      );
      CREATE INDEX bonus_activations_created_idx ON bonus_activations (created_at);

      -- "N points expire on DATE": one SMS per member and expiry day.
      CREATE TABLE bonus_expiry_notices (
        customer_id uuid NOT NULL REFERENCES bonus_members (customer_id),
        expires_on date NOT NULL,
        points bigint NOT NULL,
        sent_at timestamptz NOT NULL,
        PRIMARY KEY (customer_id, expires_on)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE bonus_expiry_notices; DROP TABLE bonus_activations; DROP TABLE bonus_redemptions; DROP TABLE bonus_rewards;
      DROP TABLE bonus_campaigns; DROP TABLE bonus_purchases; DROP TABLE bonus_operations; DROP TABLE bonus_lots;
      DROP SEQUENCE bonus_virtual_card_seq; DROP TABLE bonus_cards; DROP TABLE bonus_members; DROP TABLE bonus_card_batches;
      DROP INDEX one_time_codes_subject_idx;
      ALTER TABLE one_time_codes DROP CONSTRAINT one_time_codes_owner_check;
      ALTER TABLE one_time_codes DROP COLUMN subject;
      DELETE FROM one_time_codes WHERE customer_id IS NULL;
      ALTER TABLE one_time_codes ALTER COLUMN customer_id SET NOT NULL;
    `);
  }
}
