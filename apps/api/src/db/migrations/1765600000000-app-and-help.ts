import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Installable app and help (issue 10), the onboarding guide and the speed test (issue 8):
 * offices and pick-up points (a reference table), versioned legal documents (consents name a version),
 * help videos per section, the guide's state per customer, speed-test results, Web Push subscriptions
 * and their deliveries.
 */
export class AppAndHelp1765600000000 implements MigrationInterface {
  name = 'AppAndHelp1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE offices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(40) NOT NULL UNIQUE,
        kind varchar(16) NOT NULL CHECK (kind IN ('office', 'pickup')),
        name varchar(200) NOT NULL,
        city varchar(100) NOT NULL,
        address varchar(300) NOT NULL,
        latitude numeric(9, 6) NOT NULL CHECK (latitude BETWEEN -90 AND 90),
        longitude numeric(9, 6) NOT NULL CHECK (longitude BETWEEN -180 AND 180),
        phone varchar(16),
        hours jsonb NOT NULL,
        sim_pickup boolean NOT NULL DEFAULT false,
        active boolean NOT NULL DEFAULT true,
        position int NOT NULL DEFAULT 0
      );
      CREATE INDEX offices_list_idx ON offices (city, position, id) WHERE active;

      ALTER TABLE orders ADD COLUMN pickup_office_id uuid REFERENCES offices (id);
      ALTER TABLE orders ADD CONSTRAINT orders_pickup_office_check CHECK (pickup_office_id IS NULL OR delivery = 'pickup');

      CREATE TABLE legal_documents (
        code varchar(40) NOT NULL,
        version varchar(40) NOT NULL,
        title varchar(200) NOT NULL,
        body text NOT NULL,
        effective_from timestamptz NOT NULL,
        PRIMARY KEY (code, version)
      );

      CREATE TABLE help_videos (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        section varchar(32) NOT NULL,
        title varchar(200) NOT NULL,
        url varchar(500) NOT NULL,
        duration_seconds int NOT NULL CHECK (duration_seconds > 0),
        position int NOT NULL DEFAULT 0
      );
      CREATE INDEX help_videos_section_idx ON help_videos (section, position, id);

      CREATE TABLE guide_states (
        customer_id uuid PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
        dismissed text[] NOT NULL DEFAULT '{}',
        dismissed_all_at timestamptz,
        updated_at timestamptz NOT NULL
      );

      CREATE TABLE speed_tests (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        download_kbps int NOT NULL CHECK (download_kbps >= 0),
        upload_kbps int NOT NULL CHECK (upload_kbps >= 0),
        latency_ms int NOT NULL CHECK (latency_ms >= 0),
        download_bytes bigint NOT NULL CHECK (download_bytes >= 0),
        upload_bytes bigint NOT NULL CHECK (upload_bytes >= 0),
        server_upload_kbps int,
        user_agent varchar(300),
        ip varchar(64),
        created_at timestamptz NOT NULL
      );
      CREATE INDEX speed_tests_customer_idx ON speed_tests (customer_id, created_at DESC, id DESC);

      CREATE TABLE speed_test_uploads (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        bytes bigint NOT NULL,
        duration_ms int NOT NULL,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX speed_test_uploads_customer_idx ON speed_test_uploads (customer_id, created_at DESC);

      CREATE TABLE push_subscriptions (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        endpoint text NOT NULL UNIQUE,
        p256dh varchar(200) NOT NULL,
        auth varchar(100) NOT NULL,
        user_agent varchar(300),
        created_at timestamptz NOT NULL,
        last_success_at timestamptz
      );
      CREATE INDEX push_subscriptions_customer_idx ON push_subscriptions (customer_id, created_at DESC, id DESC);

      CREATE TABLE push_deliveries (
        id uuid PRIMARY KEY,
        subscription_id uuid REFERENCES push_subscriptions (id) ON DELETE SET NULL,
        customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        source_id uuid NOT NULL,
        event varchar(40) NOT NULL,
        payload jsonb NOT NULL,
        status varchar(8) NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'gone')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_error text,
        created_at timestamptz NOT NULL,
        sent_at timestamptz
      );
      CREATE INDEX push_deliveries_due_idx ON push_deliveries (next_attempt_at) WHERE status = 'pending';
      CREATE INDEX push_deliveries_source_idx ON push_deliveries (source_id);
    `);
    const at = '2026-11-01T00:00:00Z';
    for (const d of DOCUMENTS) {
      await q.query('INSERT INTO legal_documents (code, version, title, body, effective_from) VALUES ($1, $2, $3, $4, $5)', [d.code, d.version, d.title, d.body, at]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE push_deliveries; DROP TABLE push_subscriptions; DROP TABLE speed_test_uploads; DROP TABLE speed_tests;
      DROP TABLE guide_states; DROP TABLE help_videos; DROP TABLE legal_documents;
      ALTER TABLE orders DROP COLUMN pickup_office_id;
      DROP TABLE offices;
    `);
  }
}

/**
 * The texts in force when this release shipped. The loan consents repeat, word for word and under the same
 * versions, the texts a borrower ticks (modules/loans/consents.ts), so `loan_consents.version` names a
 * document here. A new text is a new row (a new version), never an edit.
 */
const DOCUMENTS = [
  {
    code: 'terms',
    version: 'terms-2026-11',
    title: 'Пользовательское соглашение личного кабинета',
    body:
      'Личный кабинет позволяет абоненту управлять своими услугами: смотреть баланс и расходы, пополнять счёт, менять тариф и опции, ' +
      'заказывать SIM-карты, оформлять займы и пользоваться бонусной программой.\n\n' +
      'Вход выполняется по номеру телефона или номеру договора и паролю либо через Госуслуги. Абонент отвечает за сохранность пароля и ' +
      'не передаёт его третьим лицам. Действия, совершённые после входа, считаются совершёнными абонентом.\n\n' +
      'Оператор вправе изменять функции кабинета; о существенных изменениях абонент уведомляется в кабинете. ' +
      'Новая редакция соглашения публикуется с новым номером версии, прежние редакции остаются доступны.',
  },
  {
    code: 'privacy',
    version: 'privacy-2026-11',
    title: 'Политика обработки персональных данных',
    body:
      'Оператор обрабатывает персональные данные абонентов (ФИО, телефон, адрес электронной почты, данные договора, платежей и расходов) ' +
      'для оказания услуг связи, расчётов и поддержки в соответствии с Федеральным законом № 152-ФЗ «О персональных данных».\n\n' +
      'Данные хранятся на серверах в Российской Федерации, передаются только партнёрам, участвующим в оказании услуги ' +
      '(платёжным системам, службам доставки), и не дольше, чем нужно для этих целей.\n\n' +
      'Абонент вправе узнать, какие данные о нём обрабатываются, потребовать их уточнения или удаления и отозвать согласие, ' +
      'обратившись в офис или в чат поддержки.',
  },
  {
    code: 'loan-terms',
    version: 'terms-2026-11',
    title: 'Общие условия договора потребительского займа',
    body:
      'Я ознакомился с Общими условиями договора потребительского займа и Правилами предоставления микрозаймов, ' +
      'с информацией о полной стоимости займа и ограничениях процентов, неустойки и иных платежей (353-ФЗ, 151-ФЗ) и согласен с ними. ' +
      'Индивидуальные условия займа будут показаны перед получением денег.',
  },
  {
    code: 'loan-personal-data',
    version: 'pd-2026-11',
    title: 'Согласие на обработку персональных данных',
    body:
      'Даю согласие на обработку моих персональных данных (ФИО, дата рождения, паспортные данные, адрес регистрации, телефон, ' +
      'сведения о доходе и занятости) для рассмотрения заявки, заключения и исполнения договора займа в соответствии с 152-ФЗ ' +
      '«О персональных данных». Согласие действует 5 лет и может быть отозвано письменным заявлением.',
  },
  {
    code: 'loan-credit-bureau',
    version: 'cb-2026-11',
    title: 'Согласие на запрос кредитной истории',
    body:
      'Даю согласие на получение моей кредитной истории из бюро кредитных историй для оценки заявки (218-ФЗ «О кредитных историях», ст. 6). ' +
      'Согласие действует 6 месяцев, а при заключении договора — в течение его срока.',
  },
];
