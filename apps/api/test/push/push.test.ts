import { randomUUID } from 'node:crypto';
import { createTestContext, type TestContext, type TestCustomer } from '../support';
import { PushServiceStandIn } from './push-service-stand-in';

const rub = (amount: number) => ({ amount, currency: 'RUB' });

describe('Web Push: subscriptions and delivery to the push service', () => {
  let t: TestContext;
  const pushService = new PushServiceStandIn();

  beforeAll(async () => {
    await pushService.start();
    t = await createTestContext();
  });
  afterAll(async () => {
    await t.close();
    await pushService.stop();
  });

  async function subscriber(): Promise<{ c: TestCustomer; token: string; accountId: string }> {
    const c = await t.createCustomer();
    const { accountId } = await t.openMobileAccount(c.id, { balance: 100_00 });
    const token = (await t.signIn(c.phone, c.password)).accessToken;
    return { c, token, accountId };
  }

  async function topUp(token: string, accountId: string, amount: number): Promise<string> {
    const p = await t.http.post('/api/v1/payments').set(t.bearer(token)).set('Idempotency-Key', randomUUID()).send({ accountId, amount: rub(amount), method: 'bank_card' }).expect(201);
    await t.payOnAcquirerPage(p.body.confirmation.url);
    return p.body.id;
  }

  const deliveries = (customerId: string) =>
    t.query<{ status: string; attempts: number; event: string; subscription_id: string | null }>('SELECT status, attempts, event, subscription_id FROM push_deliveries WHERE customer_id = $1 ORDER BY created_at, id', [customerId]);

  it('when the app asks for the push config, then it gets the VAPID public key of the server', async () => {
    const res = await t.http.get('/api/v1/push/config').expect(200);
    expect(res.body).toEqual({ publicKey: t.config.push.vapid!.publicKey, events: ['payment.succeeded', 'support.reply'] });
    expect(Buffer.from(res.body.publicKey, 'base64url')).toHaveLength(65);
  });

  it('when a subscriber allowed notifications and a payment is credited, then the push service gets a signed, encrypted message the browser can read', async () => {
    const { c, token, accountId } = await subscriber();
    const browser = pushService.browser();
    const sub = await t.http.post('/api/v1/me/push-subscriptions').set(t.bearer(token)).set('User-Agent', 'Chromium test').send({ endpoint: browser.endpoint, keys: browser.keys }).expect(201);
    expect(sub.body).toMatchObject({ endpoint: browser.endpoint, userAgent: 'Chromium test', lastSuccessAt: null });
    expect((await t.http.get('/api/v1/me/push-subscriptions').set(t.bearer(token)).expect(200)).body.items.map((s: { id: string }) => s.id)).toEqual([sub.body.id]);

    const paymentId = await topUp(token, accountId, 250_00);

    const [msg] = pushService.to(browser);
    expect(msg.payload).toEqual({ event: 'payment.succeeded', title: 'Платёж зачислен', body: expect.stringMatching(/^Платёж 250,00\s₽ зачислен/), url: `/payments/${paymentId}` });
    expect(msg.headers['content-encoding']).toBe('aes128gcm');
    expect(Number(msg.headers.ttl)).toBeGreaterThan(0);
    expect(msg.vapid).toMatchObject({ aud: new URL(browser.endpoint).origin, sub: t.config.push.vapid!.subject, publicKey: t.config.push.vapid!.publicKey });
    expect(await deliveries(c.id)).toEqual([{ status: 'sent', attempts: 1, event: 'payment.succeeded', subscription_id: sub.body.id }]);
    // The SMS went as before, beside the push.
    expect((await t.lastMessage(c.phone))!.body).toContain('зачислен');
    expect((await t.http.get('/api/v1/me/push-subscriptions').set(t.bearer(token)).expect(200)).body.items[0].lastSuccessAt).not.toBeNull();
  });

  it('when a support operator replies, then the reply event reaches every browser of the customer', async () => {
    const { c, token } = await subscriber();
    const phone = pushService.browser();
    const laptop = pushService.browser();
    for (const b of [phone, laptop]) await t.http.post('/api/v1/me/push-subscriptions').set(t.bearer(token)).send({ endpoint: b.endpoint, keys: b.keys }).expect(201);

    const id = await t.ds.transaction((em) => t.services.notifications.event(em, { customerId: c.id, event: 'support.reply', title: 'Ответ поддержки', body: 'Оператор Анна: проверили линию, всё в порядке.', url: '/support' }));
    await t.services.notifications.deliver([id]);

    for (const b of [phone, laptop]) {
      expect(pushService.to(b).map((m) => m.payload)).toEqual([{ event: 'support.reply', title: 'Ответ поддержки', body: 'Оператор Анна: проверили линию, всё в порядке.', url: '/support' }]);
      expect(pushService.to(b)[0].headers.urgency).toBe('high');
    }
  });

  it('when the push service answers 500, then the message is retried with backoff by the job and sent; it gives up after the limit', async () => {
    const { c, token, accountId } = await subscriber();
    const browser = pushService.browser();
    await t.http.post('/api/v1/me/push-subscriptions').set(t.bearer(token)).send({ endpoint: browser.endpoint, keys: browser.keys }).expect(201);
    pushService.answer(browser, 500, 503);

    await topUp(token, accountId, 100_00);
    expect(await deliveries(c.id)).toEqual([expect.objectContaining({ status: 'pending', attempts: 1 })]);
    // Not due yet: the job leaves it alone.
    await t.services.push.deliverDue();
    expect(pushService.to(browser)).toHaveLength(1);
    t.clock.advance(31_000);
    await t.services.push.deliverDue();
    expect(await deliveries(c.id)).toEqual([expect.objectContaining({ status: 'pending', attempts: 2 })]);
    t.clock.advance(61_000);
    await t.services.push.deliverDue();
    expect(await deliveries(c.id)).toEqual([expect.objectContaining({ status: 'sent', attempts: 3 })]);
    expect(pushService.to(browser).map((m) => (m.payload as { event: string }).event)).toEqual(['payment.succeeded', 'payment.succeeded', 'payment.succeeded']);

    // A service that keeps failing: after PUSH_MAX_ATTEMPTS (5) the delivery is failed, not retried forever.
    pushService.answer(browser, 502, 502, 502, 502, 502, 502);
    await topUp(token, accountId, 100_00);
    for (let i = 0; i < 6; i++) {
      t.clock.advance(3600_000);
      await t.services.push.deliverDue();
    }
    const last = (await deliveries(c.id))[1];
    expect(last).toMatchObject({ status: 'failed', attempts: 5 });
    expect(pushService.to(browser)).toHaveLength(3 + 5);
  });

  it('when the push service answers 410 Gone, then the dead subscription is removed and nothing is sent to it again', async () => {
    const { c, token, accountId } = await subscriber();
    const dead = pushService.browser();
    const alive = pushService.browser();
    const deadSub = await t.http.post('/api/v1/me/push-subscriptions').set(t.bearer(token)).send({ endpoint: dead.endpoint, keys: dead.keys }).expect(201);
    await t.http.post('/api/v1/me/push-subscriptions').set(t.bearer(token)).send({ endpoint: alive.endpoint, keys: alive.keys }).expect(201);
    pushService.answer(dead, 410);

    await topUp(token, accountId, 100_00);
    expect(await t.query('SELECT endpoint FROM push_subscriptions WHERE customer_id = $1', [c.id])).toEqual([{ endpoint: alive.endpoint }]);
    expect((await deliveries(c.id)).map((d) => d.status).sort()).toEqual(['gone', 'sent']);
    expect((await t.http.get('/api/v1/me/push-subscriptions').set(t.bearer(token)).expect(200)).body.items.map((s: { id: string }) => s.id)).not.toContain(deadSub.body.id);

    await topUp(token, accountId, 100_00);
    expect(pushService.to(dead)).toHaveLength(1);
    expect(pushService.to(alive)).toHaveLength(2);
  });

  it('when a subscription is bad or not the caller’s, then 400 or 404 and nothing changes', async () => {
    const { c, token } = await subscriber();
    const other = await subscriber();
    const b = pushService.browser();
    const bad = [
      { endpoint: 'not a url', keys: b.keys },
      { endpoint: 'ftp://push.example/x', keys: b.keys },
      { endpoint: b.endpoint, keys: { p256dh: 'AAAA', auth: b.keys.auth } },
      { endpoint: b.endpoint, keys: { p256dh: b.keys.p256dh, auth: 'AAAA' } },
      { endpoint: b.endpoint },
    ];
    for (const body of bad) expect((await t.http.post('/api/v1/me/push-subscriptions').set(t.bearer(token)).send(body).expect(400)).body.code).toBe('validation_failed');
    expect(await t.query('SELECT id FROM push_subscriptions WHERE customer_id = $1', [c.id])).toEqual([]);

    const mine = await t.http.post('/api/v1/me/push-subscriptions').set(t.bearer(token)).send({ endpoint: b.endpoint, keys: b.keys }).expect(201);
    expect((await t.http.delete(`/api/v1/me/push-subscriptions/${mine.body.id}`).set(t.bearer(other.token)).expect(404)).body.code).toBe('not_found');
    expect(await t.query('SELECT count(*)::int AS n FROM push_subscriptions WHERE id = $1', [mine.body.id])).toEqual([{ n: 1 }]);
    await t.http.delete(`/api/v1/me/push-subscriptions/${mine.body.id}`).set(t.bearer(token)).expect(204);
    expect(await t.query('SELECT count(*)::int AS n FROM push_subscriptions WHERE id = $1', [mine.body.id])).toEqual([{ n: 0 }]);

    // Unsubscribing by endpoint (what the browser knows) works too.
    await t.http.post('/api/v1/me/push-subscriptions').set(t.bearer(token)).send({ endpoint: b.endpoint, keys: b.keys }).expect(201);
    await t.http.post('/api/v1/me/push-subscriptions/unsubscribe').set(t.bearer(other.token)).send({ endpoint: b.endpoint }).expect(204);
    expect(await t.query('SELECT count(*)::int AS n FROM push_subscriptions WHERE customer_id = $1', [c.id])).toEqual([{ n: 1 }]);
    await t.http.post('/api/v1/me/push-subscriptions/unsubscribe').set(t.bearer(token)).send({ endpoint: b.endpoint }).expect(204);
    expect(await t.query('SELECT count(*)::int AS n FROM push_subscriptions WHERE customer_id = $1', [c.id])).toEqual([{ n: 0 }]);
  });
});
