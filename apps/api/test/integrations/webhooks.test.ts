import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from '../../src/modules/integrations/webhooks/signing';
import { createTestContext, type TestContext, type TestCustomer } from '../support';

/** A partner's webhook receiver: a real HTTP server on the loopback, answering what the test says. */
interface Receiver {
  url: string;
  received: { headers: http.IncomingHttpHeaders; body: string }[];
  answer: number;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const r = { received: [] as Receiver['received'], answer: 204 } as Receiver;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      r.received.push({ headers: req.headers, body });
      res.statusCode = r.answer;
      res.end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/cabinet`;
  r.close = () => new Promise((ok) => server.close(() => ok()));
  return r;
}

describe('webhooks (Standard Webhooks, outbox, retries, disabling)', () => {
  let t: TestContext;
  let receiver: Receiver;
  let partner: { id: string; key: string | null };
  let ivan: TestCustomer;
  const asKey = (key: string | null) => ({ Authorization: `Bearer ${key}` });
  const rub = (amount: number) => ({ amount, currency: 'RUB' });
  const nowSeconds = () => Math.floor(t.clock.now().getTime() / 1000);

  beforeAll(async () => {
    t = await createTestContext();
    receiver = await startReceiver();
    partner = await t.createPartner({ scopes: ['webhooks:manage'], contactEmail: 'hooks@crm.example' });
    ivan = await t.createCustomer({ password: 'ivan-hooks-1' });
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });
  beforeEach(() => {
    receiver.received.length = 0;
    receiver.answer = 204;
  });

  it('when a partner registers an endpoint and a top-up succeeds, then the receiver gets one correctly signed payment.succeeded', async () => {
    const created = await t.http
      .post('/api/v1/integrations/webhooks')
      .set(asKey(partner.key))
      .send({ url: receiver.url, events: ['payment.succeeded'], description: 'CRM' })
      .expect(201);
    expect(created.body).toMatchObject({ partnerId: partner.id, url: receiver.url, events: ['payment.succeeded'], status: 'active' });
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect((await t.http.get(`/api/v1/integrations/webhooks/${created.body.id}`).set(asKey(partner.key)).expect(200)).body.secret).toBeUndefined();

    const acc = await t.openMobileAccount(ivan.id, { balance: 0 });
    const token = (await t.signIn(ivan.phone, 'ivan-hooks-1')).accessToken;
    const pay = await t.http.post('/api/v1/payments').set(t.bearer(token)).set('Idempotency-Key', randomUUID()).send({ accountId: acc.accountId, amount: rub(500_00), method: 'bank_card' }).expect(201);
    await t.payOnAcquirerPage(pay.body.confirmation.url);
    // A declined card: payment.canceled, which this endpoint did not choose.
    const declined = await t.http.post('/api/v1/payments').set(t.bearer(token)).set('Idempotency-Key', randomUUID()).send({ accountId: acc.accountId, amount: rub(100_00), method: 'bank_card' }).expect(201);
    await t.payOnAcquirerPage(declined.body.confirmation.url, { number: '4000 0000 0000 0002' });
    expect(receiver.received).toHaveLength(0); // sent by the job, after the payment committed

    expect(await t.services.webhooks.deliverDue()).toEqual({ sent: 1, failed: 0 });
    expect(receiver.received).toHaveLength(1);
    const { headers, body } = receiver.received[0];
    expect(headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(Number(headers['webhook-timestamp'])).toBe(nowSeconds());
    expect(verifyWebhook(created.body.secret, headers, body, nowSeconds())).toBe(true);
    expect(verifyWebhook(created.body.secret, headers, body.replace('50000', '90000'), nowSeconds())).toBe(false);
    expect(verifyWebhook('whsec_' + Buffer.alloc(32).toString('base64'), headers, body, nowSeconds())).toBe(false);
    expect(JSON.parse(body)).toEqual({
      type: 'payment.succeeded',
      timestamp: t.clock.now().toISOString(),
      data: expect.objectContaining({ paymentId: pay.body.id, accountId: acc.accountId, amount: rub(500_00), method: 'bank_card', status: 'succeeded' }),
    });

    const log = await t.http.get(`/api/v1/integrations/webhooks/${created.body.id}/deliveries`).set(asKey(partner.key)).expect(200);
    expect(log.body.items).toHaveLength(1);
    expect(log.body.items[0]).toMatchObject({ eventId: headers['webhook-id'], eventType: 'payment.succeeded', status: 'succeeded', attempts: 1, lastStatusCode: 204, nextAttemptAt: null });
    expect(log.body.items[0].attemptLog).toEqual([expect.objectContaining({ statusCode: 204, error: null, manual: false })]);
    expect(await t.services.webhooks.deliverDue()).toEqual({ sent: 0, failed: 0 });
    await t.http.delete(`/api/v1/integrations/webhooks/${created.body.id}`).set(asKey(partner.key)).expect(204);
  });

  it('when the publishing transaction rolls back, then no event is kept and nothing is sent', async () => {
    const ep = await t.http.post('/api/v1/integrations/webhooks').set(asKey(partner.key)).send({ url: receiver.url, events: ['account.blocked'] }).expect(201);
    await expect(
      t.ds.transaction(async (em) => {
        await t.services.webhooks.publish(em, 'account.blocked', { accountId: 'x', reason: 'test' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await t.query(`SELECT 1 FROM webhook_events WHERE payload->'data'->>'accountId' = 'x'`)).toHaveLength(0);
    expect(await t.services.webhooks.deliverDue()).toEqual({ sent: 0, failed: 0 });
    await t.http.delete(`/api/v1/integrations/webhooks/${ep.body.id}`).set(asKey(partner.key)).expect(204);
  });

  it('when the receiver fails, then it is retried with exponential backoff by the clock for 24 hours, and a person can redeliver it', async () => {
    const ep = await t.http.post('/api/v1/integrations/webhooks').set(asKey(partner.key)).send({ url: receiver.url, events: ['account.blocked'] }).expect(201);
    const acc = await t.openMobileAccount(ivan.id, { balance: 100_00 });
    const token = (await t.signIn(ivan.phone, 'ivan-hooks-1')).accessToken;
    await t.http.post(`/api/v1/accounts/${acc.accountId}/lines/${acc.lineIds[0]}/block`).set(t.bearer(token)).expect(204);
    receiver.answer = 500;
    const start = t.clock.now().getTime();

    const tries: number[] = [];
    for (let i = 0; i < 20; i++) {
      const out = await t.services.webhooks.deliverDue();
      if (out.failed) tries.push(Math.round((t.clock.now().getTime() - start) / 60_000));
      const [d] = await t.query<{ status: string; next_attempt_at: Date | null }>('SELECT status, next_attempt_at FROM webhook_deliveries WHERE endpoint_id = $1', [ep.body.id]);
      if (d.status !== 'pending') break;
      // Just before the next try nothing is sent; at it, one try.
      t.clock.set(new Date(d.next_attempt_at!.getTime() - 1000));
      expect(await t.services.webhooks.deliverDue()).toEqual({ sent: 0, failed: 0 });
      t.clock.set(d.next_attempt_at!);
    }
    // Minutes after the event: 0, 1, 4, 13, 40, 121, 364, 1093, then the last at 24 h.
    expect(tries).toEqual([0, 1, 4, 13, 40, 121, 364, 1093, 1440]);
    expect(receiver.received).toHaveLength(9);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1); // the same id on every try
    expect(JSON.parse(receiver.received[0].body)).toMatchObject({ type: 'account.blocked', data: { accountId: acc.accountId, lineId: acc.lineIds[0], reason: 'voluntary' } });

    const [d] = await t.query<{ id: string; status: string; attempts: number; last_status_code: number }>('SELECT id, status, attempts, last_status_code FROM webhook_deliveries WHERE endpoint_id = $1', [ep.body.id]);
    expect(d).toMatchObject({ status: 'failed', attempts: 9, last_status_code: 500 });
    t.clock.advance(86_400_000);
    expect(await t.services.webhooks.deliverDue()).toEqual({ sent: 0, failed: 0 });

    // The receiver is fixed: redelivery from the log, the same webhook-id.
    receiver.answer = 200;
    const redelivered = await t.http.post(`/api/v1/integrations/webhooks/${ep.body.id}/deliveries/${d.id}/redeliver`).set(asKey(partner.key)).set('Idempotency-Key', 'redeliver-1').expect(200);
    expect(redelivered.body).toMatchObject({ status: 'succeeded', attempts: 10, lastStatusCode: 200 });
    expect(redelivered.body.attemptLog[0]).toMatchObject({ statusCode: 200, manual: true });
    expect(receiver.received.at(-1)!.headers['webhook-id']).toBe(receiver.received[0].headers['webhook-id']);
    const [e] = await t.query<{ failing_since: Date | null; status: string }>('SELECT failing_since, status FROM webhook_endpoints WHERE id = $1', [ep.body.id]);
    expect(e).toEqual({ failing_since: null, status: 'active' });
    await t.http.delete(`/api/v1/integrations/webhooks/${ep.body.id}`).set(asKey(partner.key)).expect(204);
    t.clock.set('2026-11-22T09:00:00Z');
  });

  it('when every try fails for 3 days, then the endpoint is disabled, its pending deliveries stop and the partner gets an e-mail', async () => {
    const closed = http.createServer();
    await new Promise<void>((ok) => closed.listen(0, '127.0.0.1', ok));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/closed`;
    await new Promise((ok) => closed.close(ok)); // nobody listens there now: connection refused
    const ep = await t.http.post('/api/v1/integrations/webhooks').set(asKey(partner.key)).send({ url: deadUrl, events: ['account.blocked'] }).expect(201);
    const publish = (n: number) => t.ds.transaction((em) => t.services.webhooks.publish(em, 'account.blocked', { accountId: `acc-${n}`, reason: 'debt' }));
    await publish(1);
    expect(await t.services.webhooks.deliverDue()).toEqual({ sent: 0, failed: 1 });
    const [first] = await t.query<{ error: string; status_code: number | null }>('SELECT a.error, a.status_code FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.endpoint_id = $1', [ep.body.id]);
    expect(first).toMatchObject({ status_code: null, error: 'ECONNREFUSED' });

    t.clock.advance(2 * 86_400_000);
    await publish(2);
    await t.services.webhooks.deliverDue();
    expect((await t.http.get(`/api/v1/integrations/webhooks/${ep.body.id}`).set(asKey(partner.key)).expect(200)).body).toMatchObject({ status: 'active', failingSince: '2026-11-22T09:00:00.000Z' });

    t.clock.advance(86_400_000); // three days after the first failure
    await publish(3);
    await t.services.webhooks.deliverDue();
    const view = await t.http.get(`/api/v1/integrations/webhooks/${ep.body.id}`).set(asKey(partner.key)).expect(200);
    expect(view.body).toMatchObject({ status: 'disabled', disabledReason: 'failing' });
    expect(await t.query(`SELECT 1 FROM webhook_deliveries WHERE endpoint_id = $1 AND status = 'pending'`, [ep.body.id])).toHaveLength(0);
    const mail = await t.lastMessage('hooks@crm.example');
    expect(mail?.body).toContain(deadUrl);
    expect(mail?.body).toContain('3 days');
    expect(await t.query(`SELECT 1 FROM audit_log WHERE action = 'webhook_endpoint_disabled'`)).toHaveLength(1);

    // Disabled: new events do not go to it; switched on again, they do.
    await publish(4);
    expect(await t.query(`SELECT 1 FROM webhook_deliveries WHERE endpoint_id = $1 AND status = 'pending'`, [ep.body.id])).toHaveLength(0);
    const on = await t.http.patch(`/api/v1/integrations/webhooks/${ep.body.id}`).set(asKey(partner.key)).send({ status: 'active', url: receiver.url }).expect(200);
    expect(on.body).toMatchObject({ status: 'active', disabledReason: null, failingSince: null });
    await publish(5);
    expect(await t.services.webhooks.deliverDue()).toEqual({ sent: 1, failed: 0 });
    await t.http.delete(`/api/v1/integrations/webhooks/${ep.body.id}`).set(asKey(partner.key)).expect(204);
    t.clock.set('2026-11-22T09:00:00Z');
  });

  it('when the secret is rotated, then deliveries carry signatures of the new and the old secret for 24 hours, then of the new one only', async () => {
    const ep = await t.http.post('/api/v1/integrations/webhooks').set(asKey(partner.key)).send({ url: receiver.url, events: ['account.blocked'] }).expect(201);
    const rotated = await t.http.post(`/api/v1/integrations/webhooks/${ep.body.id}/rotate-secret`).set(asKey(partner.key)).expect(200);
    expect(rotated.body.secret).not.toBe(ep.body.secret);
    expect(rotated.body.previousSecretExpiresAt).toBe(new Date(t.clock.now().getTime() + 24 * 3600_000).toISOString());

    await t.ds.transaction((em) => t.services.webhooks.publish(em, 'account.blocked', { accountId: 'rot-1' }));
    await t.services.webhooks.deliverDue();
    const a = receiver.received[0];
    expect(String(a.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verifyWebhook(rotated.body.secret, a.headers, a.body, nowSeconds())).toBe(true);
    expect(verifyWebhook(ep.body.secret, a.headers, a.body, nowSeconds())).toBe(true);

    t.clock.advance(25 * 3600_000);
    await t.ds.transaction((em) => t.services.webhooks.publish(em, 'account.blocked', { accountId: 'rot-2' }));
    await t.services.webhooks.deliverDue();
    const b = receiver.received[1];
    expect(String(b.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(verifyWebhook(rotated.body.secret, b.headers, b.body, nowSeconds())).toBe(true);
    expect(verifyWebhook(ep.body.secret, b.headers, b.body, nowSeconds())).toBe(false);
    await t.http.delete(`/api/v1/integrations/webhooks/${ep.body.id}`).set(asKey(partner.key)).expect(204);
    t.clock.set('2026-11-22T09:00:00Z');
  });

  it('when another partner asks for an endpoint, then 404; a bad URL or event is a 400; an admin manages any endpoint', async () => {
    const ep = await t.http.post('/api/v1/integrations/webhooks').set(asKey(partner.key)).send({ url: receiver.url, events: ['payment.canceled'] }).expect(201);
    const other = await t.createPartner({ scopes: ['webhooks:manage'] });
    await t.http.get(`/api/v1/integrations/webhooks/${ep.body.id}`).set(asKey(other.key)).expect(404);
    await t.http.patch(`/api/v1/integrations/webhooks/${ep.body.id}`).set(asKey(other.key)).send({ status: 'disabled' }).expect(404);
    expect((await t.http.get('/api/v1/integrations/webhooks').set(asKey(other.key)).expect(200)).body.items).toEqual([]);

    expect((await t.http.post('/api/v1/integrations/webhooks').set(asKey(other.key)).send({ url: 'ftp://x.example/', events: ['payment.canceled'] }).expect(400)).body.code).toBe('webhook_url_invalid');
    expect((await t.http.post('/api/v1/integrations/webhooks').set(asKey(other.key)).send({ url: receiver.url, events: ['loan.approved'] }).expect(400)).body.errors[0]).toMatchObject({ field: 'events', code: 'isIn' });

    const admin = await t.signInAdmin();
    const list = await t.http.get(`/api/v1/backoffice/partners/${partner.id}/webhooks`).set(t.bearer(admin.accessToken)).expect(200);
    expect(list.body.items.map((e: { id: string }) => e.id)).toContain(ep.body.id);
    const off = await t.http.patch(`/api/v1/backoffice/webhooks/${ep.body.id}`).set(t.bearer(admin.accessToken)).send({ status: 'disabled' }).expect(200);
    expect(off.body).toMatchObject({ status: 'disabled', disabledReason: 'manual' });
    const audit = await t.query<{ actor_id: string }>(`SELECT actor_id FROM audit_log WHERE action = 'webhook_endpoint_updated' ORDER BY id DESC LIMIT 1`);
    expect(audit[0].actor_id).toBe(admin.id);
    const types = await t.http.get('/api/v1/integrations/webhooks/event-types').expect(200);
    expect(types.body.items).toEqual(['payment.succeeded', 'payment.canceled', 'account.blocked', 'loan.status_changed', 'application.status_changed', 'bonus.accrued']);
  });
});
