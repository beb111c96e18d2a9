import { createTestContext, type TestContext } from '../support';

/** The back office of the integrator platform: partners, keys (shown once, scopes, allow-list, expiry, rotation, revocation), call log, rate limits. */
describe('partners and API keys (back office)', () => {
  let t: TestContext;
  let admin: { id: string; accessToken: string };
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const me = (key: string) => t.http.get('/api/v1/integrations/me').set('Authorization', `Bearer ${key}`);

  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    admin = await t.signInAdmin(); // a fresh session: tests move the clock past the 15-minute idle limit
  });

  it('when an admin adds a partner and issues a key, then the key is shown once, only its hash is stored, and it works', async () => {
    const p = await t.http.post('/api/v1/backoffice/partners').set(as(admin.accessToken)).send({ name: 'АЗС «Север»', contactEmail: 'IT@sever.example' }).expect(201);
    expect(p.body).toMatchObject({ name: 'АЗС «Север»', contactEmail: 'it@sever.example', status: 'active', activeKeys: 0 });

    const res = await t.http
      .post(`/api/v1/backoffice/partners/${p.body.id}/api-keys`)
      .set(as(admin.accessToken))
      .send({ name: 'Кассы', scopes: ['bonus:purchases', 'bonus:read'], ipAllowlist: ['10.1.2.3/8'] })
      .expect(201);
    expect(res.body.key).toMatch(/^cab_[0-9a-f]{12}_[A-Za-z0-9_-]{32}$/);
    expect(res.body).toMatchObject({ partnerId: p.body.id, prefix: res.body.key.slice(4, 16), scopes: ['bonus:purchases', 'bonus:read'], ipAllowlist: ['10.0.0.0/8'], state: 'active', rateLimitPerMinute: 6000 });

    // Never again: the list and the key itself show the prefix only.
    const list = await t.http.get(`/api/v1/backoffice/partners/${p.body.id}/api-keys`).set(as(admin.accessToken)).expect(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].key).toBeUndefined();
    expect(JSON.stringify(list.body)).not.toContain(res.body.key.slice(17));
    const [stored] = await t.query<{ key_hash: string }>('SELECT key_hash FROM api_keys WHERE id = $1', [res.body.id]);
    expect(stored.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.key_hash).not.toContain(res.body.key.slice(17));
    const audit = await t.query<{ action: string; actor_id: string }>(`SELECT action, actor_id FROM audit_log WHERE action IN ('partner_created', 'api_key_created') ORDER BY id`);
    expect(audit).toEqual([{ action: 'partner_created', actor_id: admin.id }, { action: 'api_key_created', actor_id: admin.id }]);
  });

  it('when a customer or an operator calls the back office, then 403 and nothing is made', async () => {
    const customer = await t.createCustomer({ password: 'plain-pass-1' });
    const token = (await t.signIn(customer.phone, 'plain-pass-1')).accessToken;
    expect((await t.http.get('/api/v1/backoffice/partners').set(as(token)).expect(403)).body.code).toBe('forbidden');
    const operator = await t.createCustomer({ password: 'operator-pass-1', role: 'operator' });
    const opToken = (await t.signIn(operator.phone, 'operator-pass-1')).accessToken;
    await t.http.post('/api/v1/backoffice/partners').set(as(opToken)).send({ name: 'Чужой', contactEmail: 'x@example.test' }).expect(403);
    expect(await t.query(`SELECT 1 FROM partners WHERE name = 'Чужой'`)).toHaveLength(0);
  });

  it('when a key lacks the scope of a route, then 403 forbidden; without a key or with a wrong one, 401', async () => {
    const p = await t.createPartner({ scopes: ['bonus:read'] });
    const res = await t.http.get('/api/v1/integrations/webhooks').set('Authorization', `Bearer ${p.key}`).expect(403);
    expect(res.body).toMatchObject({ code: 'forbidden', detail: expect.stringContaining('webhooks:manage') });
    await t.http.get('/api/v1/integrations/webhooks').expect(401);
    const wrong = `${p.key!.slice(0, -4)}AAAA`;
    expect((await me(wrong).expect(401)).body.code).toBe('authentication_required');
    expect((await me(p.key!).expect(200)).body).toMatchObject({ apiKeyId: p.keyId, scopes: ['bonus:read'], partnerId: p.id });
  });

  it('when a key is revoked or has expired, then 401 invalid_token', async () => {
    const p = await t.createPartner({ scopes: ['usage:write'] });
    const expiring = await t.http
      .post(`/api/v1/backoffice/partners/${p.id}/api-keys`)
      .set(as(admin.accessToken))
      .send({ name: 'Short', scopes: ['usage:write'], expiresAt: new Date(t.clock.now().getTime() + 3600_000).toISOString() })
      .expect(201);
    expect(expiring.body.state).toBe('expiring');
    await me(expiring.body.key).expect(200);

    const revoked = await t.http.post(`/api/v1/backoffice/api-keys/${p.keyId}/revoke`).set(as(admin.accessToken)).expect(200);
    expect(revoked.body).toMatchObject({ state: 'revoked', revokedAt: t.clock.now().toISOString() });
    expect((await me(p.key!).expect(401)).body.code).toBe('invalid_token');

    t.clock.advanceMinutes(61);
    expect((await me(expiring.body.key).expect(401)).body.code).toBe('invalid_token');
    const later = await t.signInAdmin();
    expect((await t.http.get(`/api/v1/backoffice/api-keys/${expiring.body.id}`).set(as(later.accessToken)).expect(200)).body.state).toBe('expired');
    t.clock.advanceMinutes(-61);
  });

  it('when a key is rotated, then both work during the overlap window and only the new one after it', async () => {
    const p = await t.createPartner({ scopes: ['payments:read'] });
    const res = await t.http.post(`/api/v1/backoffice/api-keys/${p.keyId}/rotate`).set(as(admin.accessToken)).send({ overlapHours: 2 }).expect(200);
    const fresh = res.body.created;
    expect(fresh.key).not.toBe(p.key);
    expect(fresh).toMatchObject({ scopes: ['payments:read'], partnerId: p.id, rotatedFromId: p.keyId, state: 'active' });
    expect(res.body.previous).toMatchObject({ id: p.keyId, replacedById: fresh.id, state: 'expiring', expiresAt: new Date(t.clock.now().getTime() + 2 * 3600_000).toISOString() });

    await me(p.key!).expect(200);
    await me(fresh.key).expect(200);
    t.clock.advanceMinutes(119);
    await me(p.key!).expect(200);
    t.clock.advanceMinutes(2);
    expect((await me(p.key!).expect(401)).body.code).toBe('invalid_token');
    await me(fresh.key).expect(200);
    t.clock.advanceMinutes(-121);

    // A key is rotated once; the successor is rotated next time.
    expect((await t.http.post(`/api/v1/backoffice/api-keys/${p.keyId}/rotate`).set(as(admin.accessToken)).send({}).expect(409)).body.code).toBe('api_key_not_active');
  });

  it('when a key has an IP allow-list, then calls from elsewhere get 403 ip_not_allowed', async () => {
    const p = await t.createPartner({ scopes: ['usage:write'] });
    await t.http.patch(`/api/v1/backoffice/api-keys/${p.keyId}`).set(as(admin.accessToken)).send({ ipAllowlist: ['203.0.113.0/24'] }).expect(200);
    expect((await me(p.key!).expect(403)).body.code).toBe('ip_not_allowed');
    await t.http.patch(`/api/v1/backoffice/api-keys/${p.keyId}`).set(as(admin.accessToken)).send({ ipAllowlist: ['203.0.113.0/24', '127.0.0.1'] }).expect(200);
    await me(p.key!).expect(200);
    const bad = await t.http.patch(`/api/v1/backoffice/api-keys/${p.keyId}`).set(as(admin.accessToken)).send({ ipAllowlist: ['300.1.1.1'] }).expect(400);
    expect(bad.body.errors[0].field).toBe('ipAllowlist.0');
    const [row] = await t.query<{ ip_allowlist: string[] }>('SELECT ip_allowlist::text[] AS ip_allowlist FROM api_keys WHERE id = $1', [p.keyId]);
    expect(row.ip_allowlist).toEqual(['127.0.0.1/32', '203.0.113.0/24']);
  });

  it('when a partner is suspended, then its keys answer 403 partner_suspended until it is active again', async () => {
    const p = await t.createPartner({ scopes: ['bonus:read'] });
    await t.http.patch(`/api/v1/backoffice/partners/${p.id}`).set(as(admin.accessToken)).send({ status: 'suspended' }).expect(200);
    expect((await me(p.key!).expect(403)).body.code).toBe('partner_suspended');
    await t.http.patch(`/api/v1/backoffice/partners/${p.id}`).set(as(admin.accessToken)).send({ status: 'active' }).expect(200);
    await me(p.key!).expect(200);
  });

  it('when a key goes past its rate limit, then 429 with Retry-After and RateLimit-* headers, and the next window is open again', async () => {
    const p = await t.createPartner({ scopes: ['bonus:read'] });
    await t.http.patch(`/api/v1/backoffice/api-keys/${p.keyId}`).set(as(admin.accessToken)).send({ rateLimitPerMinute: 3 }).expect(200);
    const first = await me(p.key!).expect(200);
    expect(first.headers).toMatchObject({ 'ratelimit-limit': '3', 'ratelimit-remaining': '2', 'ratelimit-policy': '3;w=60', 'ratelimit-reset': '60' });
    await me(p.key!).expect(200);
    expect((await me(p.key!).expect(200)).headers['ratelimit-remaining']).toBe('0');
    t.clock.advance(20_000);
    const limited = await me(p.key!).expect(429);
    expect(limited.body).toMatchObject({ code: 'rate_limited', retryAfter: 40 });
    expect(limited.headers).toMatchObject({ 'retry-after': '40', 'ratelimit-remaining': '0', 'ratelimit-reset': '40' });
    expect(limited.headers['content-type']).toMatch(/problem\+json/);
    t.clock.advance(40_000);
    expect((await me(p.key!).expect(200)).headers['ratelimit-remaining']).toBe('2');
    t.clock.advance(-60_000);
  });

  it('when a key is used, then every call is in its call log (route, status, latency) and counted in its usage per day', async () => {
    const p = await t.createPartner({ scopes: ['bonus:read'] });
    await me(p.key!).expect(200);
    await me(p.key!).expect(200);
    await t.http.get('/api/v1/integrations/webhooks').set('Authorization', `Bearer ${p.key}`).expect(403);
    await t.flushCallLog();

    const calls = await t.http.get(`/api/v1/backoffice/api-keys/${p.keyId}/calls?limit=2`).set(as(admin.accessToken)).expect(200);
    expect(calls.body.items).toHaveLength(2);
    expect(calls.body.items[0]).toMatchObject({ method: 'GET', route: '/integrations/webhooks', status: 403, at: t.clock.now().toISOString() });
    expect(calls.body.items[0].latencyMs).toBeGreaterThanOrEqual(0);
    const next = await t.http.get(`/api/v1/backoffice/api-keys/${p.keyId}/calls?limit=2&cursor=${calls.body.nextCursor}`).set(as(admin.accessToken)).expect(200);
    expect(next.body).toMatchObject({ items: [{ route: '/integrations/me', status: 200 }], nextCursor: null });

    const usage = await t.http.get(`/api/v1/backoffice/api-keys/${p.keyId}/usage`).set(as(admin.accessToken)).expect(200);
    expect(usage.body).toMatchObject({ totalCalls: 3, totalErrors: 1, to: '2026-11-22' });
    expect(usage.body.rows).toEqual([
      expect.objectContaining({ day: '2026-11-22', route: 'GET /integrations/me', calls: 2, errors: 0 }),
      expect.objectContaining({ day: '2026-11-22', route: 'GET /integrations/webhooks', calls: 1, errors: 1 }),
    ]);
    const key = await t.http.get(`/api/v1/backoffice/api-keys/${p.keyId}`).set(as(admin.accessToken)).expect(200);
    expect(key.body.lastUsedAt).toBe(t.clock.now().toISOString());
    expect((await t.query('SELECT 1 FROM api_key_calls WHERE api_key_id = $1', [p.keyId])).length).toBe(3);
  });

  it('when the input is bad, then 400 with the field and nothing is stored', async () => {
    const p = await t.createPartner();
    const res = await t.http.post(`/api/v1/backoffice/partners/${p.id}/api-keys`).set(as(admin.accessToken)).send({ name: 'x', scopes: ['root'] }).expect(400);
    expect(res.body.errors[0].field).toBe('scopes');
    await t.http.post(`/api/v1/backoffice/partners/${p.id}/api-keys`).set(as(admin.accessToken)).send({ name: 'x', scopes: ['bonus:read'], expiresAt: '2020-01-01T00:00:00Z' }).expect(400);
    await t.http.post('/api/v1/backoffice/partners/00000000-0000-4000-8000-000000000000/api-keys').set(as(admin.accessToken)).send({ name: 'x', scopes: ['bonus:read'] }).expect(404);
    expect(await t.query('SELECT 1 FROM api_keys WHERE partner_id = $1', [p.id])).toHaveLength(0);
  });
});
