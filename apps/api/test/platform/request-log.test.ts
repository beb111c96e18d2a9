import { Writable } from 'node:stream';
import request from 'supertest';
import { createApp } from '../../src/app';
import { createLogger } from '../../src/platform/logger';
import { createTestContext, type TestContext } from '../support';

/** What an operator reads in the API's log: one line per request with its id, and no secrets. */
describe('request log', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  function appLoggingAt(level: string) {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const app = createApp({ config: t.config, ds: t.ds, clock: t.clock, services: t.services, logger: createLogger(level, sink) });
    return { http: request(app), lines };
  }

  /** The access line is written when the socket closes, a moment after supertest has the answer. */
  async function accessLines(lines: Record<string, unknown>[], count: number) {
    for (let i = 0; i < 50 && lines.filter((l) => l.msg === 'request completed').length < count; i++) await new Promise((r) => setTimeout(r, 10));
    return lines.filter((l) => l.msg === 'request completed');
  }

  it('when a request carries an X-Request-Id, then the answer echoes it and the log line names it, the route without its query, the status and the time', async () => {
    const { http, lines } = appLoggingAt('info');
    const res = await http.get('/api/v1/tariffs?kind=mobile').set('X-Request-Id', 'trace-42').expect(200);
    expect(res.headers['x-request-id']).toBe('trace-42');
    const [line] = await accessLines(lines, 1);
    expect(line).toMatchObject({ level: 30, req: { id: 'trace-42', method: 'GET', url: '/api/v1/tariffs' }, res: { statusCode: 200 } });
    expect(typeof line.responseTime).toBe('number');
    expect(JSON.stringify(lines)).not.toContain('kind=mobile');
  });

  it('when the given request id is not a plain token, then the API makes its own', async () => {
    const { http, lines } = appLoggingAt('info');
    const res = await http.get('/api/v1/health').set('X-Request-Id', '<script>alert(1)</script>').expect(200);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const [line] = await accessLines(lines, 1);
    expect(line).toMatchObject({ req: { id: res.headers['x-request-id'] } });
  });

  it('when a subscriber signs in and reads with a token, then neither the password nor the token is in the log', async () => {
    const { http, lines } = appLoggingAt('info');
    const c = await t.createCustomer({ password: 'never-logged-7' });
    const login = await http.post('/api/v1/auth/login').send({ login: c.phone, password: 'never-logged-7' }).expect(200);
    await http.get('/api/v1/me').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
    const written = await accessLines(lines, 2);
    expect(written.map((l) => (l.req as { url: string }).url)).toEqual(['/api/v1/auth/login', '/api/v1/me']);
    const all = JSON.stringify(lines);
    expect(all).not.toContain('never-logged-7');
    expect(all).not.toContain(login.body.accessToken);
  });

  it('when the log level is warn, then a request that went well writes nothing but still gets its id', async () => {
    const { http, lines } = appLoggingAt('warn');
    const res = await http.get('/api/v1/health').expect(200);
    expect(res.headers['x-request-id']).toBeDefined();
    await new Promise((r) => setTimeout(r, 50));
    expect(lines).toEqual([]);
  });
});
