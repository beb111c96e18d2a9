import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { SpeedTestLimits } from '@cabinet/shared-types';
import { SpeedTestService } from '../../src/modules/speedtest/service';
import { createTestContext, type TestContext } from '../support';

/** Collects a binary answer as a Buffer (supertest parses only text and JSON by itself). */
const binary = (res: NodeJS.ReadableStream, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('the speed test', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  async function signedIn() {
    const c = await t.createCustomer();
    return { c, auth: t.bearer((await t.signIn(c.phone, c.password)).accessToken) };
  }

  it('when a customer downloads test data, then exactly that many random bytes come, never cached; too much is a 400', async () => {
    const { auth } = await signedIn();
    const res = await t.http.get('/api/v1/speedtest/download').query({ bytes: 1_000_000 }).set(auth).buffer(true).parse(binary as never).expect(200);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['cache-control']).toContain('no-store');
    expect(res.headers['content-length']).toBe('1000000');
    expect((res.body as Buffer).length).toBe(1_000_000);
    // Not a run of zeros a proxy could compress away.
    expect(new Set((res.body as Buffer).subarray(0, 4096)).size).toBeGreaterThan(200);
    expect((await t.http.get('/api/v1/speedtest/download').query({ bytes: SpeedTestLimits.maxDownloadBytes + 1 }).set(auth).expect(400)).body.errors[0].field).toBe('bytes');
    await t.http.get('/api/v1/speedtest/download').query({ bytes: 10 }).expect(401);
    await t.http.get('/api/v1/speedtest/ping').set(auth).expect(204);
  });

  it('when a slow client downloads, then every wait for the socket to drain takes its listeners away again', async () => {
    const service = new SpeedTestService(t.ds, t.clock);
    let counts: { before: number[]; after: number[] } | undefined;
    const app = express();
    app.get('/', (_req, res) => {
      const listeners = () => [res.listenerCount('close'), res.listenerCount('drain')];
      const before = listeners();
      void service.download(res, 8_000_000).then(() => (counts = { before, after: listeners() }));
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      let received = 0;
      await new Promise<void>((resolve, reject) => {
        http.get(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, (res) => {
          // A slow reader: the server's writes fill the socket and wait for it to drain, many times over.
          res.on('data', (c: Buffer) => {
            received += c.length;
            res.pause();
            setTimeout(() => res.resume(), 1);
          });
          res.on('end', resolve);
        }).on('error', reject);
      });
      expect(received).toBe(8_000_000);
      expect(counts).toBeDefined();
      expect(counts!.after).toEqual(counts!.before);
    } finally {
      server.close();
    }
  });

  it('when a customer uploads test data, then the server tells how many bytes it got and how long it took, and notes it', async () => {
    const { c, auth } = await signedIn();
    const body = randomBytes(2 * 1024 * 1024);
    const res = await t.http.post('/api/v1/speedtest/upload').set(auth).set('Content-Type', 'application/octet-stream').send(body).expect(201);
    expect(res.body).toMatchObject({ bytes: body.length, durationMs: expect.any(Number), kbps: expect.any(Number) });
    expect(res.body.kbps).toBeGreaterThan(0);
    expect(await t.query('SELECT bytes::int, customer_id FROM speed_test_uploads WHERE id = $1', [res.body.id])).toEqual([{ bytes: body.length, customer_id: c.id }]);
  });

  it('when the upload is larger than the limit, then 413 problem and nothing is kept; an empty one is a 400', async () => {
    const { c, auth } = await signedIn();
    const res = await t.http.post('/api/v1/speedtest/upload').set(auth).set('Content-Type', 'application/octet-stream').send(Buffer.alloc(SpeedTestLimits.maxUploadBytes + 1)).expect(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('payload_too_large');
    expect((await t.http.post('/api/v1/speedtest/upload').set(auth).set('Content-Type', 'application/octet-stream').expect(400)).body.code).toBe('validation_failed');
    expect(await t.query('SELECT count(*)::int AS n FROM speed_test_uploads WHERE customer_id = $1', [c.id])).toEqual([{ n: 0 }]);
  });

  it('when a result is saved, then it is in the customer’s history with the server’s upload figure, newest first, and nobody else’s', async () => {
    const { c, auth } = await signedIn();
    const other = await signedIn();
    const up = (await t.http.post('/api/v1/speedtest/upload').set(auth).set('Content-Type', 'application/octet-stream').send(randomBytes(256 * 1024)).expect(201)).body;
    const first = await t.http
      .post('/api/v1/speedtest/results')
      .set(auth)
      .set('Idempotency-Key', randomUUID())
      .set('User-Agent', 'Chromium test')
      .send({ downloadKbps: 94_500, uploadKbps: 48_200, latencyMs: 12, downloadBytes: 25_000_000, uploadBytes: 262_144, uploadId: up.id })
      .expect(201);
    expect(first.body).toMatchObject({ downloadKbps: 94_500, uploadKbps: 48_200, latencyMs: 12, serverUploadKbps: up.kbps, createdAt: t.clock.now().toISOString() });
    t.clock.advanceMinutes(5);
    await t.http.post('/api/v1/speedtest/results').set(auth).send({ downloadKbps: 80_000, uploadKbps: 40_000, latencyMs: 20, downloadBytes: 1, uploadBytes: 1 }).expect(201);

    const page1 = (await t.http.get('/api/v1/speedtest/results').query({ limit: 1 }).set(auth).expect(200)).body;
    expect(page1.items.map((r: { downloadKbps: number }) => r.downloadKbps)).toEqual([80_000]);
    const page2 = (await t.http.get('/api/v1/speedtest/results').query({ limit: 1, cursor: page1.nextCursor }).set(auth).expect(200)).body;
    expect(page2).toEqual({ items: [first.body], nextCursor: null });
    expect(await t.query('SELECT user_agent FROM speed_tests WHERE id = $1', [first.body.id])).toEqual([{ user_agent: 'Chromium test' }]);
    expect((await t.http.get('/api/v1/speedtest/results').set(other.auth).expect(200)).body.items).toEqual([]);
    // Someone else's upload cannot be named.
    expect((await t.http.post('/api/v1/speedtest/results').set(other.auth).send({ downloadKbps: 1, uploadKbps: 1, latencyMs: 1, downloadBytes: 1, uploadBytes: 1, uploadId: up.id }).expect(400)).body.errors[0].field).toBe('uploadId');
    expect(await t.query('SELECT count(*)::int AS n FROM speed_tests WHERE customer_id = $1', [c.id])).toEqual([{ n: 2 }]);
  });

  it('when a result is out of range, then 400 and nothing is stored', async () => {
    const { c, auth } = await signedIn();
    const ok = { downloadKbps: 1, uploadKbps: 1, latencyMs: 1, downloadBytes: 1, uploadBytes: 1 };
    for (const bad of [{ ...ok, downloadKbps: -1 }, { ...ok, latencyMs: 1.5 }, { ...ok, uploadKbps: SpeedTestLimits.maxKbps + 1 }, { ...ok, downloadBytes: 'lots' }, { uploadKbps: 1 }]) {
      await t.http.post('/api/v1/speedtest/results').set(auth).send(bad).expect(400);
    }
    expect(await t.query('SELECT count(*)::int AS n FROM speed_tests WHERE customer_id = $1', [c.id])).toEqual([{ n: 0 }]);
  });
});
