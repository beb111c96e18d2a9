import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestContext, type TestContext } from '../support';

/** The SPA's files as `start` serves them: gzipped for browsers that accept it; API answers untouched. */
describe('serving the SPA', () => {
  let t: TestContext;
  const script = `console.log(${JSON.stringify('личный кабинет '.repeat(400))});\n`;

  beforeAll(async () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'cabinet-web-dist-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), `<!doctype html><html lang="ru"><head><title>Кабинет</title></head><body>${'<p>Вход</p>'.repeat(200)}</body></html>`);
    writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), script);
    t = await createTestContext({ env: { SERVE_WEB: '1', WEB_DIST: dist } });
  });
  afterAll(() => t.close());

  it('when a browser asks for a script, then it comes gzipped and cached for a year', async () => {
    const res = await t.http.get('/assets/index-abc123.js').set('Accept-Encoding', 'gzip').expect(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.text).toBe(script); // supertest unzips: the bytes are the file's
  });

  it('when a browser opens a page of the app, then index.html comes gzipped and revalidated on each visit', async () => {
    const res = await t.http.get('/login').set('Accept-Encoding', 'gzip').expect(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['last-modified']).toBeDefined();
    expect(res.text).toContain('<title>Кабинет</title>');
  });

  it('when a browser comes back with what it has, then index.html is not sent again (304)', async () => {
    const first = await t.http.get('/accounts').set('Accept-Encoding', 'gzip').expect(200);
    expect(first.headers.etag).toBeDefined();
    const again = await t.http.get('/accounts').set('Accept-Encoding', 'gzip').set('If-None-Match', first.headers.etag).expect(304);
    expect(again.text).toBe('');
    await t.http.get('/accounts').set('If-Modified-Since', first.headers['last-modified']).expect(304);
  });

  it('when a client that takes no gzip asks, then it gets the plain file', async () => {
    const res = await t.http.get('/assets/index-abc123.js').set('Accept-Encoding', 'identity').expect(200);
    expect(res.headers['content-encoding']).toBeUndefined();
  });

  it('when an API answer goes out, then it is neither compressed nor tagged (no-store)', async () => {
    const res = await t.http.get('/api/v1/tariffs').set('Accept-Encoding', 'gzip').expect(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers.etag).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
