import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpWebhookSender, isPrivateAddress } from '../../src/modules/integrations/webhooks/sender';
import { createTestContext, type TestContext } from '../support';

/** A receiver on the loopback that counts what reaches it. */
async function startReceiver() {
  const received: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push(body);
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

describe('webhook receivers on private addresses (SSRF), as production runs', () => {
  let t: TestContext;
  let partner: { id: string; key: string | null };
  const asKey = () => ({ Authorization: `Bearer ${partner.key}` });

  beforeAll(async () => {
    t = await createTestContext({ env: { WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'false' } });
    partner = await t.createPartner({ scopes: ['webhooks:manage'] });
  });
  afterAll(() => t.close());

  it.each([
    'http://127.0.0.1:8080/hooks',
    'http://localhost:3000/hooks',
    'http://[::1]/hooks',
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.5/hooks',
    'http://192.168.1.1/hooks',
    'http://[::ffff:127.0.0.1]/hooks',
    'http://[fd12:3456::1]/hooks',
  ])('refuses %s with a 400 naming the url and stores no endpoint', async (url) => {
    const res = await t.http.post('/api/v1/integrations/webhooks').set(asKey()).send({ url, events: ['payment.succeeded'] }).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'webhook_url_invalid', errors: [{ field: 'url', code: 'publicAddress' }] });
    expect(await t.query(`SELECT count(*)::int AS n FROM webhook_endpoints WHERE partner_id = $1`, [partner.id])).toEqual([{ n: 0 }]);
  });

  it('accepts a receiver on a public address, and refuses to move it onto a private one', async () => {
    const created = await t.http.post('/api/v1/integrations/webhooks').set(asKey()).send({ url: 'https://93.184.216.34/hooks', events: ['payment.succeeded'] }).expect(201);
    await t.http.patch(`/api/v1/integrations/webhooks/${created.body.id}`).set(asKey()).send({ url: 'http://127.0.0.1/hooks' }).expect(400);
    const [row] = await t.query<{ url: string }>(`SELECT url FROM webhook_endpoints WHERE id = $1`, [created.body.id]);
    expect(row.url).toBe('https://93.184.216.34/hooks');
  });
});

describe('the HTTP webhook sender', () => {
  it('does not call a receiver whose name resolves to a private address when they are not allowed, and does when they are', async () => {
    const r = await startReceiver();
    try {
      const guarded = createHttpWebhookSender({ allowPrivateAddresses: false });
      for (const url of [`http://localhost:${r.port}/hooks`, `http://127.0.0.1:${r.port}/hooks`]) {
        const refused = await guarded(url, { 'content-type': 'application/json' }, '{"a":1}');
        expect(refused).toMatchObject({ status: null, error: expect.stringMatching(/^EPRIVATEADDRESS: /) });
      }
      expect(r.received).toHaveLength(0);

      const open = createHttpWebhookSender({ allowPrivateAddresses: true });
      expect(await open(`http://localhost:${r.port}/hooks`, { 'content-type': 'application/json' }, '{"a":1}')).toMatchObject({ status: 204, error: null });
      expect(r.received).toEqual(['{"a":1}']);
    } finally {
      await r.close();
    }
  });

  it('reports a refused connection and a non-2xx answer as failures', async () => {
    const r = await startReceiver();
    const port = r.port;
    await r.close();
    const send = createHttpWebhookSender({ allowPrivateAddresses: true });
    expect(await send(`http://127.0.0.1:${port}/hooks`, {}, '{}')).toMatchObject({ status: null, error: 'ECONNREFUSED' });
  });

  it.each([
    ['10.1.2.3', true], ['172.31.255.255', true], ['172.32.0.1', false], ['100.64.0.1', true], ['8.8.8.8', false],
    ['169.254.169.254', true], ['0.0.0.0', true], ['::1', true], ['::ffff:10.0.0.1', true], ['fe80::1', true],
    ['fd00::1', true], ['2a00:1450:4010:c05::8a', false], ['not-an-address', false],
  ])('isPrivateAddress(%s) is %s', (address, expected) => {
    expect(isPrivateAddress(address as string)).toBe(expected);
  });
});
