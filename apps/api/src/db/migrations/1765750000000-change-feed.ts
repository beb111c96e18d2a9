import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The change feed of per-process caches (issue 11): a trigger sends `pg_notify('cabinet_changes', …)` when a
 * row a cache holds changes — a session ended or its expiry moved (`session:<id>`), a customer's status, role or
 * forced password change (`customer:<id>`), a tariff
 * (`tariff:<id>`). PostgreSQL sends it on commit, to every API process listening, so a
 * session revoked by any code path (sign-out, "end other sessions", a password change, the back office blocking
 * a customer, plain SQL) stops working on every node at once. Triggers, not call sites: none can be forgotten.
 */
export class ChangeFeed1765750000000 implements MigrationInterface {
  name = 'ChangeFeed1765750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION cabinet_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('cabinet_changes', TG_ARGV[0] || ':' || (CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END)::text);
        RETURN NULL;
      END $$;

      CREATE TRIGGER sessions_changed AFTER UPDATE ON sessions FOR EACH ROW
        WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.expires_at IS DISTINCT FROM NEW.expires_at OR OLD.customer_id IS DISTINCT FROM NEW.customer_id)
        EXECUTE FUNCTION cabinet_notify_change('session');
      CREATE TRIGGER sessions_deleted AFTER DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION cabinet_notify_change('session');

      CREATE TRIGGER customers_changed AFTER UPDATE ON customers FOR EACH ROW
        WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.role IS DISTINCT FROM NEW.role OR OLD.must_change_password IS DISTINCT FROM NEW.must_change_password)
        EXECUTE FUNCTION cabinet_notify_change('customer');
      CREATE TRIGGER customers_deleted AFTER DELETE ON customers FOR EACH ROW EXECUTE FUNCTION cabinet_notify_change('customer');

      CREATE TRIGGER tariffs_changed AFTER UPDATE OR DELETE ON tariffs FOR EACH ROW EXECUTE FUNCTION cabinet_notify_change('tariff');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER tariffs_changed ON tariffs;
      DROP TRIGGER customers_deleted ON customers;
      DROP TRIGGER customers_changed ON customers;
      DROP TRIGGER sessions_deleted ON sessions;
      DROP TRIGGER sessions_changed ON sessions;
      DROP FUNCTION cabinet_notify_change();
    `);
  }
}
