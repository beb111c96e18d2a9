import { createTestContext, type TestContext } from '../support';

function nested(depth: number): unknown {
  let v: unknown = 'deep';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** Every piece of bad input gets a clear 4xx problem and changes nothing. */
describe('bad request bodies', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await t.createCustomer({ phone: '+79210005555', password: 'valid-pass-1' });
  });
  afterAll(() => t.close());

  const nothingWritten = async () => {
    expect(await t.query('SELECT 1 FROM login_attempts')).toHaveLength(0);
    expect(await t.query('SELECT 1 FROM sessions')).toHaveLength(0);
    expect(await t.query('SELECT 1 FROM audit_log')).toHaveLength(0);
    expect(await t.query('SELECT 1 FROM notification_outbox')).toHaveLength(0);
    expect(await t.query('SELECT 1 FROM one_time_codes')).toHaveLength(0);
  };
  const expectProblem = (res: { status: number; headers: Record<string, string>; body: Record<string, unknown>; text: string }, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, code, type: expect.stringContaining(code.replace(/_/g, '-')), title: expect.any(String) });
    expect(res.text).not.toMatch(/\bat \w+ \(|node_modules|\.ts:\d+/);
  };

  it.each([
    ['missing fields', {}, ['login', 'password']],
    ['missing password', { login: '+79210005555' }, ['password']],
    ['wrong types', { login: 79210005555, password: ['valid-pass-1'] }, ['login', 'password']],
    ['empty strings', { login: '', password: '' }, ['login', 'password']],
    ['an unknown field', { login: '+79210005555', password: 'valid-pass-1', admin: true }, ['admin']],
    ['a 1 MB string', { login: '+79210005555', password: 'x'.repeat(1024 * 1024) }, ['password']],
    ['a 1 MB login', { login: '9'.repeat(1024 * 1024), password: 'valid-pass-1' }, ['login']],
    ['a captcha that is not an object', { login: '+79210005555', password: 'valid-pass-1', captcha: 'abc' }, ['captcha']],
    ['a captcha with a bad id', { login: '+79210005555', password: 'valid-pass-1', captcha: { id: "1' OR 1=1", answer: 'x' } }, ['captcha.id']],
    // Found by the fuzzer (test/quality/openapi-fuzz.test.ts): each was a 500.
    ['a NUL character', { login: '+7921000\u00005555', password: 'valid-pass-1' }, ['login']],
    ['a lone surrogate', { login: '\ud800', password: 'valid-pass-1' }, ['login']],
    ['a captcha that is an array', { login: '+79210005555', password: 'valid-pass-1', captcha: [] }, ['captcha']],
    ['2,000 levels of nesting', { login: '+79210005555', password: 'valid-pass-1', captcha: nested(2000) }, ['captcha']],
  ])('POST /auth/login with %s → 400 validation_failed naming the fields, nothing written', async (_name, body, fields) => {
    const res = await t.http.post('/api/v1/auth/login').send(body);
    expectProblem(res, 400, 'validation_failed');
    const named = new Set((res.body.errors as { field: string }[]).map((e) => e.field));
    for (const f of fields) expect(named).toContain(f);
    await nothingWritten();
  });

  it('when the body is a JSON array, null or a number, then 400', async () => {
    for (const raw of ['[]', 'null', '42', '"text"']) {
      const res = await t.http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send(raw);
      expectProblem(res, 400, raw === '[]' ? 'validation_failed' : res.body.code as string);
      expect(['validation_failed', 'malformed_json']).toContain(res.body.code);
    }
    await nothingWritten();
  });

  it('when the JSON is broken, then 400 malformed_json', async () => {
    const res = await t.http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"login": "+7921');
    expectProblem(res, 400, 'malformed_json');
    await nothingWritten();
  });

  it('when the body is over 2 MB, then 413 payload_too_large', async () => {
    const res = await t.http.post('/api/v1/auth/login').send({ login: '+79210005555', password: 'x'.repeat(3 * 1024 * 1024) });
    expectProblem(res, 413, 'payload_too_large');
    await nothingWritten();
  });

  it('when the body is not JSON, then 415 unsupported_media_type', async () => {
    const res = await t.http.post('/api/v1/auth/login').set('Content-Type', 'application/x-www-form-urlencoded').send('login=%2B79210005555&password=valid-pass-1');
    expectProblem(res, 415, 'unsupported_media_type');
    await nothingWritten();
  });

  it.each([
    ['/api/v1/auth/password-reset', { login: 42 }],
    ['/api/v1/auth/password-reset', { login: '+79210005555', extra: 1 }],
    ['/api/v1/auth/password-reset/confirm', { login: '+79210005555', code: '12345', newPassword: 'valid-pass-2' }],
    ['/api/v1/auth/password-reset/confirm', { login: '+79210005555', code: 'abcdef', newPassword: 'valid-pass-2' }],
    ['/api/v1/auth/password-reset/confirm', { login: '+79210005555', code: '123456', newPassword: 'y'.repeat(1024 * 1024) }],
  ])('POST %s with %j → 400, nothing written', async (path, body) => {
    const res = await t.http.post(path).send(body);
    expectProblem(res, 400, 'validation_failed');
    await nothingWritten();
  });

  it('when signed in and sending bad bodies to profile routes, then 400 and the profile is unchanged', async () => {
    const s = await t.signIn('+79210005555', 'valid-pass-1');
    // The audit log is append-only (nothing deletes from it): count what is new from here on.
    const [{ last }] = await t.query<{ last: string }>('SELECT coalesce(max(id), 0) AS last FROM audit_log');
    const cases: [string, string, object][] = [
      ['post', '/api/v1/me/password', { currentPassword: 'valid-pass-1' }],
      ['post', '/api/v1/me/password', { currentPassword: 'valid-pass-1', newPassword: 'new-valid-pass', endOtherSessions: 'yes' }],
      ['put', '/api/v1/me/email', { password: 'valid-pass-1' }],
      ['post', '/api/v1/me/phone', { password: 'valid-pass-1', phone: 79110000000 }],
      ['post', '/api/v1/me/phone/confirm', { code: 123456 }],
    ];
    for (const [method, path, body] of cases) {
      const res = await (t.http as unknown as Record<string, (p: string) => ReturnType<typeof t.http.post>>)[method](path).set(t.bearer(s.accessToken)).send(body);
      expectProblem(res, 400, 'validation_failed');
    }
    expect(await t.query('SELECT 1 FROM audit_log WHERE id > $1', [last])).toHaveLength(0);
    expect(await t.query('SELECT 1 FROM one_time_codes')).toHaveLength(0);
    await t.signIn('+79210005555', 'valid-pass-1');
  });

  it('when a path segment is not valid percent-encoded UTF-8, then 400 naming the path (was a 500)', async () => {
    const session = await t.signIn('+79210005555', 'valid-pass-1');
    const res = await t.http.delete('/api/v1/me/sessions/%ED%A0%80').set(t.bearer(session.accessToken));
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual([{ field: 'path', code: 'encoding', message: expect.any(String) }]);
  });

  it('when money is missing, an array or null in a promised payment, then 400 naming amount and nothing is lent (was a 500)', async () => {
    const c = await t.createCustomer({ password: 'valid-pass-2' });
    const { accountId } = await t.openMobileAccount(c.id, { balance: 10_00 });
    const token = (await t.signIn(c.phone, 'valid-pass-2')).accessToken;
    for (const body of [{}, { amount: [] }, { amount: null }, { amount: 'много' }]) {
      const res = await t.http.post(`/api/v1/accounts/${accountId}/promised-payment`).set(t.bearer(token)).send(body);
      expectProblem(res, 400, 'validation_failed');
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain('amount');
    }
    expect(await t.query('SELECT 1 FROM promised_payments')).toHaveLength(0);
    expect(await t.query('SELECT balance FROM accounts WHERE id = $1', [accountId])).toEqual([{ balance: '1000' }]);
  });

  it('when an admin adjusts a balance without an amount, then 400 naming amount and the balance stays (was a 500)', async () => {
    const admin = await t.createStaff('admin');
    const c = await t.createCustomer();
    const { accountId } = await t.openMobileAccount(c.id, { balance: 10_00 });
    for (const body of [{ direction: 'credit', reason: 'Компенсация' }, { direction: 'credit', reason: 'Компенсация', amount: [] }]) {
      const res = await t.http.post(`/api/v1/backoffice/accounts/${accountId}/adjustments`).set(t.bearer(admin.accessToken)).send(body);
      expectProblem(res, 400, 'validation_failed');
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain('amount');
    }
    expect(await t.query('SELECT balance FROM accounts WHERE id = $1', [accountId])).toEqual([{ balance: '1000' }]);
  });

  it('when a till sends a quantity in exponent notation (1e-323) or with too many decimals, then 400 naming it (was a 500)', async () => {
    const member = await t.createBonusMember();
    const till = await t.createTill();
    for (const quantity of [1e-323, 1.23456]) {
      const res = await t.http
        .post('/api/v1/integrations/bonus/quote')
        .set('Authorization', `Bearer ${till.key}`)
        .send({ cardNumber: member.cardNumber, station: 'АЗС №3', items: [{ name: 'АИ-95', category: 'fuel', amount: { amount: 1000_00, currency: 'RUB' }, quantity }] });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'items.0.quantity', code: 'isNumber' })]);
    }
  });

  it('when a route does not exist, then 404 problem; a bad path id is 400', async () => {
    expectProblem(await t.http.get('/api/v1/no-such-thing'), 404, 'not_found');
    const s = await t.signIn('+79210005555', 'valid-pass-1');
    expectProblem(await t.http.delete('/api/v1/me/sessions/not-a-uuid').set(t.bearer(s.accessToken)), 400, 'validation_failed');
  });
});

describe('security headers', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('when any API answer goes out, then it carries the REST security headers, no-store and a request id, and no x-powered-by', async () => {
    for (const res of [await t.http.get('/api/v1/health').expect(200), await t.http.get('/api/v1/no-such-thing').expect(404)]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      // Nothing may load in or frame an API answer, even one opened by its address in a browser.
      expect(res.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-request-id']).toMatch(/^[\w-]+$/);
      expect(res.headers['x-powered-by']).toBeUndefined();
      // The headers that only mean something on a page are left off data.
      for (const h of ['cross-origin-opener-policy', 'origin-agent-cluster', 'x-dns-prefetch-control', 'x-download-options', 'x-xss-protection']) expect(res.headers[h]).toBeUndefined();
    }
  });

  it('when a page goes out (the API docs), then it carries the page policy and the document headers', async () => {
    const res = await t.http.get('/api/docs/').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('when another origin asks, then CORS does not allow it; the SPA origin is allowed with credentials', async () => {
    const evil = await t.http.options('/api/v1/auth/login').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    const spa = await t.http.options('/api/v1/auth/login').set('Origin', 'http://localhost:5173').set('Access-Control-Request-Method', 'POST');
    expect(spa.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(spa.headers['access-control-allow-credentials']).toBe('true');
  });
});

describe('content security policy', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('when the product is opened over plain http from another host, then the policy does not force https', async () => {
    const res = await t.http.get('/api/docs/').expect(200);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
  });
});
