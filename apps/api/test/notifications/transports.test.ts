import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createTestContext, type TestContext } from '../support';

interface GatewayCall {
  auth: string | undefined;
  body: { to: string; text: string; sender: string; reference: string };
}

/** A local stand-in of an HTTP SMS gateway: answers from a script, then 200. */
async function startGateway() {
  const calls: GatewayCall[] = [];
  const script: { status: number; body?: unknown; headers?: Record<string, string> }[] = [];
  /** While set, every call is recorded at once and answered only when the gate opens (a slow gateway). */
  let gate: Promise<void> | null = null;
  const hold = () => {
    let open!: () => void;
    gate = new Promise<void>((r) => (open = r));
    return () => {
      gate = null;
      open();
    };
  };
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    if (req.method !== 'POST' || req.url !== '/v1/messages') {
      res.writeHead(404).end();
      return;
    }
    calls.push({ auth: req.headers.authorization, body: JSON.parse(raw) });
    if (gate) await gate;
    if (req.headers.authorization !== 'Bearer gw-key-1') {
      res.writeHead(401, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: { code: 'unauthorized', message: 'bad key' } }));
      return;
    }
    const next = script.shift() ?? { status: 200, body: { id: `gw-${calls.length}`, status: 'accepted' } };
    res.writeHead(next.status, { 'Content-Type': 'application/json', ...next.headers }).end(JSON.stringify(next.body ?? {}));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { calls, script, hold, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, close: () => new Promise((r) => server.close(r)) };
}

describe('the HTTP SMS gateway transport', () => {
  let t: TestContext;
  let gw: Awaited<ReturnType<typeof startGateway>>;
  beforeAll(async () => {
    gw = await startGateway();
    t = await createTestContext({ env: { SMS_TRANSPORT: 'http', SMS_GATEWAY_URL: gw.url, SMS_GATEWAY_KEY: 'gw-key-1', NOTIFY_MAX_ATTEMPTS: '3', NOTIFY_RETRY_BASE_SECONDS: '10' } });
  });
  afterAll(async () => {
    await t.close();
    await gw.close();
  });
  beforeEach(() => {
    gw.calls.length = 0;
    gw.script.length = 0;
  });

  const sendCode = async () => {
    const c = await t.createCustomer();
    await t.http.post('/api/v1/auth/password-reset').send({ login: c.phone }).expect(202);
    const [row] = await t.query<{ id: string }>(`SELECT id FROM notification_outbox WHERE recipient = $1 ORDER BY created_at DESC LIMIT 1`, [c.phone]);
    return { phone: c.phone, id: row.id };
  };
  const row = async (id: string) =>
    (await t.query<{ status: string; attempts: number; error: string | null; next_attempt_at: Date | null }>('SELECT status, attempts, error, next_attempt_at FROM notification_outbox WHERE id = $1', [id]))[0];

  it('when the gateway accepts, then the row is sent after one call carrying the key, the text and the outbox id as reference', async () => {
    const { phone, id } = await sendCode();
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1, error: null });
    expect(gw.calls).toEqual([{ auth: 'Bearer gw-key-1', body: { to: phone, text: expect.stringMatching(/\d{6}/), sender: 'Cabinet', reference: id } }]);
    const inbox = await t.http.get('/api/v1/dev/outbox').query({ to: phone }).expect(200);
    expect(inbox.body.items[0]).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
  });

  it('when the gateway answers 5xx every time, then the outbox retries with growing pauses and gives up after the limit', async () => {
    gw.script.push(...Array.from({ length: 10 }, () => ({ status: 503, body: { error: { code: 'unavailable', message: 'try later' } } })));
    const { id } = await sendCode();
    let r = await row(id);
    expect(r).toMatchObject({ status: 'pending', attempts: 1, error: 'SMS gateway 503: unavailable: try later' });
    expect(r.next_attempt_at!.getTime() - t.clock.now().getTime()).toBe(10_000);

    await t.services.notifications.deliverDue(); // too early: nothing tried
    expect(gw.calls).toHaveLength(1);
    t.clock.advance(10_000);
    await t.services.notifications.deliverDue();
    r = await row(id);
    expect(r).toMatchObject({ status: 'pending', attempts: 2 });
    expect(r.next_attempt_at!.getTime() - t.clock.now().getTime()).toBe(20_000);
    t.clock.advance(20_000);
    await t.services.notifications.deliverDue();
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 3, error: expect.stringContaining('503'), next_attempt_at: null });

    t.clock.advanceMinutes(60);
    await t.services.notifications.deliverDue();
    expect(gw.calls).toHaveLength(3);
    expect(new Set(gw.calls.map((c) => c.body.reference))).toEqual(new Set([id]));
    const inbox = await t.http.get('/api/v1/dev/outbox').expect(200);
    expect(inbox.body.items.find((m: { id: string }) => m.id === id)).toMatchObject({ status: 'failed', attempts: 3, lastError: expect.stringContaining('503') });
  });

  it('when the gateway fails once and then accepts, then the second try sends it', async () => {
    gw.script.push({ status: 502, body: 'bad gateway' });
    const { id } = await sendCode();
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 1 });
    t.clock.advance(10_000);
    await t.services.notifications.deliverDue();
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(gw.calls).toHaveLength(2);
  });

  // A message written straight to the outbox (no route hands it over), and the gateway's calls for it alone.
  const queued = async (phone: string) =>
    t.ds.transaction((em) => t.services.notifications.enqueue(em, { channel: 'sms', to: phone, body: 'Код 123456' }));
  const callsFor = (id: string) => gw.calls.filter((c) => c.body.reference === id);
  const until = async (ok: () => boolean) => {
    for (let i = 0; !ok(); i++) {
      if (i > 200) throw new Error('the gateway was not called');
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  it('while the gateway takes its time, no transaction is held open and a second hand-over does not send the message again', async () => {
    const c = await t.createCustomer();
    const id = await queued(c.phone);
    const release = gw.hold();
    const sending = t.services.notifications.deliver([id]);
    await until(() => callsFor(id).length === 1);

    const open = await t.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`);
    expect(open).toEqual([{ n: 0 }]);
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 1 });
    await t.services.notifications.deliver([id]);
    await t.services.notifications.deliverDue();
    expect(callsFor(id)).toHaveLength(1);

    release();
    await sending;
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1, next_attempt_at: null });
    expect(callsFor(id)).toHaveLength(1);
  });

  it('when a try outlives its two-minute lease, then the job sends the message again and the late answer changes nothing', async () => {
    const c = await t.createCustomer();
    const id = await queued(c.phone);
    const release = gw.hold();
    const first = t.services.notifications.deliver([id]);
    await until(() => callsFor(id).length === 1);
    t.clock.advance(119_000);
    await t.services.notifications.deliverDue(); // the lease still holds
    expect(callsFor(id)).toHaveLength(1);
    t.clock.advance(1_000);
    const second = t.services.notifications.deliverDue();
    await until(() => callsFor(id).length === 2);
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 2 });
    release();
    await Promise.all([first, second]);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('when the last try never reported back (the sender stopped), then the job marks the message failed without sending it', async () => {
    const c = await t.createCustomer();
    const id = await queued(c.phone);
    // As a process that claimed the third and last try and died would leave it: counted, lease run out.
    await t.query(`UPDATE notification_outbox SET attempts = 3, next_attempt_at = $2 WHERE id = $1`, [id, new Date(t.clock.now().getTime() - 1000)]);
    await t.services.notifications.deliverDue();
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 3, next_attempt_at: null, error: expect.stringContaining('stopped while sending') });
    expect(callsFor(id)).toHaveLength(0);
  });

  it('when the gateway refuses the number (400), then it is failed at once; a 429 waits as long as Retry-After says', async () => {
    gw.script.push({ status: 400, body: { error: { code: 'invalid_number', message: 'number is not mobile' } } });
    const refused = await sendCode();
    expect(await row(refused.id)).toMatchObject({ status: 'failed', attempts: 1, error: 'SMS gateway 400: invalid_number: number is not mobile' });

    gw.script.push({ status: 429, body: { error: 'slow down' }, headers: { 'Retry-After': '120' } });
    const throttled = await sendCode();
    const r = await row(throttled.id);
    expect(r).toMatchObject({ status: 'pending', attempts: 1 });
    expect(r.next_attempt_at!.getTime() - t.clock.now().getTime()).toBe(120_000);
  });
});

describe('the SMTP transport', () => {
  let t: TestContext;
  let smtp: SMTPServer;
  const received: { from: string; to: string[]; raw: string }[] = [];
  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, cb) {
        if (address.address.startsWith('nobody')) {
          const err = Object.assign(new Error('No such user here'), { responseCode: 550 });
          return cb(err);
        }
        cb();
      },
      onData(stream, session, cb) {
        let raw = '';
        stream.on('data', (c: Buffer) => (raw += c.toString()));
        stream.on('end', () => {
          received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw });
          cb();
        });
      },
    });
    smtp.listen(0, '127.0.0.1');
    await once(smtp.server, 'listening');
    const port = (smtp.server.address() as AddressInfo).port;
    t = await createTestContext({ env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Кабинет <news@cabinet.test>' } });
  });
  afterAll(async () => {
    await t.close();
    await new Promise<void>((r) => smtp.close(() => r()));
  });

  it('when a newsletter confirmation is sent, then the local SMTP server receives it from the configured sender and the row is sent', async () => {
    await t.http.post('/api/v1/newsletter/subscriptions').send({ email: 'gleb@example.ru' }).expect(202);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ from: 'news@cabinet.test', to: ['gleb@example.ru'] });
    expect(received[0].raw).toMatch(/^Subject: /m);
    const [head, body] = received[0].raw.split('\r\n\r\n');
    expect(head).toContain('Content-Transfer-Encoding: base64');
    expect(Buffer.from(body, 'base64').toString('utf8')).toContain(`${t.config.publicUrl}/newsletter/confirm?token=`);
    const [row] = await t.query<{ status: string; attempts: number }>(`SELECT status, attempts FROM notification_outbox WHERE recipient = 'gleb@example.ru'`);
    expect(row).toEqual({ status: 'sent', attempts: 1 });
  });

  it('when the server refuses the recipient (550), then the row is failed with the server’s answer and not retried', async () => {
    await t.http.post('/api/v1/newsletter/subscriptions').send({ email: 'nobody@example.ru' }).expect(202);
    const [row] = await t.query<{ status: string; attempts: number; error: string }>(`SELECT status, attempts, error FROM notification_outbox WHERE recipient = 'nobody@example.ru'`);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, error: expect.stringContaining('550') });
  });
});
