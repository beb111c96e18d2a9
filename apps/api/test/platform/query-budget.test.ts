import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { pageLimit, prepared } from '../../src/db/prepared';
import { createTestContext, watchQueries, type TestContext } from '../support';

/**
 * The reads a subscriber's every visit makes, each in a fixed number of queries (issue 11's load target: every
 * query is a round trip to the database, the main cost of a read). With the session cache on, as in production,
 * the session check costs none; a read that grows a query fails here, and names the queries it ran.
 */
describe('query budget of the dashboard and history reads', () => {
  let t: TestContext;
  let token: string;
  let accountId: string;
  let internetId: string;
  let queries: ReturnType<typeof watchQueries>;

  beforeAll(async () => {
    t = await createTestContext({ env: { FEED_CACHE_SECONDS: '10' } });
    const c = await t.createCustomer({ password: 'owner-pass-12' });
    const m = await t.openMobileAccount(c.id, { balance: 900_00, lines: [{ tariffCode: 'megafon-vse' }, { tariffCode: 'tele2-black' }] });
    accountId = m.accountId;
    internetId = (await t.openInternetAccount(c.id, { balance: 500_00 })).accountId;
    token = (await t.signIn(c.phone, 'owner-pass-12')).accessToken;
    await t.http.get('/api/v1/me').set(t.bearer(token)).expect(200);
    for (let i = 0; i < 40 && !t.services.changes.live; i++) await new Promise((r) => setTimeout(r, 50));
    queries = watchQueries();
  });
  afterAll(async () => {
    queries.stop();
    await t.close();
  });

  it.each([
    ['/api/v1/me', 1],
    ['/api/v1/accounts', 1], // the accounts with their lines (options, changes) or contract as JSON; tariffs from memory
    ['/api/v1/accounts/:mobile', 1],
    ['/api/v1/accounts/:internet', 1],
    ['/api/v1/accounts/:mobile/transactions?limit=20', 1],
    ['/api/v1/accounts/:mobile/transactions?limit=20&sort=-amount', 1],
    ['/api/v1/payments?limit=20', 1],
    ['/api/v1/accounts/:mobile/transactions/summary', 1],
  ])('GET %s: at most %d queries', async (p, budget) => {
    const url = p.replace(':mobile', accountId).replace(':internet', internetId);
    await t.http.get(url).set(t.bearer(token)).expect(200);
    queries.seen.length = 0;
    const res = await t.http.get(url).set(t.bearer(token)).expect(200);
    expect(res.body).toBeTruthy();
    expect(queries.seen.length <= budget ? [] : queries.seen).toEqual([]);
    // Each runs as a named prepared statement: parsed and planned once per connection, not on every visit.
    expect(queries.seen.filter((q) => !q.startsWith('['))).toEqual([]);
  });

  it('POST /auth/login: one transaction of 7 statements (lock, attempts, credentials, device, session, audit) after the rate count, each prepared', async () => {
    const c = await t.createCustomer({ password: 'budget-pass-12' });
    await t.http.post('/api/v1/auth/login').set('User-Agent', 'budget').send({ login: c.phone, password: 'budget-pass-12' }).expect(200);
    queries.seen.length = 0;
    await t.http.post('/api/v1/auth/login').set('User-Agent', 'budget').send({ login: c.phone, password: 'budget-pass-12' }).expect(200);
    const statements = queries.seen.filter((q) => q !== 'START TRANSACTION' && q !== 'COMMIT');
    expect(queries.seen.filter((q) => q === 'START TRANSACTION')).toHaveLength(1);
    expect(statements.length <= 7 ? [] : statements).toEqual([]);
    expect(statements.filter((q) => !q.startsWith('['))).toEqual([]);
  });

  it('POST /payments with a saved card: the crediting transaction is at most 12 statements, the whole request at most 33', async () => {
    const auth = t.bearer(token);
    const pay = (body: Record<string, unknown>) => t.http.post('/api/v1/payments').set(auth).set('Idempotency-Key', randomUUID()).send({ accountId, amount: { amount: 100_00, currency: 'RUB' }, ...body });
    const first = await pay({ method: 'bank_card', saveCard: true }).expect(201);
    await t.payOnAcquirerPage(first.body.confirmation.url, { number: '5555555555554444' });
    const [card] = (await t.http.get('/api/v1/cards').set(auth).expect(200)).body.items as { id: string }[];
    await pay({ method: 'saved_card', cardId: card.id }).expect(201);
    const before = await t.query<{ balance: string }>('SELECT balance FROM accounts WHERE id = $1', [accountId]);

    queries.seen.length = 0;
    const res = await pay({ method: 'saved_card', cardId: card.id }).expect(201);
    const seen = [...queries.seen];
    expect(res.body).toMatchObject({ status: 'succeeded' });
    expect((await t.query<{ balance: string }>('SELECT balance FROM accounts WHERE id = $1', [accountId]))[0].balance).toBe(String(BigInt(before[0].balance) + 100_00n));
    // The second transaction settles the payment: it locks the payment, credits the ledger, resumes what waited
    // for money, and writes the notifications. (The sandbox acquirer in this process makes its own queries
    // between the two; a real acquirer is an HTTP call.)
    const starts = seen.flatMap((q, i) => (q === 'START TRANSACTION' ? [i] : []));
    expect(starts).toHaveLength(2);
    const settle = seen.slice(starts[1] + 1, seen.indexOf('COMMIT', starts[1]));
    expect(settle.length <= 12 ? [] : settle).toEqual([]);
    // 33: the notification centre's entry is pushed to devices, and no outbox claim is spent on it.
    expect(seen.length <= 33 ? [] : seen).toEqual([]);
  });

  it('when a tariff changes in the database, then the account view shows it (the cached row is dropped)', async () => {
    const fee = async () => {
      const res = await t.http.get(`/api/v1/accounts/${accountId}`).set(t.bearer(token)).expect(200);
      return res.body.lines[0].tariff.monthlyFee.amount as number;
    };
    const before = await fee();
    await t.query(`UPDATE tariffs SET monthly_fee = monthly_fee + 100 WHERE code = 'megafon-vse'`);
    try {
      let now = before;
      for (let i = 0; i < 60 && now === before; i++) {
        await new Promise((r) => setTimeout(r, 50));
        now = await fee();
      }
      expect(now).toBe(before + 100);
    } finally {
      await t.query(`UPDATE tariffs SET monthly_fee = monthly_fee - 100 WHERE code = 'megafon-vse'`);
    }
  });

  it('when the history is empty or the account is not theirs, then a second query tells 200 from 404', async () => {
    const other = await t.createCustomer({ password: 'other-pass-12' });
    const empty = await t.openMobileAccount(other.id);
    const s = await t.signIn(other.phone, 'other-pass-12');
    const mine = await t.http.get(`/api/v1/accounts/${empty.accountId}/transactions?limit=20`).set(t.bearer(s.accessToken)).expect(200);
    expect(mine.body).toEqual({ items: [], nextCursor: null });
    const theirs = await t.http.get(`/api/v1/accounts/${accountId}/transactions?limit=20`).set(t.bearer(s.accessToken)).expect(404);
    expect(theirs.body.code).toBe('not_found');
    await t.http.get(`/api/v1/accounts/${accountId}/transactions/summary`).set(t.bearer(s.accessToken)).expect(404);
  });
});

describe('prepared statements', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('when a pool connection runs a registered read, then PostgreSQL holds it as a named statement of that connection, and an unregistered query is not named', async () => {
    const sql = prepared('test.prepared.probe', 'SELECT $1::int + 1 AS n');
    const pool = (t.ds.driver as unknown as { master: Pool }).master;
    const client = await pool.connect();
    try {
      expect((await client.query(sql, [41])).rows).toEqual([{ n: 42 }]);
      expect((await client.query(sql, [1])).rows).toEqual([{ n: 2 }]); // the second call reuses it
      await client.query('SELECT $1::int AS unnamed', [1]);
      const { rows } = await client.query<{ name: string; statement: string }>('SELECT name, statement FROM pg_prepared_statements ORDER BY name');
      expect(rows.map((r) => r.name)).toContain('test.prepared.probe');
      expect(rows.some((r) => r.statement.includes('unnamed'))).toBe(false);
    } finally {
      client.release();
    }
  });

  it('when a page read asks for a usual page size, then its LIMIT is a literal named into the statement; another size is a parameter', () => {
    const params: unknown[] = ['x'];
    expect(pageLimit(21, (v) => params.push(v))).toEqual({ sql: 'LIMIT 21', tag: '.l21' });
    expect(params).toEqual(['x']);
    expect(pageLimit(8, (v) => params.push(v))).toEqual({ sql: 'LIMIT $2', tag: '' });
    expect(params).toEqual(['x', 8]);
  });

  it('when history and payments pages of odd sizes are read, then they answer like the usual ones', async () => {
    const c = await t.createCustomer({ password: 'pages-pass-12' });
    const { accountId } = await t.openMobileAccount(c.id, { balance: 500_00 });
    for (let i = 0; i < 9; i++) await t.ds.transaction((em) => t.services.ledger.post(em, { accountId, amount: BigInt(100 + i), kind: 'adjustment', ref: `odd-${i}` }));
    const auth = t.bearer((await t.signIn(c.phone, 'pages-pass-12')).accessToken);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { amount: { amount: number } }[]; nextCursor: string | null } = (
        await t.http.get(`/api/v1/accounts/${accountId}/transactions?limit=7&sort=amount${cursor ? `&cursor=${cursor}` : ''}`).set(auth).expect(200)
      ).body;
      seen.push(...page.items.map((e) => e.amount.amount));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([100, 101, 102, 103, 104, 105, 106, 107, 108, 500_00].sort((a, b) => a - b));
    const twenty = await t.http.get(`/api/v1/accounts/${accountId}/transactions?limit=20&sort=amount`).set(auth).expect(200);
    expect(twenty.body.items.map((e: { amount: { amount: number } }) => e.amount.amount)).toEqual(seen);
    await t.http.get('/api/v1/payments?limit=3').set(auth).expect(200);
  });

  it('when a name is registered again with other SQL, then registration refuses it', () => {
    prepared('test.prepared.twice', 'SELECT 1');
    expect(() => prepared('test.prepared.twice', 'SELECT 2')).toThrow(/registered twice/);
  });
});
