import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Microloans (issue 5): loan products, loans (application and contract in one lifecycle), their status
 * history, consents, schedule and own ledger (loan_operations: the loan's balances are the sum of its
 * operations), borrower profiles (passport data, for the identity check of a phone change), phone
 * changes waiting for an operator, payouts to cards (payments module) with the sandbox acquirer's side,
 * loan payments (payments without an account), codes to a phone that has no customer yet, and the
 * credit bureau's local stand-in.
 */
export class Loans1765000000000 implements MigrationInterface {
  name = 'Loans1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- A code to a phone nobody owns yet (the loan wizard confirms the phone before the person registers).
      ALTER TABLE one_time_codes ALTER COLUMN customer_id DROP NOT NULL;
      CREATE INDEX one_time_codes_target_idx ON one_time_codes (purpose, target, created_at DESC) WHERE customer_id IS NULL;

      CREATE TABLE loan_products (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(32) NOT NULL UNIQUE,
        name varchar(100) NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('short', 'instalment')),
        description text NOT NULL DEFAULT '',
        min_amount bigint NOT NULL CHECK (min_amount > 0),
        max_amount bigint NOT NULL CHECK (max_amount >= min_amount),
        min_term_days integer NOT NULL CHECK (min_term_days > 0),
        max_term_days integer NOT NULL CHECK (max_term_days >= min_term_days),
        term_step_days integer NOT NULL DEFAULT 1 CHECK (term_step_days > 0),
        payment_period_days integer CHECK (payment_period_days > 0),
        -- Parts per million: 8000 = 0.8 % a day; 200000 = 20 % a year.
        daily_rate_ppm integer NOT NULL CHECK (daily_rate_ppm > 0),
        penalty_annual_ppm integer NOT NULL CHECK (penalty_annual_ppm >= 0),
        extension_fee bigint CHECK (extension_fee >= 0),
        extension_min_days integer,
        extension_max_days integer,
        extension_max_count integer,
        archived_at timestamptz,
        created_at timestamptz NOT NULL,
        CHECK ((kind = 'instalment') = (payment_period_days IS NOT NULL))
      );

      -- Borrower data kept after an application (the identity check of a phone change compares the passport).
      CREATE TABLE borrower_profiles (
        customer_id uuid PRIMARY KEY REFERENCES customers (id),
        passport_series char(4) NOT NULL,
        passport_number char(6) NOT NULL,
        passport_issued_on date NOT NULL,
        registration_address varchar(300) NOT NULL,
        monthly_income bigint NOT NULL,
        employment varchar(16) NOT NULL,
        employer varchar(200),
        updated_at timestamptz NOT NULL
      );
      CREATE UNIQUE INDEX borrower_profiles_passport_key ON borrower_profiles (passport_series, passport_number);

      CREATE TABLE payouts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number bigserial UNIQUE,
        customer_id uuid NOT NULL REFERENCES customers (id),
        card_id uuid NOT NULL REFERENCES saved_cards (id),
        amount bigint NOT NULL CHECK (amount > 0),
        purpose varchar(24) NOT NULL CHECK (purpose IN ('loan_disbursement')),
        ref varchar(64) NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
        failure_reason varchar(32),
        provider varchar(16) NOT NULL,
        provider_payout_id varchar(64),
        card_last4 char(4) NOT NULL,
        card_brand varchar(16) NOT NULL,
        created_at timestamptz NOT NULL,
        settled_at timestamptz
      );
      -- One live payout per purpose and thing paid out (a loan is never paid out twice).
      CREATE UNIQUE INDEX payouts_live_key ON payouts (purpose, ref) WHERE status <> 'failed';
      CREATE UNIQUE INDEX payouts_provider_key ON payouts (provider, provider_payout_id);
      CREATE INDEX payouts_pending_idx ON payouts (created_at) WHERE status = 'pending';

      CREATE TABLE loans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number bigserial UNIQUE,
        customer_id uuid NOT NULL REFERENCES customers (id),
        product_id uuid NOT NULL REFERENCES loan_products (id),
        status varchar(16) NOT NULL CHECK (status IN ('draft', 'submitted', 'in_review', 'approved', 'rejected', 'disbursed', 'active', 'overdue', 'repaid', 'cancelled')),
        amount bigint NOT NULL CHECK (amount > 0),
        term_days integer NOT NULL CHECK (term_days > 0),
        daily_rate_ppm integer NOT NULL,
        penalty_annual_ppm integer NOT NULL,
        phone varchar(16) NOT NULL,
        phone_confirmed_at timestamptz,
        borrower jsonb NOT NULL DEFAULT '{}',
        submitted_at timestamptz,
        decision_outcome varchar(16) CHECK (decision_outcome IN ('approved', 'rejected', 'in_review')),
        decision_reason varchar(32),
        decision_note text,
        decision_rules jsonb,
        decided_at timestamptz,
        decided_by uuid,
        approved_until timestamptz,
        card_id uuid REFERENCES saved_cards (id),
        payout_id uuid REFERENCES payouts (id),
        -- The contract: the date the money arrived (its caps apply), the last due date, the ПСК.
        issued_on date,
        due_on date,
        cap_ratio_bp integer,
        psk numeric(10, 3),
        -- The loan's balances (each the sum of its operations in loan_operations) and the accrual position.
        principal bigint NOT NULL DEFAULT 0 CHECK (principal >= 0),
        interest bigint NOT NULL DEFAULT 0 CHECK (interest >= 0),
        penalty bigint NOT NULL DEFAULT 0 CHECK (penalty >= 0),
        charged bigint NOT NULL DEFAULT 0 CHECK (charged >= 0),
        paid bigint NOT NULL DEFAULT 0 CHECK (paid >= 0),
        accrued_on date,
        interest_rem bigint NOT NULL DEFAULT 0,
        penalty_rem bigint NOT NULL DEFAULT 0,
        extensions integer NOT NULL DEFAULT 0,
        reminded_on date,
        overdue_notified_on date,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        closed_at timestamptz,
        -- The total-cost cap, held by the database too: interest, penalties and fees never pass it.
        CHECK (cap_ratio_bp IS NULL OR charged * 10000 <= amount * cap_ratio_bp)
      );
      -- One application at a time, until it is decided and paid out (or ends).
      CREATE UNIQUE INDEX loans_one_open_application_key ON loans (customer_id) WHERE status IN ('draft', 'submitted', 'in_review', 'approved', 'disbursed');
      CREATE INDEX loans_customer_idx ON loans (customer_id, created_at DESC, id DESC);
      CREATE INDEX loans_servicing_idx ON loans (status) WHERE status IN ('active', 'overdue', 'approved');
      CREATE INDEX loans_review_idx ON loans (submitted_at, id) WHERE status = 'in_review';

      CREATE TABLE loan_status_changes (
        id bigserial PRIMARY KEY,
        customer_id uuid NOT NULL,
        loan_id uuid NOT NULL REFERENCES loans (id),
        status varchar(16) NOT NULL,
        note text,
        actor_id uuid,
        at timestamptz NOT NULL
      );
      CREATE INDEX loan_status_changes_loan_idx ON loan_status_changes (loan_id, id);

      CREATE TABLE loan_consents (
        loan_id uuid NOT NULL REFERENCES loans (id),
        customer_id uuid NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('terms', 'personal_data', 'credit_bureau')),
        version varchar(32) NOT NULL,
        accepted_at timestamptz NOT NULL,
        ip varchar(64),
        PRIMARY KEY (loan_id, kind)
      );

      CREATE TABLE loan_schedule (
        loan_id uuid NOT NULL REFERENCES loans (id),
        n smallint NOT NULL,
        due_on date NOT NULL,
        principal bigint NOT NULL,
        interest bigint NOT NULL,
        total bigint NOT NULL,
        remaining_after bigint NOT NULL,
        status varchar(8) NOT NULL CHECK (status IN ('planned', 'paid', 'overdue')),
        PRIMARY KEY (loan_id, n)
      );

      -- The loan's own ledger: every change of its balances, append-only; (loan, kind, ref) is unique.
      CREATE TABLE loan_operations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL,
        customer_id uuid NOT NULL,
        loan_id uuid NOT NULL REFERENCES loans (id),
        kind varchar(16) NOT NULL CHECK (kind IN ('disbursement', 'accrual', 'fee', 'repayment', 'extension')),
        on_date date NOT NULL,
        principal_delta bigint NOT NULL DEFAULT 0,
        interest_delta bigint NOT NULL DEFAULT 0,
        penalty_delta bigint NOT NULL DEFAULT 0,
        -- Charged and paid at once (the extension fee); counts towards the cap.
        fee bigint NOT NULL DEFAULT 0,
        -- What the borrower paid in this operation.
        paid bigint NOT NULL DEFAULT 0,
        payment_id uuid,
        ref varchar(100) NOT NULL,
        description varchar(300) NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL
      );
      CREATE UNIQUE INDEX loan_operations_ref_key ON loan_operations (loan_id, kind, ref);
      CREATE INDEX loan_operations_loan_idx ON loan_operations (loan_id, seq);

      CREATE TABLE loan_extensions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        loan_id uuid NOT NULL REFERENCES loans (id),
        payment_id uuid NOT NULL UNIQUE,
        days integer NOT NULL CHECK (days > 0),
        fee bigint NOT NULL,
        due_on_before date NOT NULL,
        due_on_after date,
        status varchar(16) NOT NULL CHECK (status IN ('pending', 'applied', 'failed')),
        created_at timestamptz NOT NULL,
        applied_at timestamptz
      );

      -- Loan payments are payments too (the acquirer, callbacks, Idempotency-Key), but credit no account.
      ALTER TABLE payments ALTER COLUMN account_id DROP NOT NULL, ADD COLUMN loan_id uuid REFERENCES loans (id);
      ALTER TABLE payments DROP CONSTRAINT payments_purpose_check;
      ALTER TABLE payments ADD CONSTRAINT payments_purpose_check CHECK (purpose IN ('top_up', 'card_binding', 'loan_repayment', 'loan_extension'));
      ALTER TABLE payments ADD CONSTRAINT payments_target_check CHECK (
        (purpose = 'top_up' AND account_id IS NOT NULL AND loan_id IS NULL)
        OR (purpose = 'card_binding' AND loan_id IS NULL)
        OR (purpose IN ('loan_repayment', 'loan_extension') AND loan_id IS NOT NULL AND account_id IS NULL));
      CREATE INDEX payments_loan_idx ON payments (loan_id, created_at DESC) WHERE loan_id IS NOT NULL;
      CREATE INDEX payments_customer_idx ON payments (customer_id, created_at DESC, id DESC);

      CREATE TABLE phone_change_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers (id),
        old_phone varchar(16) NOT NULL,
        new_phone varchar(16) NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected', 'cancelled')),
        requested_at timestamptz NOT NULL,
        decided_at timestamptz,
        decided_by uuid,
        note text
      );
      CREATE UNIQUE INDEX phone_change_requests_pending_key ON phone_change_requests (customer_id) WHERE status = 'pending';
      CREATE INDEX phone_change_requests_queue_idx ON phone_change_requests (requested_at, id) WHERE status = 'pending';

      -- The sandbox acquirer's side of payouts (an external system's own table, like its payments).
      CREATE TABLE sandbox_acquirer_payouts (
        id varchar(40) PRIMARY KEY,
        amount bigint NOT NULL,
        card_token varchar(64) NOT NULL,
        description varchar(200) NOT NULL,
        status varchar(16) NOT NULL,
        failure_reason varchar(32),
        metadata jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL,
        settles_at timestamptz NOT NULL,
        settled_at timestamptz
      );

      -- The credit bureau's local stand-in: loans the borrower has at other lenders, by passport.
      CREATE TABLE sandbox_credit_bureau_loans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        passport_series char(4) NOT NULL,
        passport_number char(6) NOT NULL,
        lender varchar(100) NOT NULL,
        psk numeric(10, 3) NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('active', 'overdue', 'closed')),
        opened_on date NOT NULL
      );
      CREATE INDEX sandbox_credit_bureau_loans_passport_idx ON sandbox_credit_bureau_loans (passport_series, passport_number);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE sandbox_credit_bureau_loans; DROP TABLE sandbox_acquirer_payouts; DROP TABLE phone_change_requests;
      DROP INDEX payments_customer_idx; DROP INDEX payments_loan_idx;
      ALTER TABLE payments DROP CONSTRAINT payments_target_check;
      DELETE FROM payments WHERE purpose IN ('loan_repayment', 'loan_extension');
      ALTER TABLE payments DROP CONSTRAINT payments_purpose_check;
      ALTER TABLE payments ADD CONSTRAINT payments_purpose_check CHECK (purpose IN ('top_up', 'card_binding'));
      ALTER TABLE payments DROP COLUMN loan_id;
      DROP TABLE loan_extensions; DROP TABLE loan_operations; DROP TABLE loan_schedule; DROP TABLE loan_consents;
      DROP TABLE loan_status_changes; DROP TABLE loans; DROP TABLE payouts; DROP TABLE borrower_profiles; DROP TABLE loan_products;
      DROP INDEX one_time_codes_target_idx;
    `);
  }
}
