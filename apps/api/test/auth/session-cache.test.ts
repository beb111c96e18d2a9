import { createTestContext, watchQueries, type TestContext, type TestCustomer } from '../support';

/**
 * The session cache (FEED_CACHE_SECONDS, on in production, off in the other suites): a signed-in request is
 * answered without reading its session again, and a session ended or a customer blocked by any means — plain SQL
 * included — stops working as soon as the database's change notification arrives.
 */
describe('session cache: the session check from memory, ended by database changes', () => {
  let t: TestContext;
  let ivan: TestCustomer;
  let queries: ReturnType<typeof watchQueries>;
  const sessionReads = () => queries.seen.filter((q) => q.includes('FROM sessions s JOIN customers c'));

  beforeAll(async () => {
    t = await createTestContext({ env: { FEED_CACHE_SECONDS: '10' } });
    ivan = await t.createCustomer({ password: 'ivan-secret-12' });
    queries = watchQueries();
  });
  afterAll(async () => {
    queries.stop();
    await t.close();
  });

  /** Asks until the answer is `status` (the notification travels on another connection), at most 3 s. */
  async function eventually(token: string, status: number): Promise<number> {
    let last = 0;
    for (let i = 0; i < 60; i++) {
      last = (await t.http.get('/api/v1/me').set(t.bearer(token))).status;
      if (last === status) return last;
      await new Promise((r) => setTimeout(r, 50));
    }
    return last;
  }

  async function signedInAndCached(): Promise<string> {
    const { accessToken } = await t.signIn(ivan.phone, 'ivan-secret-12');
    await t.http.get('/api/v1/me').set(t.bearer(accessToken)).expect(200);
    for (let i = 0; i < 40 && !t.services.changes.live; i++) await new Promise((r) => setTimeout(r, 50));
    expect(t.services.changes.live).toBe(true);
    await t.http.get('/api/v1/me').set(t.bearer(accessToken)).expect(200); // now cached
    return accessToken;
  }

  it('when a signed-in customer asks again, then the session is not read from the database', async () => {
    const token = await signedInAndCached();
    queries.seen.length = 0;
    await t.http.get('/api/v1/me').set(t.bearer(token)).expect(200);
    await t.http.get('/api/v1/accounts').set(t.bearer(token)).expect(200);
    expect(sessionReads()).toHaveLength(0);
  });

  it('when the session is ended in the database by plain SQL, then its token stops working', async () => {
    const token = await signedInAndCached();
    await t.query(`UPDATE sessions SET revoked_at = now(), revoke_reason = 'revoked' WHERE customer_id = $1 AND revoked_at IS NULL`, [ivan.id]);
    expect(await eventually(token, 401)).toBe(401);
  });

  it('when the customer is blocked, then a cached session answers 403 account_blocked', async () => {
    const token = await signedInAndCached();
    await t.query(`UPDATE customers SET status = 'blocked' WHERE id = $1`, [ivan.id]);
    try {
      expect(await eventually(token, 403)).toBe(403);
      const res = await t.http.get('/api/v1/me').set(t.bearer(token)).expect(403);
      expect(res.body.code).toBe('account_blocked');
    } finally {
      await t.query(`UPDATE customers SET status = 'active' WHERE id = $1`, [ivan.id]);
    }
  });

  it('when the customer signs out, then the very next request with the token is refused', async () => {
    const s = await t.signIn(ivan.phone, 'ivan-secret-12');
    await t.http.get('/api/v1/me').set(t.bearer(s.accessToken)).expect(200);
    await t.http.get('/api/v1/me').set(t.bearer(s.accessToken)).expect(200);
    await t.http.post('/api/v1/auth/logout').set(t.bearer(s.accessToken)).set('Cookie', s.refreshCookie).expect(204);
    await t.http.get('/api/v1/me').set(t.bearer(s.accessToken)).expect(401);
  });

  it('when the listening connection is cut, then the cache is dropped and requests read the database until it is back', async () => {
    const token = await signedInAndCached();
    await t.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'cabinet-change-feed' AND datname = current_database()`);
    for (let i = 0; i < 40 && t.services.changes.live; i++) await new Promise((r) => setTimeout(r, 50));
    expect(t.services.changes.live).toBe(false);
    queries.seen.length = 0;
    await t.http.get('/api/v1/me').set(t.bearer(token)).expect(200);
    expect(sessionReads()).toHaveLength(1); // from the database, not memory
    // Revoked while nobody listens: refused at once, since nothing is served from memory now.
    await t.query(`UPDATE sessions SET revoked_at = now(), revoke_reason = 'revoked' WHERE customer_id = $1 AND revoked_at IS NULL`, [ivan.id]);
    await t.http.get('/api/v1/me').set(t.bearer(token)).expect(401);
    // It listens again on its own (a retry each second).
    for (let i = 0; i < 60 && !t.services.changes.live; i++) await new Promise((r) => setTimeout(r, 50));
    expect(t.services.changes.live).toBe(true);
  });
});
