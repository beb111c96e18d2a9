import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Support (issue 8): chats (a customer's, or a public visitor's with a name and phone), their events in one
 * ordered stream (`seq` is the Server-Sent Events id), attachments kept as files under the data folder,
 * operators' topics (queue rules); the FAQ with Russian full-text search and "was this helpful" votes.
 */
export class Support1765400000000 implements MigrationInterface {
  name = 'Support1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE SEQUENCE support_chat_number_seq START 100001;

      CREATE TABLE support_chats (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number varchar(16) NOT NULL UNIQUE,
        -- The owner (null: a visitor of the public site, who holds the token).
        customer_id uuid NULL REFERENCES customers(id),
        visitor_name varchar(100) NULL,
        visitor_phone varchar(16) NULL,
        visitor_token_hash char(64) NULL UNIQUE,
        topic varchar(16) NOT NULL CHECK (topic IN ('general', 'connection', 'financial', 'technical')),
        status varchar(8) NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'active', 'closed')),
        operator_id uuid NULL REFERENCES customers(id),
        rating smallint NULL CHECK (rating BETWEEN 1 AND 5),
        rating_comment varchar(1000) NULL,
        ip varchar(64) NULL,
        created_at timestamptz NOT NULL,
        taken_at timestamptz NULL,
        closed_at timestamptz NULL,
        last_message_at timestamptz NOT NULL,
        CHECK ((customer_id IS NULL) = (visitor_token_hash IS NOT NULL))
      );
      CREATE INDEX support_chats_customer ON support_chats (customer_id, created_at DESC, id DESC) WHERE customer_id IS NOT NULL;
      -- The operators' queue: open chats by age, per topic.
      CREATE INDEX support_chats_queue ON support_chats (status, topic, created_at, id);
      CREATE INDEX support_chats_operator ON support_chats (operator_id, status) WHERE operator_id IS NOT NULL;

      CREATE TABLE support_attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        chat_id uuid NOT NULL REFERENCES support_chats(id),
        customer_id uuid NULL,
        file_name varchar(200) NOT NULL,
        content_type varchar(32) NOT NULL,
        size integer NOT NULL CHECK (size > 0 AND size <= 5242880),
        sha256 char(64) NOT NULL,
        -- Relative to the data folder (outside the web root): support/<chat>/<id>.
        storage_key varchar(200) NOT NULL,
        uploaded_by varchar(8) NOT NULL,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX support_attachments_chat ON support_attachments (chat_id);

      -- Every event of a chat, in the order both sides see it; seq is the SSE event id.
      CREATE TABLE support_messages (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
        chat_id uuid NOT NULL REFERENCES support_chats(id),
        customer_id uuid NULL,
        kind varchar(8) NOT NULL CHECK (kind IN ('message', 'taken', 'closed', 'rated')),
        author varchar(8) NOT NULL CHECK (author IN ('customer', 'visitor', 'operator', 'system')),
        author_id uuid NULL,
        author_name varchar(100) NULL,
        body text NULL,
        attachment_id uuid NULL UNIQUE REFERENCES support_attachments(id),
        created_at timestamptz NOT NULL
      );
      CREATE INDEX support_messages_chat ON support_messages (chat_id, seq);

      -- Queue rules: an operator sees the chats of these topics (admins see all).
      CREATE TABLE support_operator_topics (
        operator_id uuid NOT NULL REFERENCES customers(id),
        topic varchar(16) NOT NULL CHECK (topic IN ('general', 'connection', 'financial', 'technical')),
        PRIMARY KEY (operator_id, topic)
      );

      -- FAQ: reference tables (not customer-owned).
      CREATE TABLE faq_categories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug varchar(60) NOT NULL UNIQUE,
        title varchar(200) NOT NULL,
        position integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL
      );

      CREATE TABLE faq_questions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        category_id uuid NOT NULL REFERENCES faq_categories(id),
        question varchar(500) NOT NULL,
        answer text NOT NULL,
        position integer NOT NULL DEFAULT 0,
        published boolean NOT NULL DEFAULT true,
        helpful_yes integer NOT NULL DEFAULT 0,
        helpful_no integer NOT NULL DEFAULT 0,
        -- Russian stemming: «пароля» and «пароль» meet at one lexeme.
        search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('russian', question), 'A') || setweight(to_tsvector('russian', answer), 'B')
        ) STORED,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX faq_questions_search ON faq_questions USING gin (search);
      CREATE INDEX faq_questions_category ON faq_questions (category_id, position);

      -- One vote per customer or per visitor (the id the browser keeps); a second vote changes the first.
      CREATE TABLE faq_votes (
        question_id uuid NOT NULL REFERENCES faq_questions(id) ON DELETE CASCADE,
        voter varchar(64) NOT NULL,
        helpful boolean NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (question_id, voter)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE faq_votes; DROP TABLE faq_questions; DROP TABLE faq_categories;
      DROP TABLE support_operator_topics; DROP TABLE support_messages; DROP TABLE support_attachments; DROP TABLE support_chats;
      DROP SEQUENCE support_chat_number_seq;
    `);
  }
}
