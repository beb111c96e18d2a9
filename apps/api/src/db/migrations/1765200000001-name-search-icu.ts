import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Name search in the back office must fold Cyrillic case whatever the database's locale (the embedded
 * PostgreSQL is initialised with the C locale, where lower('ИВАНОВ') stays upper case): the surname
 * index is built on the ICU root collation's lower(), which the queries use too.
 */
export class NameSearchIcu1765200000001 implements MigrationInterface {
  name = 'NameSearchIcu1765200000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX customers_surname_idx;
      CREATE INDEX customers_surname_idx ON customers ((lower(surname COLLATE "und-x-icu")) text_pattern_ops);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX customers_surname_idx;
      CREATE INDEX customers_surname_idx ON customers (lower(surname) text_pattern_ops);
    `);
  }
}
