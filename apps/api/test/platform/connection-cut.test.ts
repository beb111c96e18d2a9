import { Client } from 'pg';
import { openDatabase } from '../../src/db/data-source';
import { createTestContext, type TestContext } from '../support';

/**
 * bench/fault.ts cuts the API's database connections (pg_terminate_backend). A connection checked out by a query
 * runner at that moment must not take the process down (TypeORM listens for its errors), and the next query must
 * get a new connection. (One fault run still saw the API die of an unhandled 'error' on a pg Client while it was
 * starting up: see README, Quality.)
 */
describe('the database cuts the connections', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('when every connection is terminated while one is checked out and idle, then the process lives on and the next query gets a new connection', async () => {
    const url = t.config.databaseUrl!;
    const ds = await openDatabase(url, { poolSize: 3 });
    const runner = ds.createQueryRunner();
    await runner.connect(); // checked out, between queries: the moment the pool does not listen for errors
    await runner.query('SELECT 1');
    const [{ pid }] = await runner.query('SELECT pg_backend_pid() AS pid');

    const admin = new Client({ connectionString: url });
    await admin.connect();
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    await admin.end();
    await new Promise((r) => setTimeout(r, 300)); // the FATAL message arrives; an unhandled 'error' would end the test process here

    await expect(runner.query('SELECT 1')).rejects.toThrow();
    await runner.release().catch(() => undefined);
    await expect(ds.query('SELECT 2 AS two')).resolves.toEqual([{ two: 2 }]);
    await ds.destroy();
  });
});
