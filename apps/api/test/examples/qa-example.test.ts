// The complete example suite from README.md ("Writing your own API tests"). Keep the two in step.
import { createTestContext, type TestContext } from '../support';

describe('forgotten password, as a QA engineer would script it', () => {
  let t: TestContext;

  beforeAll(async () => {
    t = await createTestContext(); // a fresh database, the real app, a clock that moves only when told
  });
  afterAll(() => t.close());

  it('when the code from the SMS is entered with a new password, then only the new password signs in', async () => {
    const customer = await t.createCustomer({ password: 'first-pass-1' });

    await t.http.post('/api/v1/auth/password-reset').send({ login: customer.phone }).expect(202);
    const code = await t.lastSmsCode(customer.phone); // read from the outbox, as /dev/inbox shows it

    await t.http
      .post('/api/v1/auth/password-reset/confirm')
      .send({ login: customer.phone, code, newPassword: 'second-pass-2' })
      .expect(204);

    await t.http.post('/api/v1/auth/login').send({ login: customer.phone, password: 'first-pass-1' }).expect(401);
    const session = await t.signIn(customer.phone, 'second-pass-2');
    const me = await t.http.get('/api/v1/me').set(t.bearer(session.accessToken)).expect(200);
    expect(me.body.phone).toBe(customer.phone);
  });

  it('when the code is entered after 5 minutes, then it has expired', async () => {
    const customer = await t.createCustomer();
    await t.http.post('/api/v1/auth/password-reset').send({ login: customer.phone }).expect(202);
    const code = await t.lastSmsCode(customer.phone);

    t.clock.advanceMinutes(6); // move the product's clock, not the machine's

    const res = await t.http
      .post('/api/v1/auth/password-reset/confirm')
      .send({ login: customer.phone, code, newPassword: 'second-pass-2' })
      .expect(400);
    expect(res.body.code).toBe('otp_expired');
  });
});
