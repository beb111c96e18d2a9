import { Client } from 'pg';
import { openDatabase } from '../../src/db/data-source';
import { loginKey } from '../../src/modules/customers';
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

describe('the database connection is lost under a request', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('when the connection of a sign-in in progress is terminated, then 503 problem+json with Retry-After, nothing is written, and the retry signs in', async () => {
    const c = await t.createCustomer({ password: 'cut-pass-1234' });
    // Hold the login's attempt lock from outside, so the sign-in waits inside its transaction; then end its backend.
    const admin = new Client({ connectionString: t.config.databaseUrl! });
    await admin.connect();
    try {
      await admin.query('SELECT pg_advisory_lock(1001, hashtext($1))', [loginKey(c.phone)]);
      const pending = t.http.post('/api/v1/auth/login').send({ login: c.phone, password: 'cut-pass-1234' }).then((r) => r);
      let pid: number | undefined;
      for (let i = 0; i < 100 && !pid; i++) {
        await new Promise((r) => setTimeout(r, 20));
        const { rows } = await admin.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%pg_advisory_xact_lock%'`);
        pid = rows[0]?.pid;
      }
      expect(pid).toBeDefined();
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      const res = await pending;
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.body).toMatchObject({ code: 'service_unavailable', status: 503 });
      await admin.query('SELECT pg_advisory_unlock(1001, hashtext($1))', [loginKey(c.phone)]);
    } finally {
      await admin.end();
    }
    expect(await t.query('SELECT 1 FROM sessions WHERE customer_id = $1', [c.id])).toHaveLength(0);
    await t.http.post('/api/v1/auth/login').send({ login: c.phone, password: 'cut-pass-1234' }).expect(200);
  });
});
