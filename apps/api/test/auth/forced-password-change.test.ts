import { createTestContext, type TestContext } from '../support';

describe('an issued password must be changed at first sign-in', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('when the customer signs in with the issued password, then every endpoint but the password change answers 403 until it is changed', async () => {
    // The dealer hands out the last 4 digits of the SIM's ICCID as the first password.
    const c = await t.createCustomer({ password: '4821', mustChangePassword: true });
    const s = await t.signIn(c.phone, '4821');
    expect(s.mustChangePassword).toBe(true);

    for (const [method, path] of [
      ['get', '/api/v1/me'],
      ['get', '/api/v1/me/sessions'],
      ['delete', '/api/v1/me/sessions'],
    ] as const) {
      const res = await t.http[method](path).set(t.bearer(s.accessToken)).expect(403);
      expect(res.body.code).toBe('password_change_required');
    }
    // A refresh keeps saying so.
    expect((await t.http.post('/api/v1/auth/refresh').set('Cookie', s.refreshCookie).expect(200)).body.mustChangePassword).toBe(true);

    const weak = await t.http.post('/api/v1/me/password').set(t.bearer(s.accessToken)).send({ currentPassword: '4821', newPassword: 'qwerty123' }).expect(400);
    expect(weak.body.code).toBe('weak_password');

    const res = await t.http
      .post('/api/v1/me/password')
      .set(t.bearer(s.accessToken))
      .send({ currentPassword: '4821', newPassword: 'my-own-password-1' })
      .expect(200);
    expect(res.body).toEqual({ endedSessions: 0 });
    const me = await t.http.get('/api/v1/me').set(t.bearer(s.accessToken)).expect(200);
    expect(me.body.mustChangePassword).toBe(false);
    await t.http.post('/api/v1/auth/login').send({ login: c.phone, password: '4821' }).expect(401);
    await t.signIn(c.phone, 'my-own-password-1');
  });
});

describe('POST /api/v1/me/password', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('when the current password is wrong, then 400 wrong_password and nothing changes', async () => {
    const c = await t.createCustomer({ password: 'first-password-1' });
    const s = await t.signIn(c.phone, 'first-password-1');
    const res = await t.http.post('/api/v1/me/password').set(t.bearer(s.accessToken)).send({ currentPassword: 'nope-nope-1', newPassword: 'second-password-2' }).expect(400);
    expect(res.body).toMatchObject({ code: 'wrong_password', errors: [{ field: 'currentPassword', code: 'wrong_password' }] });
    await t.signIn(c.phone, 'first-password-1');
    expect(await t.query(`SELECT 1 FROM audit_log WHERE action = 'password_changed' AND customer_id = $1`, [c.id])).toHaveLength(0);
  });

  it('when the new password is the phone number, too short, too common or the same, then 400 weak_password', async () => {
    const c = await t.createCustomer({ password: 'first-password-1' });
    const s = await t.signIn(c.phone, 'first-password-1');
    for (const newPassword of [c.phone, c.phone.slice(2), `8${c.phone.slice(2)}`, 'abc', 'password1', 'first-password-1']) {
      const res = await t.http.post('/api/v1/me/password').set(t.bearer(s.accessToken)).send({ currentPassword: 'first-password-1', newPassword }).expect(400);
      expect(res.body.code).toBe('weak_password');
    }
  });

  it('when asked to end other sessions, then they end, this one lives, and the change is audited and announced by SMS', async () => {
    const c = await t.createCustomer({ password: 'first-password-1' });
    const other = await t.signIn(c.phone, 'first-password-1');
    const mine = await t.signIn(c.phone, 'first-password-1');
    const res = await t.http
      .post('/api/v1/me/password')
      .set(t.bearer(mine.accessToken))
      .send({ currentPassword: 'first-password-1', newPassword: 'second-password-2', endOtherSessions: true })
      .expect(200);
    expect(res.body).toEqual({ endedSessions: 1 });
    await t.http.get('/api/v1/me').set(t.bearer(other.accessToken)).expect(401);
    await t.http.post('/api/v1/auth/refresh').set('Cookie', other.refreshCookie).expect(401);
    await t.http.get('/api/v1/me').set(t.bearer(mine.accessToken)).expect(200);
    expect(await t.query(`SELECT 1 FROM audit_log WHERE action = 'password_changed' AND customer_id = $1`, [c.id])).toHaveLength(1);
    expect((await t.lastMessage(c.phone))?.body).toMatch(/Пароль .* изменён/);
  });
});
