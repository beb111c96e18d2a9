import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Detail reports by e-mail (issue 4): the orders, and files attached to outbox e-mails.
 * Attachments live in their own table so listing the outbox never reads file contents.
 */
export class DetailReports1764700000000 implements MigrationInterface {
  name = 'DetailReports1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- customer_id is the customer who ordered (the owner or a co-user with a grant).
      CREATE TABLE detail_reports (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers (id),
        account_id uuid NOT NULL REFERENCES accounts (id),
        period_from date NOT NULL,
        period_to date NOT NULL CHECK (period_to >= period_from),
        format varchar(3) NOT NULL CHECK (format IN ('csv', 'pdf')),
        email varchar(254) NOT NULL,
        status varchar(8) NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        -- A job run holds an order until then; a crashed run's order is taken again after it.
        claimed_until timestamptz,
        message_id uuid REFERENCES notification_outbox (id),
        error text,
        created_at timestamptz NOT NULL,
        sent_at timestamptz
      );
      CREATE INDEX detail_reports_customer_idx ON detail_reports (customer_id, account_id, created_at DESC, id DESC);
      CREATE INDEX detail_reports_queued_idx ON detail_reports (created_at, id) WHERE status = 'queued';

      CREATE TABLE notification_attachments (
        id uuid PRIMARY KEY,
        message_id uuid NOT NULL REFERENCES notification_outbox (id) ON DELETE CASCADE,
        position smallint NOT NULL,
        filename varchar(200) NOT NULL,
        content_type varchar(100) NOT NULL,
        size integer NOT NULL,
        content bytea NOT NULL
      );
      CREATE INDEX notification_attachments_message_idx ON notification_attachments (message_id, position);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE detail_reports; DROP TABLE notification_attachments;`);
  }
}
