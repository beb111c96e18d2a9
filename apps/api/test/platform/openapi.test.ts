import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { createTestContext, type TestContext } from '../support';
import { routeTable } from '../../src/app';

describe('GET /api/v1/openapi.json', () => {
  let t: TestContext;
  let doc: { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown>; security: unknown[] }>> };

  beforeAll(async () => {
    t = await createTestContext();
    doc = (await t.http.get('/api/v1/openapi.json').expect(200)).body;
  });
  afterAll(() => t.close());

  it('when validated against the OpenAPI 3.1 schema, then it is valid', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const out = execFileSync(process.execPath, [path.join(__dirname, '../support/validate-openapi.mjs')], { input: JSON.stringify(doc) });
    const result = JSON.parse(out.toString());
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ valid: true, version: '3.1' });
  });

  it('when compared with the route table, then it lists every route with its success and problem responses', () => {
    const routes = routeTable({ config: t.config, ds: t.ds, clock: t.clock }, t.services);
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    const expected = routes.map((r) => `${r.method.toUpperCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(documented.sort()).toEqual(expected.sort());
    expect(documented).toEqual(expect.arrayContaining(['POST /auth/login', 'POST /auth/refresh', 'GET /me', 'GET /health', 'GET /dev/outbox']));
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(ops)) {
        const statuses = Object.keys(op.responses);
        // A success, or the redirect of a browser step (the Gosuslugi sign-in answers 302).
        expect(statuses.some((s) => s.startsWith('2') || s === '302')).toBe(true);
        if (op.security.length) expect(statuses).toContain('401');
        expect(`${m} ${p}`).toBeTruthy();
      }
    }
  });

  it('when every documented operation is called, then the server has a handler for it (no 404 for a missing route)', async () => {
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const m of Object.keys(ops)) {
        const url = `/api/v1${p.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000')}`;
        const res = await (t.http as unknown as Record<string, (u: string) => Promise<{ status: number; body: { detail?: string } }>>)[m](url);
        expect(res.body.detail ?? '').not.toMatch(/^No route/);
      }
    }
  });

  it('when the interactive reference is opened, then /api/docs serves the Swagger UI page pointing at the document', async () => {
    const res = await t.http.get('/api/docs/').expect(200);
    expect(res.text).toMatch(/swagger-ui/i);
    const init = await t.http.get('/api/docs/swagger-ui-init.js').expect(200);
    expect(init.text).toContain('/api/v1/openapi.json');
  });
});

describe('request schemas in the OpenAPI document', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('when a body schema is read, then it forbids unknown fields like the server does, down to nested objects', async () => {
    const doc = (await t.http.get('/api/v1/openapi.json').expect(200)).body;
    expect(doc.components.schemas.LoginDto).toMatchObject({ additionalProperties: false, required: ['login', 'password'] });
    expect(doc.components.schemas.CaptchaAnswerDto.additionalProperties).toBe(false);
    expect(doc.components.schemas.TokenResponseDto.additionalProperties).toBeUndefined();
  });
});
