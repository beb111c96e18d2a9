import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 8: news and promotions (with pictures and who joined), the newsletter (double opt-in), the
 * notification centre and preferences, and the outbox's delivery state for real transports
 * (attempts, last error, the next try, mail headers such as List-Unsubscribe).
 */
export class ContentAndNotifications1765450000000 implements MigrationInterface {
  name = 'ContentAndNotifications1765450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE news_items (
        id uuid PRIMARY KEY,
        kind varchar(16) NOT NULL CHECK (kind IN ('news', 'promotion')),
        slug varchar(120) NOT NULL UNIQUE,
        title varchar(200) NOT NULL,
        summary varchar(500) NOT NULL,
        body text NOT NULL,
        image bytea,
        image_type varchar(32),
        image_alt varchar(200),
        published_at timestamptz,
        starts_at timestamptz,
        ends_at timestamptz,
        archived_at timestamptz,
        created_by uuid,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at)
      );
      -- The public list: visible items newest first (keyset on published_at, id).
      CREATE INDEX news_items_visible ON news_items (published_at DESC, id DESC) WHERE archived_at IS NULL;

      CREATE TABLE promotion_participants (
        promotion_id uuid NOT NULL REFERENCES news_items(id),
        customer_id uuid NOT NULL REFERENCES customers(id),
        joined_at timestamptz NOT NULL,
        PRIMARY KEY (promotion_id, customer_id)
      );
      CREATE INDEX promotion_participants_customer ON promotion_participants (customer_id);

      CREATE TABLE newsletter_subscriptions (
        id uuid PRIMARY KEY,
        email varchar(254) NOT NULL UNIQUE,
        status varchar(16) NOT NULL CHECK (status IN ('pending', 'confirmed', 'unsubscribed')),
        confirm_token_hash varchar(64),
        confirm_expires_at timestamptz,
        created_at timestamptz NOT NULL,
        confirmed_at timestamptz,
        unsubscribed_at timestamptz
      );
      CREATE UNIQUE INDEX newsletter_confirm_token ON newsletter_subscriptions (confirm_token_hash) WHERE confirm_token_hash IS NOT NULL;

      CREATE TABLE customer_notifications (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers(id),
        event_type varchar(64) NOT NULL,
        title varchar(200) NOT NULL,
        body text NOT NULL,
        link varchar(300),
        created_at timestamptz NOT NULL,
        read_at timestamptz
      );
      CREATE INDEX customer_notifications_list ON customer_notifications (customer_id, created_at DESC, id DESC);
      CREATE INDEX customer_notifications_unread ON customer_notifications (customer_id) WHERE read_at IS NULL;

      CREATE TABLE notification_preferences (
        customer_id uuid NOT NULL REFERENCES customers(id),
        event_type varchar(64) NOT NULL,
        channel varchar(8) NOT NULL CHECK (channel IN ('sms', 'email', 'in_app')),
        enabled boolean NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (customer_id, event_type, channel)
      );

      ALTER TABLE notification_outbox
        ADD COLUMN event_type varchar(64),
        ADD COLUMN headers jsonb,
        ADD COLUMN next_attempt_at timestamptz;
      CREATE INDEX notification_outbox_due ON notification_outbox (next_attempt_at) WHERE status = 'pending';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX notification_outbox_due;
      ALTER TABLE notification_outbox DROP COLUMN event_type, DROP COLUMN headers, DROP COLUMN next_attempt_at;
      DROP TABLE notification_preferences;
      DROP TABLE customer_notifications;
      DROP TABLE newsletter_subscriptions;
      DROP TABLE promotion_participants;
      DROP TABLE news_items;
    `);
  }
}
