/**
 * The authorization sweep (issue 11). Reads every route from the route table — the same table Express
 * serves and the OpenAPI document describes — so a route added tomorrow is swept tomorrow.
 */
import { randomUUID } from 'node:crypto';
import { routeTable } from '../../src/app';
import type { RouteSpec } from '../../src/platform/routes';
import { createTestContext, type TestContext } from '../support';
import { changedTables, dbFingerprint } from '../support/fingerprint';
import { exampleValue, resolve, type OpenApiDocument, type Operation } from '../support/openapi-arbitraries';
import { PUBLIC_PARAMS, bodyHints, fixtureFor, makeEverything, type Everything } from './everything';

const SEED = 20261201;
const toOpenApiPath = (p: string) => p.replace(/:(\w+)/g, '{$1}');

interface Call {
  route: string;
  method: string;
  url: string;
  /** The same route with ids that exist nowhere. */
  nowhere: string;
  body?: unknown;
  query?: Record<string, unknown>;
}

describe('authorization sweep over the route table', () => {
  let t: TestContext;
  let a: Everything;
  let b: Everything;
  let routes: RouteSpec[];
  let doc: OpenApiDocument;
  let catalog: Record<string, string>;

  const send = async (call: Call, headers: Record<string, string>) => {
    let req = (t.http as unknown as Record<string, (u: string) => ReturnType<typeof t.http.get>>)[call.method](call.url).set(headers);
    if (call.query) req = req.query(call.query);
    const res = call.body !== undefined ? await req.send(call.body as object) : await req;
    return { status: res.status, code: res.body?.code as string | undefined, errors: res.body?.errors as unknown };
  };

  /** A body that passes validation, with the ids it names pointing at real things of `owner`. */
  const bodyFor = (op: Operation | undefined, r: RouteSpec, owner: Everything): unknown => {
    const path = toOpenApiPath(r.path);
    const hint = bodyHints(owner)[`${r.method.toUpperCase()} ${path}`];
    if (hint) return hint;
    const schema = op?.requestBody?.content['application/json']?.schema;
    if (!schema) return undefined;
    const sample = exampleValue(doc, resolve(doc, schema), SEED);
    if (!sample || typeof sample !== 'object') return sample;
    const known: Record<string, string> = {
      tariffId: path.includes('/contract') ? catalog.netTariff : catalog.mobileTariff,
      optionId: owner.ids.options,
      cardId: owner.ids.cards,
      accountId: owner.ids.mobileAccount,
      lineId: owner.ids.lines,
    };
    return Object.fromEntries(Object.entries(sample).map(([k, v]) => [k, k in known ? known[k] : v]));
  };

  const queryFor = (op: Operation | undefined, path: string, owner: Everything): Record<string, unknown> | undefined => {
    const required = (op?.parameters ?? []).filter((p) => p.in === 'query' && p.required);
    if (!required.length) return undefined;
    return Object.fromEntries(
      required.map((p) => {
        if (p.name === 'tariffId') return [p.name, path.includes('/contract') ? catalog.netTariff : catalog.mobileTariff];
        if (p.name === 'accountId') return [p.name, owner.ids.mobileAccount];
        return [p.name, exampleValue(doc, p.schema ?? { type: 'string' }, SEED)];
      }),
    );
  };

  beforeAll(async () => {
    t = await createTestContext();
    a = await makeEverything(t, 'Alpha');
    b = await makeEverything(t, 'Bravo');
    routes = routeTable({ config: t.config, ds: t.ds, clock: t.clock }, t.services);
    doc = (await t.http.get('/api/v1/openapi.json').expect(200)).body;
    const [mobileTariff] = await t.query<{ id: string }>(`SELECT id FROM tariffs WHERE code = 'megafon-minimum'`);
    const [netTariff] = await t.query<{ id: string }>(`SELECT id FROM tariffs WHERE code = 'skynet-1000'`);
    catalog = { mobileTariff: mobileTariff.id, netTariff: netTariff.id };
  });
  afterAll(() => t.close());

  it('when customer B calls every customer route that takes an id with A’s ids, then each answers 404 and nothing changes; A’s own calls find the things', async () => {
    const owned = routes.filter((r) => r.auth === 'customer' && r.path.includes(':') && !(toOpenApiPath(r.path) in PUBLIC_PARAMS));
    const uncovered: string[] = [];
    const calls: Call[] = [];
    for (const r of owned) {
      const path = toOpenApiPath(r.path);
      const op = doc.paths[path]?.[r.method];
      let url = `/api/v1${r.path}`;
      for (const [, param] of r.path.matchAll(/:(\w+)/g)) {
        const id = fixtureFor(a, path, param);
        if (!id) uncovered.push(`${r.method.toUpperCase()} ${r.path}: no fixture for :${param}`);
        url = url.replace(`:${param}`, id ?? 'missing');
      }
      const nowhere = r.path.replace(/:(\w+)/g, () => randomUUID());
      calls.push({ route: `${r.method.toUpperCase()} ${r.path}`, method: r.method, url, nowhere: `/api/v1${nowhere}`, body: bodyFor(op, r, a), query: queryFor(op, path, a) });
    }
    expect(uncovered).toEqual([]);
    expect(calls.length).toBeGreaterThan(30);

    const before = await dbFingerprint(t.query);
    const answers: string[] = [];
    for (const c of calls) {
      // "Not yours" must read exactly as "does not exist": a 404 with the same code.
      const res = await send(c, t.bearer(b.token));
      const missing = await send({ ...c, url: c.nowhere }, t.bearer(b.token));
      if (res.status !== 404 || res.code !== missing.code) {
        answers.push(`${c.route} → ${res.status} ${res.code} (an id that exists nowhere: ${missing.status} ${missing.code}) ${JSON.stringify(res.errors ?? '')}`);
      }
    }
    expect(answers).toEqual([]);
    expect(changedTables(before, await dbFingerprint(t.query))).toEqual([]);

    // The control: the same calls by A reach A's things (reads first, removals last, so each finds its thing).
    const order = { get: 0, put: 1, patch: 1, post: 2, delete: 3 } as Record<string, number>;
    const notFound: string[] = [];
    for (const c of [...calls].sort((x, y) => order[x.method] - order[y.method])) {
      const res = await send(c, t.bearer(a.token));
      if (res.status === 404) notFound.push(`${c.route} → 404 ${res.code}`);
    }
    expect(notFound).toEqual([]);
  });

  it('when nobody is signed in, then every customer and staff route answers 401 problem+json', async () => {
    const guarded = routes.filter((r) => r.auth === 'customer' || r.auth === 'staff');
    expect(guarded.length).toBeGreaterThan(30);
    const wrong: string[] = [];
    for (const r of guarded) {
      const url = `/api/v1${r.path.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000')}`;
      const res = await (t.http as unknown as Record<string, (u: string) => ReturnType<typeof t.http.get>>)[r.method](url);
      if (res.status !== 401 || !String(res.headers['content-type']).startsWith('application/problem+json')) wrong.push(`${r.method.toUpperCase()} ${r.path} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('when a subscriber calls every staff route, then each answers 403 and nothing changes', async () => {
    const staff = routes.filter((r) => r.auth === 'staff');
    expect(staff.length).toBeGreaterThan(0);
    const before = await dbFingerprint(t.query);
    const wrong: string[] = [];
    for (const r of staff) {
      const url = `/api/v1${r.path.replace(/:(\w+)/g, () => randomUUID())}`;
      const res = await (t.http as unknown as Record<string, (u: string) => ReturnType<typeof t.http.get>>)[r.method](url).set(t.bearer(b.token)).send({});
      if (res.status !== 403) wrong.push(`${r.method.toUpperCase()} ${r.path} → ${res.status} ${res.body?.code}`);
    }
    expect(wrong).toEqual([]);
    expect(changedTables(before, await dbFingerprint(t.query))).toEqual([]);
  });

  it('when an integrator key lacks the scope, then every integrator route answers 403; without a key 401; and nothing changes', async () => {
    const integrator = routes.filter((r) => r.auth === 'integrator');
    expect(integrator.length).toBeGreaterThan(0);
    const allScopes = [...new Set(integrator.flatMap((r) => r.scopes ?? []))];
    const wrong: string[] = [];
    const before = await dbFingerprint(t.query);
    for (const r of integrator) {
      const others = allScopes.filter((s) => !(r.scopes ?? []).includes(s));
      const key = await t.createApiKey(others.length ? others : ['payments:read'], `without ${r.scopes?.join(',')}`);
      const url = `/api/v1${r.path.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000')}`;
      const call = (t.http as unknown as Record<string, (u: string) => ReturnType<typeof t.http.get>>)[r.method];
      const forbidden = await call(url).set({ Authorization: `Bearer ${key.key}` }).send({});
      const anonymous = await call(url).send({});
      if (forbidden.status !== 403) wrong.push(`${r.method.toUpperCase()} ${r.path} with a key lacking ${r.scopes} → ${forbidden.status}`);
      if (anonymous.status !== 401) wrong.push(`${r.method.toUpperCase()} ${r.path} without a key → ${anonymous.status}`);
    }
    expect(wrong).toEqual([]);
    expect(changedTables(before, await dbFingerprint(t.query)).filter((table) => table !== 'api_keys')).toEqual([]);
  });
});
