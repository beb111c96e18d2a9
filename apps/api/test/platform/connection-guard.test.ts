import { createTestContext, type TestContext } from '../support';

/** The test contexts' guard against the pattern that wedged the API under load (see src/db/connection-guard.ts). */
describe('a second connection inside a transaction', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('when code inside a transaction asks the data source for another connection, then it fails and nothing of the transaction stays', async () => {
    const key = `guard-${Date.now()}`;
    await expect(
      t.ds.transaction(async (em) => {
        await em.query('INSERT INTO rate_limit_hits (key, hits, reset_at) VALUES ($1, 1, now())', [key]);
        await t.ds.query('SELECT 1');
      }),
    ).rejects.toThrow(/a second connection asked for inside a transaction/);
    await expect(t.ds.transaction((em) => t.ds.transaction(() => em.query('SELECT 1')))).rejects.toThrow(/second connection/);
    expect(await t.query('SELECT 1 FROM rate_limit_hits WHERE key = $1', [key])).toEqual([]);
  });

  it('when code inside a transaction runs two queries at once on its connection, then it fails', async () => {
    await expect(t.ds.transaction((em) => Promise.all([em.query('SELECT pg_sleep(0.05)'), em.query('SELECT 1')]))).rejects.toThrow(/two queries at once/);
    // Outside a transaction the pool gives each its own connection: fine.
    expect(await Promise.all([t.ds.query('SELECT 1 AS n'), t.ds.query('SELECT 2 AS n')])).toEqual([[{ n: 1 }], [{ n: 2 }]]);
  });

  it('when the transaction uses its own manager, or the data source is used after it ends, then both work', async () => {
    expect(await t.ds.transaction((em) => em.query('SELECT 2 AS n'))).toEqual([{ n: 2 }]);
    await t.ds.transaction(async () => undefined);
    expect(await t.ds.query('SELECT 3 AS n')).toEqual([{ n: 3 }]);
    // Two transactions side by side (not nested) are fine.
    expect(await Promise.all([t.ds.transaction((em) => em.query('SELECT 4 AS n')), t.ds.transaction((em) => em.query('SELECT 5 AS n'))])).toEqual([[{ n: 4 }], [{ n: 5 }]]);
  });
});
