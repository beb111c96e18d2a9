import express from 'express';
import request from 'supertest';
import { routeTable } from '../../src/app';
import { buildOpenApi } from '../../src/platform/openapi';
import { registerRoutes, route, type RouteSpec } from '../../src/platform/routes';
import { createTestContext, type TestContext } from '../support';

/**
 * POSTs that are not Idempotent-Key routes, and why. A new POST that creates or moves something must be
 * marked `idempotent` in its route spec; one that must not be (it hands out secrets or sessions) is named here.
 */
const NOT_IDEMPOTENT: Record<string, string> = {
  'POST /auth/login': 'starts a session: a replay would hand out the stored tokens',
  'POST /auth/refresh': 'rotates the refresh token: a replay is reuse by design',
  'POST /auth/logout': 'ends a session; ending it twice changes nothing',
  'POST /auth/captcha': 'a fresh picture each time',
  'POST /auth/password-reset': 'sends a code; rate-limited and resend-limited instead',
  'POST /auth/password-reset/confirm': 'one-time code: used once by nature',
  'POST /me/password': 'a password is not stored in a replayable answer',
  'POST /me/phone': 'sends a code; resend-limited instead',
  'POST /me/phone/confirm': 'one-time code: used once by nature',
  'POST /auth/esia/link/sms': 'sends a code; resend-limited instead',
  'POST /auth/esia/link': 'starts a session (one-time ticket)',
  'POST /payments/callbacks/:provider': 'signed by the acquirer; applying a state twice changes nothing',
  'POST /bonus/activation': 'sends a code; rate-limited and resend-limited instead',
  'POST /bonus/activation/resend': 'sends a code again, which is the point; resend-limited',
  'POST /bonus/activation/confirm': 'one-time code: used once by nature; starts a session',
  'POST /integrations/bonus/quote': 'computes what may be spent; changes nothing',
  'POST /bonus/till/quote': 'computes what may be spent; changes nothing',
  'POST /backoffice/numbers/:id/archive': 'sets a state: twice leaves the same state',
  'POST /backoffice/tariffs/:id/archive': 'sets a state: twice leaves the same state',
  'POST /backoffice/tariffs/:id/restore': 'sets a state: twice leaves the same state',
  'POST /backoffice/tariff-options/:id/archive': 'sets a state: twice leaves the same state',
  'POST /backoffice/tariff-options/:id/restore': 'sets a state: twice leaves the same state',
  'POST /loans/phone-verification': 'sends a code; rate-limited and resend-limited instead',
  'POST /loans/phone-verification/confirm': 'one-time code: used once by nature',
  'POST /loans/registration': 'starts a session: a replay would hand out the stored tokens',
  'POST /me/promotions/:id/join': 'a join is recorded once; joining again answers the first date',
  'POST /me/notifications/:id/read': 'sets a state: twice leaves the same state',
  'POST /me/notifications/read-all': 'sets a state: twice leaves the same state',
  'POST /newsletter/subscriptions': 'sends a link; rate-limited, and a new link replaces the old one',
  'POST /newsletter/confirm': 'a one-time token: used once by nature',
  'POST /newsletter/unsubscribe': 'sets a state: twice leaves the same state (RFC 8058 one-click)',
  'POST /backoffice/news/:id/archive': 'sets a state: twice leaves the same state',
  'POST /auth/password-reset/question': 'starts a challenge (like sending a code); limited per login per day instead',
  'POST /auth/password-reset/question/confirm': 'a challenge: used once by nature',
  'POST /pay/recipient': 'a look-up (a POST for its captcha answer); changes nothing but the rate counters',
  'POST /support/chats/:id/close': 'closes and rates once: a second call answers 409 chat_already_rated',
  'POST /support/visitor/chats/:id/close': 'closes and rates once: a second call answers 409 chat_already_rated',
  'POST /backoffice/support/chats/:id/take': 'taking a chat one holds already changes nothing',
  'POST /backoffice/support/chats/:id/close': 'closing a closed chat answers 409 chat_closed and changes nothing',
  'POST /faq/questions/:id/votes': 'one vote per visitor: a repeat sets the same vote again',
  'POST /support/faq/questions/:id/votes': 'one vote per customer: a repeat sets the same vote again',
  'POST /me/guide/dismissals': 'sets a state: twice leaves the same state',
  'POST /me/push-subscriptions/unsubscribe': 'removes a browser by its endpoint; twice removes nothing more',
  'POST /speedtest/upload': 'a measurement: each upload is a new sample by design, and a replay would skip the upload it measures',
};

describe('the route table', () => {
  let t: TestContext;
  let routes: RouteSpec[];
  beforeAll(async () => {
    t = await createTestContext();
    routes = routeTable({ config: t.config, ds: t.ds, clock: t.clock }, t.services);
  });
  afterAll(() => t.close());

  it('when a POST creates or moves something, then it honours Idempotency-Key (or is a named exception)', () => {
    const missing = routes
      .filter((r) => r.method === 'post' && !r.idempotent)
      .map((r) => `POST ${r.path}`)
      .filter((k) => !NOT_IDEMPOTENT[k]);
    expect(missing).toEqual([]);
  });

  it('when an integrator route is documented, then it names its security scheme and scopes, rate-limit headers and examples', async () => {
    const doc = (await t.http.get('/api/v1/openapi.json').expect(200)).body;
    expect(doc.components.securitySchemes).toMatchObject({ bearerAuth: { type: 'http', scheme: 'bearer' }, apiKeyAuth: { type: 'http', scheme: 'bearer' } });
    const usage = doc.paths['/integrations/usage'].post;
    expect(usage.security).toEqual([{ apiKeyAuth: ['usage:write'] }]);
    expect(usage.description).toContain('`usage:write`');
    expect(usage.requestBody.content['application/json'].example.records[0]).toMatchObject({ msisdn: '+79210000001' });
    expect(usage.responses['200'].headers).toHaveProperty('RateLimit-Remaining');
    const resolve = (r: { $ref?: string }) => (r.$ref ? doc.components.responses[r.$ref.split('/').pop() as string] : r);
    expect(resolve(usage.responses['429']).headers).toHaveProperty('Retry-After');
    expect(resolve(usage.responses['429']).headers).toHaveProperty('RateLimit-Reset');
    expect(resolve(usage.responses['429']).content['application/problem+json'].example).toMatchObject({ code: 'rate_limited' });
    expect(doc.paths['/backoffice/partners'].post.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths['/backoffice/partners/{partnerId}/api-keys'].post.responses['201'].content['application/json'].example.key).toMatch(/^cab_/);
    for (const [p, ops] of Object.entries<Record<string, { security: unknown[]; responses: Record<string, { $ref?: string }> }>>(doc.paths)) {
      for (const [m, op] of Object.entries(ops)) {
        for (const [status, r] of Object.entries(op.responses)) {
          if (Number(status) >= 400) expect({ at: `${m} ${p} ${status}`, example: resolve(r).content?.['application/problem+json']?.example !== undefined }).toEqual({ at: `${m} ${p} ${status}`, example: true });
        }
      }
    }
  });
});

describe('deprecated routes', () => {
  const spec = route({
    method: 'get',
    path: '/legacy/balance',
    summary: 'The old balance call',
    tags: ['Legacy'],
    auth: 'public',
    deprecated: { since: '2026-11-01', sunset: '2027-05-01', successor: '/api/v1/accounts' },
    handler: () => ({ ok: true }),
  });

  it('when a deprecated route answers, then it carries Deprecation, Sunset and a Link to its successor', async () => {
    const app = express();
    const router = express.Router();
    registerRoutes(router, [spec], async () => null);
    app.use('/api/v1', router);
    const res = await request(app).get('/api/v1/legacy/balance').expect(200);
    expect(res.headers.deprecation).toBe(`@${Date.parse('2026-11-01T00:00:00Z') / 1000}`);
    expect(res.headers.sunset).toBe('Sat, 01 May 2027 00:00:00 GMT');
    expect(res.headers.link).toBe('</api/v1/accounts>; rel="successor-version"');
  });

  it('when the document is built, then the operation is marked deprecated with the dates in its description', () => {
    const doc = buildOpenApi([spec], { title: 't', version: '1', description: '', serverUrl: '/api/v1' }) as { paths: Record<string, Record<string, { deprecated?: boolean; description?: string; responses: Record<string, { headers?: object }> }>> };
    const op = doc.paths['/legacy/balance'].get;
    expect(op.deprecated).toBe(true);
    expect(op.description).toContain('2027-05-01');
    expect(op.responses['200'].headers).toHaveProperty('Sunset');
  });
});

describe('dispatch by first path segment', () => {
  const spec = (method: 'get' | 'post', path: string, answer: string) => route({ method, path, summary: answer, tags: ['T'], auth: 'public', handler: () => ({ answer }) });
  const app = express();
  const router = express.Router();
  registerRoutes(
    router,
    [
      spec('get', '/things/first', 'first literal'),
      spec('get', '/things/:id', 'thing'),
      spec('get', '/things/:id/parts', 'parts'),
      spec('get', '/me', 'me'),
      spec('post', '/things/:id', 'posted'),
      spec('get', '/zeta/last', 'last'),
      // After `/things/:id`, as in a flat router it never answers: the table's order holds within a group.
      spec('get', '/things/later', 'later literal'),
    ],
    async () => null,
  );
  router.get('/openapi.json', (_req, res) => {
    res.json({ answer: 'after the table' });
  });
  app.use('/api/v1', router);
  app.use((_req, res) => {
    res.status(404).json({ answer: 'not found' });
  });

  it('when paths differ in case, trailing slash or method, then they reach the route one flat router would pick', async () => {
    expect((await request(app).get('/api/v1/things/7').expect(200)).body.answer).toBe('thing');
    expect((await request(app).get('/api/v1/Things/7/PARTS/').expect(200)).body.answer).toBe('parts');
    expect((await request(app).post('/api/v1/things/7').expect(200)).body.answer).toBe('posted');
    expect((await request(app).get('/api/v1/me').expect(200)).body.answer).toBe('me');
    expect((await request(app).get('/api/v1/zeta/last').expect(200)).body.answer).toBe('last');
    expect((await request(app).get('/api/v1/things/first').expect(200)).body.answer).toBe('first literal');
    expect((await request(app).get('/api/v1/things/later').expect(200)).body.answer).toBe('thing');
    const head = await request(app).head('/api/v1/things/7/parts').expect(200);
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(JSON.stringify({ answer: 'parts' }))));
  });

  it('when a path has more or fewer segments than every route of its group, then it goes on to what follows the table', async () => {
    for (const p of ['/api/v1/things', '/api/v1/things/', '/api/v1/things/7/parts/9', '/api/v1/things//parts', '/api/v1/things/7//', '/api/v1/me/x']) {
      expect({ p, answer: (await request(app).get(p).expect(404)).body.answer }).toEqual({ p, answer: 'not found' });
    }
  });

  it('when no group or no route of the group matches, then the request goes on to what follows the table', async () => {
    expect((await request(app).get('/api/v1/openapi.json').expect(200)).body.answer).toBe('after the table');
    expect((await request(app).get('/api/v1/things/7/other').expect(404)).body.answer).toBe('not found');
    expect((await request(app).get('/api/v1/%74hings/7').expect(404)).body.answer).toBe('not found');
    expect((await request(app).delete('/api/v1/things/7').expect(404)).body.answer).toBe('not found');
  });

  it('when a route begins with a parameter, then registration refuses it (it would belong to no group)', () => {
    expect(() => registerRoutes(express.Router(), [spec('get', '/:anything', 'x')], async () => null)).toThrow(/must begin with a fixed segment/);
  });
});
