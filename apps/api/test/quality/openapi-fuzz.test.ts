/**
 * The fuzzer (issue 11): every operation of /api/v1/openapi.json, as an authorised caller, with valid and
 * invalid bodies, query strings and path parameters. No 5xx; every 4xx is problem+json; a rejected request
 * changes nothing in the database (row-level fingerprint of every table, less the bookkeeping ones
 * `test/support/fingerprint.ts` names with their reasons).
 *
 * CI runs a bounded number of cases with a fixed seed; `FUZZ_RUNS=200 FUZZ_SEED=<n>` (see README,
 * `pnpm --filter @cabinet/api fuzz`) runs the nightly-style long version.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { routeTable } from '../../src/app';
import type { RouteSpec } from '../../src/platform/routes';
import { createTestContext, type TestContext } from '../support';
import { changedTables, dbFingerprint } from '../support/fingerprint';
import {
  invalidBody,
  oddPathParam,
  operations,
  queryOf,
  resolve,
  validValue,
  type OpenApiDocument,
  type OperationRef,
} from '../support/openapi-arbitraries';
import { fixtureFor, makeEverything, toExpressPath, type Everything } from './everything';

const RUNS = Number(process.env.FUZZ_RUNS ?? 3);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const ANSWER_WITHIN_MS = 15_000;

type Kind = 'valid' | 'invalid body' | 'invalid query' | 'invalid path' | 'no credentials';

interface Case {
  kind: Kind;
  url: string;
  query?: Record<string, unknown>;
  body?: unknown;
  headers: Record<string, string>;
}

/** Percent-encoded; a lone surrogate goes out as the bytes of invalid UTF-8 (`%ED%A0%80`), as a broken client would send. */
const encodePathValue = (v: string) => {
  const s = v as string & { isWellFormed(): boolean; toWellFormed(): string }; // ES2024, in Node 20
  return s.isWellFormed() ? encodeURIComponent(v) : encodeURIComponent(s.toWellFormed()).replace(/%EF%BF%BD/g, '%ED%A0%80');
};

const describeValue = (v: unknown) => {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 160 ? `${text.slice(0, 160)}… (${text.length} chars)` : text;
};

describe('fuzzing every operation of the OpenAPI document', () => {
  let t: TestContext;
  let doc: OpenApiDocument;
  let routes: RouteSpec[];
  let me: Everything;
  let staffToken: string;
  let apiKey: string;
  const staff = { phone: '', password: 'staff-pass-123' };

  const signInAgainIfNeeded = async () => {
    if ((await t.http.get('/api/v1/me').set(t.bearer(me.token))).status === 401) me.token = (await t.signIn(me.customer.phone, me.password)).accessToken;
    if ((await t.http.get('/api/v1/me').set(t.bearer(staffToken))).status === 401) staffToken = (await t.signIn(staff.phone, staff.password)).accessToken;
  };

  beforeAll(async () => {
    t = await createTestContext();
    me = await makeEverything(t, 'Fuzz');
    const operator = await t.createCustomer({ password: staff.password, role: 'admin' });
    staff.phone = operator.phone;
    staffToken = (await t.signIn(operator.phone, staff.password)).accessToken;
    routes = routeTable({ config: t.config, ds: t.ds, clock: t.clock }, t.services);
    const scopes = [...new Set(routes.flatMap((r) => r.scopes ?? []))];
    apiKey = (await t.createApiKey(scopes, 'fuzzer')).key;
    doc = (await t.http.get('/api/v1/openapi.json').expect(200)).body;
  });
  afterAll(() => t.close());

  /** The cases of one operation: valid ones and each kind of invalid one, `RUNS` of each. */
  function casesOf({ method, path, op }: OperationRef, index: number): Case[] {
    const route = routes.find((r) => r.method === method && r.path === toExpressPath(path));
    const auth = route?.auth ?? 'public';
    const headers: Record<string, string> =
      auth === 'customer' ? t.bearer(me.token) : auth === 'staff' ? t.bearer(staffToken) : auth === 'integrator' ? { Authorization: `Bearer ${apiKey}` } : {};
    const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
    const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
    const schema = op.requestBody?.content['application/json']?.schema;
    const idempotent = (op.parameters ?? []).some((p) => p.name === 'Idempotency-Key');
    const seed = SEED + index;

    const url = (values: Record<string, string>) =>
      `/api/v1${path.replace(/\{(\w+)\}/g, (_, name: string) => encodePathValue(values[name] ?? randomUUID()))}`;
    const realIds = Object.fromEntries(pathParams.map((p) => [p.name, fixtureFor(me, path, p.name) ?? randomUUID()]));
    const withKey = (h: Record<string, string>, key: boolean) => (idempotent && key ? { ...h, 'Idempotency-Key': randomUUID() } : h);

    const body = schema ? validValue(doc, resolve(doc, schema)) : fc.constant(undefined);
    const valid = fc.record({ query: queryOf(doc, queryParams, true), body, key: fc.boolean() });
    const cases: Case[] = fc
      .sample(valid, { numRuns: RUNS, seed })
      .map((v) => ({ kind: 'valid', url: url(realIds), query: v.query, body: v.body, headers: withKey(headers, v.key) }));
    if (schema) {
      cases.push(
        ...fc.sample(invalidBody(doc, schema), { numRuns: RUNS, seed }).map((b) => ({ kind: 'invalid body' as const, url: url(realIds), body: b, headers: withKey(headers, true) })),
      );
    }
    if (queryParams.length) {
      cases.push(
        ...fc.sample(queryOf(doc, queryParams, false), { numRuns: RUNS, seed }).map((q) => ({ kind: 'invalid query' as const, url: url(realIds), query: q, headers: withKey(headers, true) })),
      );
    }
    if (pathParams.length) {
      const odd = fc.record(Object.fromEntries(pathParams.map((p) => [p.name, oddPathParam])));
      const b = schema ? fc.sample(body, { numRuns: 1, seed })[0] : undefined;
      cases.push(...fc.sample(odd, { numRuns: RUNS, seed }).map((values) => ({ kind: 'invalid path' as const, url: url(values as Record<string, string>), body: b, headers: withKey(headers, true) })));
    }
    if (auth !== 'public') cases.push({ kind: 'no credentials', url: url(realIds), body: schema ? {} : undefined, headers: {} });
    return cases;
  }

  it('when each operation gets valid and invalid bodies, query strings and path params, then no 5xx, every 4xx is problem+json, and a rejected request changes nothing', async () => {
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(50);
    const found: string[] = [];
    // Said as they are found: a run cut off by its time limit still tells what it saw.
    const failures = { push: (f: string) => found.push(f) && console.error(`fuzzer: ${f.slice(0, 600)}`) };
    let requests = 0;
    let fingerprint = await dbFingerprint(t.query);

    for (const [index, ref] of ops.entries()) {
      const label = `${ref.method.toUpperCase()} ${ref.path}`;
      for (const c of casesOf(ref, index)) {
        let req = (t.http as unknown as Record<string, (u: string) => ReturnType<typeof t.http.get>>)[ref.method](c.url).set(c.headers);
        if (c.query) req = req.query(c.query as Record<string, string>);
        const what = `${label} [${c.kind}] ${c.url}${c.query ? ` query=${describeValue(c.query)}` : ''}${c.body !== undefined ? ` body=${describeValue(c.body)}` : ''}`;
        // The body as bytes on the wire: a JSON text of whatever value (superagent sends only objects itself).
        // An answer that takes longer than this is a failure too (an outside call without a timeout, a lock).
        req = req.timeout(ANSWER_WITHIN_MS);
        let res: Awaited<typeof req>;
        try {
          res = c.body !== undefined ? await req.set('Content-Type', 'application/json').send(JSON.stringify(c.body)) : await req;
        } catch (err) {
          if ((err as { timeout?: number }).timeout) {
            failures.push(`${what} → no answer within ${ANSWER_WITHIN_MS} ms`);
            continue;
          }
          throw err;
        }
        requests++;
        // A crash is a failure; an outside system that is documented as possibly unavailable (503 with its
        // own problem code, e.g. Gosuslugi not configured here) is an honest answer, not a crash.
        const documented = Object.keys((ref.op as { responses?: Record<string, unknown> }).responses ?? {}).includes(String(res.status));
        if (res.status >= 500 && !(res.status === 503 && documented && res.body?.code && res.body.code !== 'internal_error')) {
          failures.push(`${what} → ${res.status} ${describeValue(res.body)}`);
          continue;
        }
        if (res.status >= 400) {
          const type = String(res.headers['content-type'] ?? '');
          if (!type.startsWith('application/problem+json') || res.body?.status !== res.status || typeof res.body?.code !== 'string') {
            failures.push(`${what} → ${res.status} is not problem+json: ${type} ${describeValue(res.body)}`);
          }
          const after = await dbFingerprint(t.query);
          const changed = changedTables(fingerprint, after);
          if (changed.length) failures.push(`${what} → ${res.status} ${res.body?.code} but changed ${changed.join(', ')}`);
          fingerprint = after;
        } else {
          fingerprint = await dbFingerprint(t.query);
        }
        if (c.kind === 'no credentials' && res.status !== 401) failures.push(`${what} → ${res.status} without credentials`);
      }
      await signInAgainIfNeeded();
    }
    console.log(`fuzzer: ${ops.length} operations, ${requests} requests, seed ${SEED}, ${RUNS} run(s) per kind`);
    expect(found).toEqual([]);
  }, 300_000 + RUNS * 120_000);
});
