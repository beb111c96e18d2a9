import { Limits } from '@cabinet/shared-types';
import { createTestContext, type TestContext, type TestCustomer } from '../support';

describe('POST /api/v1/auth/login', () => {
  let t: TestContext;
  let ivan: TestCustomer;

  beforeAll(async () => {
    t = await createTestContext();
    ivan = await t.createCustomer({ phone: '+79211234567', contractNumber: '700800900', password: 'ivan-secret-1' });
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.query('DELETE FROM login_attempts');
  });

  const login = (body: object) => t.http.post('/api/v1/auth/login').send(body);

  it.each([
    ['+79211234567'],
    ['+7 921 123-45-67'],
    ['8 (921) 123-45-67'],
    ['89211234567'],
    ['79211234567'],
    ['9211234567'],
    ['921 123 45 67'],
    ['700800900'],
  ])('when the login is %p with the right password, then 200 with an access token that opens /me', async (given) => {
    const res = await login({ login: given, password: 'ivan-secret-1' }).expect(200);
    expect(res.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900, mustChangePassword: false });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/cabinet_refresh=[^;]+;/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/api\/v1\/auth/);
    // The hint the SPA reads to know a session may be restored: readable by scripts, for every path, nothing secret.
    const hint = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('cabinet_session='));
    expect(hint).toMatch(/^cabinet_session=1; Max-Age=\d+; Path=\/; Expires=[^;]+; SameSite=Strict$/);
    const me = await t.http.get('/api/v1/me').set(t.bearer(res.body.accessToken)).expect(200);
    expect(me.body).toMatchObject({ id: ivan.id, phone: '+79211234567', contractNumber: '700800900', role: 'subscriber' });
    expect(me.body).not.toHaveProperty('passwordHash');
    expect(JSON.stringify(me.body)).not.toMatch(/\$argon2|hash/i);
  });

  it('when signing in twice, then each sign-in gets a new session row', async () => {
    const before = await t.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions WHERE customer_id = $1', [ivan.id]);
    const a = await t.signIn(ivan.phone, 'ivan-secret-1');
    const b = await t.signIn(ivan.phone, 'ivan-secret-1');
    expect(a.refreshCookie).not.toEqual(b.refreshCookie);
    const after = await t.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions WHERE customer_id = $1', [ivan.id]);
    expect(after[0].n).toBe(before[0].n + 2);
  });

  it('when the password is wrong, then 401 invalid_credentials as problem+json, and the failure is counted and audited', async () => {
    const res = await login({ login: ivan.phone, password: 'wrong-password' }).expect(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 401, code: 'invalid_credentials', title: 'Unauthorized' });
    expect(res.body.captcha).toBeUndefined();
    const [attempt] = await t.query<{ failures: number }>('SELECT failures FROM login_attempts WHERE login_key = $1', [ivan.phone]);
    expect(attempt.failures).toBe(1);
    const audit = await t.query('SELECT action FROM audit_log WHERE customer_id = $1 AND action = $2', [ivan.id, 'login_failed']);
    expect(audit.length).toBeGreaterThan(0);
  });

  it('when the login does not exist, then the same 401 answer as a wrong password', async () => {
    const unknown = await login({ login: '+79990000000', password: 'whatever-123' }).expect(401);
    const wrong = await login({ login: ivan.phone, password: 'whatever-123' }).expect(401);
    const strip = (b: Record<string, unknown>) => ({ ...b, instance: undefined });
    expect(strip(unknown.body)).toEqual(strip(wrong.body));
  });

  it('when 2 attempts failed, then the next one without a captcha answers 428 with a challenge, and a solved captcha lets the right password in', async () => {
    await login({ login: ivan.phone, password: 'bad-1' }).expect(401);
    const second = await login({ login: ivan.phone, password: 'bad-2' }).expect(401);
    expect(second.body.captcha).toMatchObject({ id: expect.any(String), image: expect.stringMatching(/^data:image\/svg\+xml;base64,/) });

    const noCaptcha = await login({ login: ivan.phone, password: 'ivan-secret-1' }).expect(428);
    expect(noCaptcha.body).toMatchObject({ code: 'captcha_required', status: 428 });
    const challenge = noCaptcha.body.captcha;
    expect(Buffer.from(challenge.image.split(',')[1], 'base64').toString()).toMatch(/^<svg/);

    const wrongAnswer = await login({ login: ivan.phone, password: 'ivan-secret-1', captcha: { id: challenge.id, answer: 'zzzzz' } }).expect(428);
    expect(wrongAnswer.body.code).toBe('captcha_invalid');
    // A used challenge cannot be replayed even with the right answer.
    const replay = await login({
      login: ivan.phone,
      password: 'ivan-secret-1',
      captcha: { id: challenge.id, answer: await t.captchaAnswer(challenge.id) },
    }).expect(428);
    expect(replay.body.code).toBe('captcha_invalid');

    const fresh = replay.body.captcha;
    const ok = await login({
      login: ivan.phone,
      password: 'ivan-secret-1',
      captcha: { id: fresh.id, answer: (await t.captchaAnswer(fresh.id)).toUpperCase() },
    }).expect(200);
    expect(ok.body.accessToken).toEqual(expect.any(String));
    expect(await t.query('SELECT 1 FROM login_attempts WHERE login_key = $1', [ivan.phone])).toHaveLength(0);
  });

  it('when 10 wrong guesses arrive at once on a login that never failed, then they are counted one at a time: 2 answer 401, the rest need a captcha', async () => {
    const target = await t.createCustomer({ password: 'target-pass-1' });
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => login({ login: target.phone, password: `guess-${i}` })));
    const codes = answers.map((r) => `${r.status} ${r.body.code}`).sort();
    expect(codes).toEqual([...Array(2).fill('401 invalid_credentials'), ...Array(8).fill('428 captcha_required')]);
    const [attempt] = await t.query<{ failures: number }>('SELECT failures FROM login_attempts WHERE login_key = $1', [target.phone]);
    expect(attempt.failures).toBe(2);
    expect(await t.query('SELECT 1 FROM sessions WHERE customer_id = $1', [target.id])).toHaveLength(0);
  });

  it('when 5 attempts in a row failed, then the login is locked for 15 minutes even for the right password, and unlocks by the clock', async () => {
    const victim = await t.createCustomer({ password: 'victim-pass-1' });
    let captcha: { id: string } | undefined;
    let last;
    for (let i = 1; i <= Limits.lockAfterFailures; i++) {
      const body: Record<string, unknown> = { login: victim.phone, password: `bad-${i}` };
      if (captcha) body.captcha = { id: captcha.id, answer: await t.captchaAnswer(captcha.id) };
      last = await login(body);
      captcha = last.body.captcha;
    }
    expect(last!.status).toBe(423);
    const lockedUntil = new Date(t.clock.now().getTime() + 15 * 60_000).toISOString();
    expect(last!.body).toMatchObject({ code: 'login_locked', lockedUntil });
    expect(last!.headers['retry-after']).toBe('900');

    const during = await login({ login: victim.phone, password: 'victim-pass-1' }).expect(423);
    expect(during.body.lockedUntil).toBe(lockedUntil);

    t.clock.advanceMinutes(14);
    await login({ login: victim.phone, password: 'victim-pass-1' }).expect(423);
    t.clock.advanceMinutes(1);
    await login({ login: victim.phone, password: 'victim-pass-1' }).expect(200);

    const actions = await t.query<{ action: string }>('SELECT action FROM audit_log WHERE customer_id = $1 ORDER BY id', [victim.id]);
    expect(actions.map((a) => a.action)).toEqual([...Array(4).fill('login_failed'), 'login_locked', 'login_succeeded']);
  });

  it('when the account is blocked, then the right password answers 403 account_blocked and no session is made', async () => {
    const blocked = await t.createCustomer({ password: 'blocked-pass-1' });
    await t.query(`UPDATE customers SET status = 'blocked' WHERE id = $1`, [blocked.id]);
    const res = await login({ login: blocked.phone, password: 'blocked-pass-1' }).expect(403);
    expect(res.body.code).toBe('account_blocked');
    expect(await t.query('SELECT 1 FROM sessions WHERE customer_id = $1', [blocked.id])).toHaveLength(0);
  });
});

describe('per-IP rate limit on sign-in', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ env: { RATE_LIMIT_AUTH_PER_MINUTE: '3' } });
  });
  afterAll(() => t.close());

  it('when one address sends more sign-ins than the limit in a minute, then 429 with Retry-After and RateLimit headers, and a minute later it may try again', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await t.http.post('/api/v1/auth/login').send({ login: `+7999000000${i}`, password: 'x-password' }).expect(401);
      expect(r.headers['ratelimit-limit']).toBe('3');
    }
    const limited = await t.http.post('/api/v1/auth/login').send({ login: '+79990000009', password: 'x-password' }).expect(429);
    expect(limited.body).toMatchObject({ code: 'rate_limited', status: 429 });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['ratelimit-remaining']).toBe('0');
    // The refused request never reached the credential check.
    expect(await t.query('SELECT 1 FROM login_attempts WHERE login_key = $1', ['+79990000009'])).toHaveLength(0);

    t.clock.advanceMinutes(1);
    await t.http.post('/api/v1/auth/login').send({ login: '+79990000009', password: 'x-password' }).expect(401);
  });
});
