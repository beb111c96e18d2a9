import type { MigrationInterface, QueryRunner } from 'typeorm';

/** History sorted by amount pages by keyset too: (account_id, amount, id). */
export class LedgerHistory1764300000000 implements MigrationInterface {
  name = 'LedgerHistory1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ledger_entries_account_amount_idx ON ledger_entries (account_id, amount, id);`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ledger_entries_account_amount_idx;`);
  }
}
