import { createTestContext, type TestContext } from '../support';

describe('changing the phone or e-mail of a profile', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  describe('PUT /api/v1/me/email', () => {
    it('when the password is wrong, then 400 wrong_password and the e-mail stays', async () => {
      const c = await t.createCustomer({ password: 'mail-pass-123', email: 'old@example.ru' });
      const s = await t.signIn(c.phone, 'mail-pass-123');
      const res = await t.http.put('/api/v1/me/email').set(t.bearer(s.accessToken)).send({ password: 'wrong-pass-1', email: 'new@example.ru' }).expect(400);
      expect(res.body.code).toBe('wrong_password');
      expect((await t.query<{ email: string }>('SELECT email FROM customers WHERE id = $1', [c.id]))[0].email).toBe('old@example.ru');
    });

    it('when the password is right, then the e-mail changes (stored lower-case), can be removed, and is audited', async () => {
      const c = await t.createCustomer({ password: 'mail-pass-123' });
      const s = await t.signIn(c.phone, 'mail-pass-123');
      const res = await t.http.put('/api/v1/me/email').set(t.bearer(s.accessToken)).send({ password: 'mail-pass-123', email: 'New.Mail@Example.RU' }).expect(200);
      expect(res.body.email).toBe('new.mail@example.ru');
      const removed = await t.http.put('/api/v1/me/email').set(t.bearer(s.accessToken)).send({ password: 'mail-pass-123', email: null }).expect(200);
      expect(removed.body.email).toBeNull();
      expect(await t.query(`SELECT 1 FROM audit_log WHERE action = 'email_changed' AND customer_id = $1`, [c.id])).toHaveLength(2);
    });

    it('when the e-mail belongs to someone else, then 409 email_taken; when it is not an e-mail, then 400', async () => {
      await t.createCustomer({ email: 'taken@example.ru' });
      const c = await t.createCustomer({ password: 'mail-pass-123' });
      const s = await t.signIn(c.phone, 'mail-pass-123');
      expect((await t.http.put('/api/v1/me/email').set(t.bearer(s.accessToken)).send({ password: 'mail-pass-123', email: 'TAKEN@example.ru' }).expect(409)).body.code).toBe('email_taken');
      const bad = await t.http.put('/api/v1/me/email').set(t.bearer(s.accessToken)).send({ password: 'mail-pass-123', email: 'not-an-email' }).expect(400);
      expect(bad.body.errors[0].field).toBe('email');
    });
  });

  describe('POST /api/v1/me/phone and /me/phone/confirm', () => {
    it('when the password is right, then a code goes to the NEW phone; the code switches the login to it and the old phone is told', async () => {
      const c = await t.createCustomer({ password: 'phone-pass-12' });
      const s = await t.signIn(c.phone, 'phone-pass-12');
      const started = await t.http.post('/api/v1/me/phone').set(t.bearer(s.accessToken)).send({ password: 'phone-pass-12', phone: '8 (911) 555-44-33' }).expect(202);
      expect(started.body).toEqual({ phone: '+79115554433', resendAfter: 60, codeTtl: 300 });
      const code = await t.lastSmsCode('+79115554433');
      expect((await t.query<{ phone: string }>('SELECT phone FROM customers WHERE id = $1', [c.id]))[0].phone).toBe(c.phone);

      const wrong = await t.http.post('/api/v1/me/phone/confirm').set(t.bearer(s.accessToken)).send({ code: code === '123456' ? '654321' : '123456' }).expect(400);
      expect(wrong.body).toMatchObject({ code: 'otp_invalid', attemptsLeft: 2 });

      const done = await t.http.post('/api/v1/me/phone/confirm').set(t.bearer(s.accessToken)).send({ code }).expect(200);
      expect(done.body.phone).toBe('+79115554433');
      expect((await t.lastMessage(c.phone))?.body).toMatch(/изменён на \+7 911 555-44-33/);
      await t.signIn('+7 911 555 44 33', 'phone-pass-12');
      await t.http.post('/api/v1/auth/login').send({ login: c.phone, password: 'phone-pass-12' }).expect(401);
    });

    it('when the password is wrong, the phone is taken or not a phone, then 4xx and no code is sent', async () => {
      const other = await t.createCustomer();
      const c = await t.createCustomer({ password: 'phone-pass-12' });
      const s = await t.signIn(c.phone, 'phone-pass-12');
      const send = (body: object) => t.http.post('/api/v1/me/phone').set(t.bearer(s.accessToken)).send(body);
      expect((await send({ password: 'nope-nope-12', phone: '+79115550000' }).expect(400)).body.code).toBe('wrong_password');
      expect((await send({ password: 'phone-pass-12', phone: other.phone }).expect(409)).body.code).toBe('phone_taken');
      expect((await send({ password: 'phone-pass-12', phone: '12345' }).expect(400)).body.errors[0].field).toBe('phone');
      expect(await t.lastMessage('+79115550000')).toBeNull();
      expect(await t.query(`SELECT 1 FROM one_time_codes WHERE customer_id = $1`, [c.id])).toHaveLength(0);
    });

    it('when a second code is asked for within 60 s, then 429 otp_resend_too_soon', async () => {
      const c = await t.createCustomer({ password: 'phone-pass-12' });
      const s = await t.signIn(c.phone, 'phone-pass-12');
      await t.http.post('/api/v1/me/phone').set(t.bearer(s.accessToken)).send({ password: 'phone-pass-12', phone: '+79115551111' }).expect(202);
      const again = await t.http.post('/api/v1/me/phone').set(t.bearer(s.accessToken)).send({ password: 'phone-pass-12', phone: '+79115551111' }).expect(429);
      expect(again.body.code).toBe('otp_resend_too_soon');
    });
  });
});
