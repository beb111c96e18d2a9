import { createTestContext, type TestContext } from '../support';

describe('password reset by SMS code', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const request = (body: object) => t.http.post('/api/v1/auth/password-reset').send(body);
  const confirm = (body: object) => t.http.post('/api/v1/auth/password-reset/confirm').send(body);
  const smsCount = async (to: string) => (await t.query('SELECT 1 FROM notification_outbox WHERE recipient = $1', [to])).length;

  it('when a subscriber asks with a phone in any form, then an SMS with a 6-digit code goes to the bound phone and only its hash is stored', async () => {
    const c = await t.createCustomer({ password: 'old-password-1' });
    const typed = `8 (${c.phone.slice(2, 5)}) ${c.phone.slice(5, 8)}-${c.phone.slice(8, 10)}-${c.phone.slice(10)}`;
    const res = await request({ login: typed }).expect(202);
    expect(res.body).toEqual({ resendAfter: 60, codeTtl: 300, surnameRequired: false });
    const code = await t.lastSmsCode(c.phone);
    expect(code).toMatch(/^\d{6}$/);
    const rows = await t.query<{ code_hash: string }>(`SELECT code_hash FROM one_time_codes WHERE customer_id = $1`, [c.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].code_hash).not.toContain(code);
    expect(rows[0].code_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('when the login does not exist, then the very same 202 answer and no SMS at all', async () => {
    const before = await t.query('SELECT 1 FROM notification_outbox');
    const res = await request({ login: '+79990001122' }).expect(202);
    expect(res.body).toEqual({ resendAfter: 60, codeTtl: 300, surnameRequired: false });
    expect(await t.query('SELECT 1 FROM notification_outbox')).toHaveLength(before.length);
  });

  it('when a code is asked for again within 60 s, then 429 otp_resend_too_soon; after 60 s a new code replaces the old one', async () => {
    const c = await t.createCustomer();
    await request({ login: c.phone }).expect(202);
    const first = await t.lastSmsCode(c.phone);
    t.clock.advance(30_000);
    const again = await request({ login: c.phone }).expect(429);
    expect(again.body).toMatchObject({ code: 'otp_resend_too_soon', retryAfter: 30 });
    expect(again.headers['retry-after']).toBe('30');
    // Unknown logins are throttled alike, so the answer reveals nothing.
    await request({ login: '+79990009988' }).expect(202);
    expect((await request({ login: '+79990009988' }).expect(429)).body.code).toBe('otp_resend_too_soon');

    t.clock.advance(31_000);
    await request({ login: c.phone }).expect(202);
    const second = await t.lastSmsCode(c.phone);
    expect(await smsCount(c.phone)).toBe(2);
    if (second !== first) {
      expect((await confirm({ login: c.phone, code: first, newPassword: 'brand-new-pass-1' }).expect(400)).body.code).toBe('otp_invalid');
    }
    await confirm({ login: c.phone, code: second, newPassword: 'brand-new-pass-1' }).expect(204);
  });

  it('when the right code and a good password come, then the password changes, every session ends and a notice SMS goes out', async () => {
    const c = await t.createCustomer({ password: 'old-password-1' });
    const s = await t.signIn(c.phone, 'old-password-1');
    await request({ login: c.phone }).expect(202);
    const code = await t.lastSmsCode(c.phone);

    await confirm({ login: c.phone, code, newPassword: 'new-password-2' }).expect(204);

    await t.http.post('/api/v1/auth/login').send({ login: c.phone, password: 'old-password-1' }).expect(401);
    await t.signIn(c.phone, 'new-password-2');
    expect((await t.http.get('/api/v1/me').set(t.bearer(s.accessToken)).expect(401)).body.code).toBe('session_expired');
    expect((await t.lastMessage(c.phone))?.body).toMatch(/восстановлен/);
    // The code is single-use.
    expect((await confirm({ login: c.phone, code, newPassword: 'third-password-3' }).expect(400)).body.code).toBe('otp_invalid');
  });

  it('when the code is wrong 3 times, then it is burned: even the right code no longer works', async () => {
    const c = await t.createCustomer({ password: 'old-password-1' });
    await request({ login: c.phone }).expect(202);
    const code = await t.lastSmsCode(c.phone);
    const wrong = code === '000000' ? '111111' : '000000';
    const r1 = await confirm({ login: c.phone, code: wrong, newPassword: 'new-password-2' }).expect(400);
    expect(r1.body).toMatchObject({ code: 'otp_invalid', attemptsLeft: 2 });
    expect((await confirm({ login: c.phone, code: wrong, newPassword: 'new-password-2' }).expect(400)).body.attemptsLeft).toBe(1);
    expect((await confirm({ login: c.phone, code: wrong, newPassword: 'new-password-2' }).expect(400)).body.code).toBe('otp_expired');
    expect((await confirm({ login: c.phone, code, newPassword: 'new-password-2' }).expect(400)).body.code).toBe('otp_invalid');
    await t.signIn(c.phone, 'old-password-1');
  });

  it('when the code is older than 5 minutes, then otp_expired and the password stays', async () => {
    const c = await t.createCustomer({ password: 'old-password-1' });
    await request({ login: c.phone }).expect(202);
    const code = await t.lastSmsCode(c.phone);
    t.clock.advanceMinutes(5);
    t.clock.advance(1000);
    expect((await confirm({ login: c.phone, code, newPassword: 'new-password-2' }).expect(400)).body.code).toBe('otp_expired');
    await t.signIn(c.phone, 'old-password-1');
  });

  it('when the new password breaks the policy, then 400 weak_password and the code is not used up', async () => {
    const c = await t.createCustomer({ password: 'old-password-1' });
    await request({ login: c.phone }).expect(202);
    const code = await t.lastSmsCode(c.phone);
    for (const bad of ['short1', '12345678', c.phone, c.phone.replace('+7', '8')]) {
      const res = await confirm({ login: c.phone, code, newPassword: bad }).expect(400);
      expect(res.body.code).toBe('weak_password');
      expect(res.body.errors[0].field).toBe('newPassword');
    }
    await confirm({ login: c.phone, code, newPassword: 'a-much-better-one' }).expect(204);
  });

  it('when the login was locked by failed sign-ins, then a reset by SMS lifts the lock', async () => {
    const c = await t.createCustomer({ password: 'old-password-1' });
    await t.query(`INSERT INTO login_attempts (login_key, failures, locked_until) VALUES ($1, 5, $2)`, [c.phone, new Date(t.clock.now().getTime() + 600_000)]);
    await t.http.post('/api/v1/auth/login').send({ login: c.phone, password: 'old-password-1' }).expect(423);
    await request({ login: c.phone }).expect(202);
    await confirm({ login: c.phone, code: await t.lastSmsCode(c.phone), newPassword: 'new-password-2' }).expect(204);
    await t.signIn(c.phone, 'new-password-2');
  });
});

describe('password reset that also asks for the surname (microfinance style)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ env: { PASSWORD_RESET_REQUIRE_SURNAME: '1' } });
  });
  afterAll(() => t.close());

  it('when the surname is missing, then 400; when it is wrong, then the same 202 but no SMS; when right (any case, е/ё), then the code goes out', async () => {
    const c = await t.createCustomer({ surname: 'Семёнова' });
    expect((await t.http.get('/api/v1/auth/config').expect(200)).body.passwordResetRequiresSurname).toBe(true);
    const missing = await t.http.post('/api/v1/auth/password-reset').send({ login: c.phone }).expect(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'surname' })]);

    const wrong = await t.http.post('/api/v1/auth/password-reset').send({ login: c.phone, surname: 'Иванова' }).expect(202);
    expect(wrong.body.surnameRequired).toBe(true);
    expect(await t.lastMessage(c.phone)).toBeNull();

    t.clock.advance(61_000);
    await t.http.post('/api/v1/auth/password-reset').send({ login: c.phone, surname: ' семенова ' }).expect(202);
    expect(await t.lastSmsCode(c.phone)).toMatch(/^\d{6}$/);
  });
});
