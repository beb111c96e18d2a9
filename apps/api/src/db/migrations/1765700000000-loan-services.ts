import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Optional paid services offered with a loan (issue 10): a catalog (a reference table, seeded here) and
 * each loan's chosen services. A service is opt-in (a draft has none unless the customer names it), is
 * paid by its own card payment (purpose `loan_service`, after the money is paid out) — never part of the
 * loan's amount, schedule or ПСК — and comes back in full on a refund within its window.
 */
export class LoanServices1765700000000 implements MigrationInterface {
  name = 'LoanServices1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE loan_services (
        code varchar(40) PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_-]*$'),
        name varchar(200) NOT NULL,
        description varchar(1000) NOT NULL,
        price bigint NOT NULL CHECK (price > 0),
        refund_days integer NOT NULL DEFAULT 14 CHECK (refund_days > 0),
        active boolean NOT NULL DEFAULT true,
        position integer NOT NULL DEFAULT 0
      );
      INSERT INTO loan_services (code, name, description, price, refund_days, position) VALUES
        ('insurance', 'Страхование от несчастного случая',
         'Страховка на срок займа: при несчастном случае страховая компания выплатит до 100 000 ₽. Оплачивается отдельно от займа.', 99000, 14, 1),
        ('legal', 'Юридическая консультация онлайн, подписка на 3 месяца',
         'Консультации юриста в чате и по телефону без ограничения числа вопросов в течение 3 месяцев. Оплачивается отдельно от займа.', 149000, 14, 2);

      -- A loan's services: chosen on the draft, charged by card after the payout, maybe refunded.
      -- The price is the one shown when it was chosen; the refund gives back exactly what was paid.
      CREATE TABLE loan_service_purchases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers (id),
        loan_id uuid NOT NULL REFERENCES loans (id),
        service_code varchar(40) NOT NULL REFERENCES loan_services (code),
        price bigint NOT NULL CHECK (price > 0),
        refund_days integer NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('selected', 'pending', 'paid', 'failed', 'refunded')),
        payment_id uuid UNIQUE REFERENCES payments (id),
        paid_at timestamptz,
        refund_until timestamptz,
        refunded_at timestamptz,
        refunded_amount bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        UNIQUE (loan_id, service_code),
        CHECK (refunded_amount = 0 OR (status = 'refunded' AND refunded_amount = price))
      );
      CREATE INDEX loan_service_purchases_customer_idx ON loan_service_purchases (customer_id, loan_id);

      ALTER TABLE payments DROP CONSTRAINT payments_purpose_check;
      ALTER TABLE payments ADD CONSTRAINT payments_purpose_check CHECK (purpose IN ('top_up', 'card_binding', 'loan_repayment', 'loan_extension', 'loan_service'));
      ALTER TABLE payments DROP CONSTRAINT payments_target_check;
      ALTER TABLE payments ADD CONSTRAINT payments_target_check CHECK (
        (purpose = 'top_up' AND account_id IS NOT NULL AND loan_id IS NULL)
        OR (purpose = 'card_binding' AND loan_id IS NULL)
        OR (purpose IN ('loan_repayment', 'loan_extension', 'loan_service') AND loan_id IS NOT NULL AND account_id IS NULL));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE loan_service_purchases;
      DELETE FROM payments WHERE purpose = 'loan_service';
      ALTER TABLE payments DROP CONSTRAINT payments_target_check;
      ALTER TABLE payments ADD CONSTRAINT payments_target_check CHECK (
        (purpose = 'top_up' AND account_id IS NOT NULL AND loan_id IS NULL)
        OR (purpose = 'card_binding' AND loan_id IS NULL)
        OR (purpose IN ('loan_repayment', 'loan_extension') AND loan_id IS NOT NULL AND account_id IS NULL));
      ALTER TABLE payments DROP CONSTRAINT payments_purpose_check;
      ALTER TABLE payments ADD CONSTRAINT payments_purpose_check CHECK (purpose IN ('top_up', 'card_binding', 'loan_repayment', 'loan_extension'));
      DROP TABLE loan_services;
    `);
  }
}
