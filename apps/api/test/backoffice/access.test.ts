import { randomUUID } from 'node:crypto';
import { createTestContext, type TestContext } from '../support';
import { routeTable } from '../../src/app';
import { applicationRoutes } from '../../src/modules/applications';
import { backofficeRoutes } from '../../src/modules/backoffice';
import { numberRoutes } from '../../src/modules/numbers';
import { orderRoutes } from '../../src/modules/orders';
import { tariffAdminRoutes } from '../../src/modules/tariffs';
import type { RouteSpec } from '../../src/platform/routes';
import { ADMIN_TAG } from '../../src/platform/staff';

type Call = { path: string; body?: Record<string, unknown>; headers?: Record<string, string> };
type Scenario = (t: TestContext) => Promise<Call>;

const UUID = '00000000-0000-4000-8000-000000000000';
const key = (r: Pick<RouteSpec, 'method' | 'path'>) => `${r.method.toUpperCase()} ${r.path}`;
const fill = (path: string) => path.replace(/:\w+/g, UUID);

let seq = 0;
const iccid = () => `89701992600${String(process.pid % 10000).padStart(4, '0')}${String(++seq).padStart(4, '0')}`;
const code = () => `test-${process.pid}-${++seq}`;
const tariffId = async (t: TestContext, c: string) => (await t.query<{ id: string }>('SELECT id FROM tariffs WHERE code = $1', [c]))[0].id;

async function application(t: TestContext): Promise<string> {
  const phone = `+7921777${String(++seq).padStart(4, '0')}`;
  const res = await t.postPublic('/api/v1/applications/mobile', { name: 'Анна', phone, tariffId: await tariffId(t, 'megafon-vse'), consent: true });
  if (res.status !== 201) throw new Error(`application: ${res.status} ${JSON.stringify(res.body)}`);
  return (await t.query<{ id: string }>('SELECT id FROM applications WHERE number = $1', [res.body.number]))[0].id;
}

async function simOrder(t: TestContext): Promise<string> {
  const c = await t.createCustomer();
  const { accountId } = await t.openMobileAccount(c.id);
  const s = await t.signIn(c.phone, c.password);
  const res = await t.http.post('/api/v1/orders/sim').set(t.bearer(s.accessToken)).send({ accountId, tariffId: await tariffId(t, 'megafon-vse'), delivery: 'pickup' });
  return res.body.id;
}

async function signedInCustomer(t: TestContext) {
  const c = await t.createCustomer();
  await t.signIn(c.phone, c.password);
  const [s] = await t.query<{ id: string }>('SELECT id FROM sessions WHERE customer_id = $1', [c.id]);
  return { ...c, sessionId: s.id };
}

/** A valid request for every back-office action of this issue, its data arranged afresh each time. */
const scenarios: Record<string, Scenario> = {
  'POST /backoffice/numbers/import': async () => ({ path: '/backoffice/numbers/import', body: { csv: `msisdn;operator;category\n+7921888${String(++seq).padStart(4, '0')};megafon;bronze\n` } }),
  'POST /backoffice/numbers/:id/archive': async (t) => ({ path: `/backoffice/numbers/${(await t.stockNumber()).id}/archive` }),
  'PUT /backoffice/number-categories/:operator/:category': async () => ({ path: '/backoffice/number-categories/mts/bronze', body: { operatorPrice: { amount: 300_000 + ++seq, currency: 'RUB' } } }),
  'POST /backoffice/applications/:id/status': async (t) => ({ path: `/backoffice/applications/${await application(t)}/status`, body: { status: 'in_progress' } }),
  'POST /backoffice/applications/:id/process': async (t) => {
    await t.stockNumber({ operator: 'megafon', category: 'regular' });
    return { path: `/backoffice/applications/${await application(t)}/process`, body: { iccid: iccid(), customer: { surname: 'Новикова', name: 'Анна' } } };
  },
  'POST /backoffice/orders/:id/status': async (t) => ({ path: `/backoffice/orders/${await simOrder(t)}/status`, body: { status: 'in_progress' } }),
  'POST /backoffice/orders/:id/process': async (t) => {
    await t.stockNumber({ operator: 'megafon', category: 'regular' });
    return { path: `/backoffice/orders/${await simOrder(t)}/process`, body: { iccid: iccid() } };
  },
  'POST /backoffice/tariffs': async () => ({
    path: '/backoffice/tariffs',
    body: { code: code(), kind: 'internet', provider: 'skynet', name: 'Тест', monthlyFee: { amount: 50000, currency: 'RUB' }, speedMbps: 200 },
  }),
  'PATCH /backoffice/tariffs/:id': async (t) => ({ path: `/backoffice/tariffs/${await tariffId(t, 'skynet-100')}`, body: { monthlyFee: { amount: 51000 + ++seq, currency: 'RUB' } } }),
  'POST /backoffice/tariffs/:id/archive': async (t) => {
    await t.query(`UPDATE tariffs SET archived = false WHERE code = 'skynet-1000'`);
    return { path: `/backoffice/tariffs/${await tariffId(t, 'skynet-1000')}/archive` };
  },
  'POST /backoffice/tariffs/:id/restore': async (t) => {
    await t.query(`UPDATE tariffs SET archived = true WHERE code = 'megafon-archive-2019'`);
    return { path: `/backoffice/tariffs/${await tariffId(t, 'megafon-archive-2019')}/restore` };
  },
  'POST /backoffice/tariff-options': async (t) => ({
    path: '/backoffice/tariff-options',
    body: { code: code(), kind: 'mobile', provider: 'megafon', name: '+1 ГБ', monthlyFee: { amount: 5000, currency: 'RUB' }, adds: { minutes: 0, sms: 0, mb: 1024 }, tariffIds: [await tariffId(t, 'megafon-vse')] },
  }),
  'PATCH /backoffice/tariff-options/:id': async (t) => {
    const [o] = await t.query<{ id: string }>(`SELECT id FROM tariff_options WHERE code = 'megafon-plus-10gb'`);
    return { path: `/backoffice/tariff-options/${o.id}`, body: { name: `+10 ГБ (${++seq})` } };
  },
  'POST /backoffice/tariff-options/:id/archive': async (t) => {
    await t.query(`UPDATE tariff_options SET archived = false WHERE code = 'skynet-tv'`);
    const [o] = await t.query<{ id: string }>(`SELECT id FROM tariff_options WHERE code = 'skynet-tv'`);
    return { path: `/backoffice/tariff-options/${o.id}/archive` };
  },
  'POST /backoffice/tariff-options/:id/restore': async (t) => {
    await t.query(`UPDATE tariff_options SET archived = true WHERE code = 'tele2-sms-200'`);
    const [o] = await t.query<{ id: string }>(`SELECT id FROM tariff_options WHERE code = 'tele2-sms-200'`);
    return { path: `/backoffice/tariff-options/${o.id}/restore` };
  },
  'GET /backoffice/customers/:id': async (t) => ({ path: `/backoffice/customers/${(await t.createCustomer()).id}` }),
  'DELETE /backoffice/customers/:id/sessions/:sessionId': async (t) => {
    const c = await signedInCustomer(t);
    return { path: `/backoffice/customers/${c.id}/sessions/${c.sessionId}` };
  },
  'DELETE /backoffice/customers/:id/sessions': async (t) => ({ path: `/backoffice/customers/${(await signedInCustomer(t)).id}/sessions` }),
  'POST /backoffice/accounts/:accountId/adjustments': async (t) => {
    const c = await t.createCustomer();
    const { accountId } = await t.openMobileAccount(c.id);
    return { path: `/backoffice/accounts/${accountId}/adjustments`, body: { direction: 'credit', amount: { amount: 10000, currency: 'RUB' }, reason: 'Компенсация' }, headers: { 'Idempotency-Key': randomUUID() } };
  },
  'GET /backoffice/staff': async () => ({ path: '/backoffice/staff' }),
  'POST /backoffice/staff': async () => ({ path: '/backoffice/staff', body: { phone: `+7921999${String(++seq).padStart(4, '0')}`, surname: 'Новый', name: 'Сотрудник', role: 'operator' } }),
  'PATCH /backoffice/staff/:id': async (t) => ({ path: `/backoffice/staff/${(await t.createCustomer({ role: 'operator' })).id}`, body: { role: 'admin' } }),
  'GET /backoffice/audit': async () => ({ path: '/backoffice/audit' }),
};

describe('back-office access', () => {
  let t: TestContext;
  let routes: RouteSpec[];
  let mine: RouteSpec[];

  beforeAll(async () => {
    t = await createTestContext();
    const s = t.services;
    routes = routeTable({ config: t.config, ds: t.ds, clock: t.clock }, s);
    // This back-office routes (other modules add theirs to the console too; the first loop covers them as well).
    mine = [
      ...numberRoutes(s.numbers),
      ...applicationRoutes(s.applications, s.rate),
      ...orderRoutes(s.orders),
      ...tariffAdminRoutes(s.tariffAdmin),
      ...backofficeRoutes(s.backoffice),
    ].filter((r) => r.path.startsWith('/backoffice/'));
  });
  afterAll(() => t.close());

  const send = (token: string | null, method: string, call: Call) => {
    const req = (t.http as unknown as Record<string, (p: string) => ReturnType<typeof t.http.post>>)[method](`/api/v1${call.path}`);
    if (token) req.set(t.bearer(token));
    for (const [k, v] of Object.entries(call.headers ?? {})) req.set(k, v);
    return call.body ? req.send(call.body) : req;
  };
  const auditCount = async () => (await t.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0].n;

  it('when a subscriber (or nobody) calls any back-office route, then 403 (401 without a token) and nothing is done', async () => {
    const backoffice = routes.filter((r) => r.path.startsWith('/backoffice'));
    expect(backoffice.length).toBeGreaterThanOrEqual(30);
    for (const r of backoffice) expect([key(r), r.auth]).toEqual([key(r), 'staff']);
    const c = await t.createCustomer();
    const s = await t.signIn(c.phone, c.password);
    const before = await auditCount();
    for (const r of backoffice) {
      const anon = await send(null, r.method, { path: fill(r.path), body: {} });
      expect([key(r), anon.status]).toEqual([key(r), 401]);
      const res = await send(s.accessToken, r.method, { path: fill(r.path), body: {} });
      expect([key(r), res.status, res.body.code]).toEqual([key(r), 403, 'forbidden']);
    }
    expect(await auditCount()).toBe(before);
  });

  it('when an operator tries every admin action with a valid request, then 403 and nothing changes; an admin doing the same succeeds and is audited', async () => {
    const admin = await t.createStaff('admin');
    const operator = await t.createStaff('operator');
    const adminRoutes = mine.filter((r) => r.tags.includes(ADMIN_TAG));
    expect(adminRoutes.map(key).sort()).toEqual(expect.arrayContaining(['POST /backoffice/accounts/:accountId/adjustments', 'POST /backoffice/staff', 'GET /backoffice/audit', 'POST /backoffice/tariffs']));
    for (const r of adminRoutes) {
      const scenario = scenarios[key(r)];
      expect([key(r), typeof scenario]).toEqual([key(r), 'function']);
      const call = await scenario(t);
      t.clock.advanceMinutes(0.01);
      const before = await auditCount();
      const refused = await send(operator.accessToken, r.method, call);
      expect([key(r), refused.status, refused.body.code]).toEqual([key(r), 403, 'forbidden']);
      expect([key(r), await auditCount()]).toEqual([key(r), before]);

      const ok = await send(admin.accessToken, r.method, { ...call, headers: call.headers ? { 'Idempotency-Key': randomUUID() } : undefined });
      expect([key(r), ok.status < 300]).toEqual([key(r), true]);
      if (r.method !== 'get') {
        const rows = await t.query<{ actor_id: string }>('SELECT actor_id FROM audit_log ORDER BY id DESC LIMIT 1');
        expect([key(r), await auditCount() > before, rows[0].actor_id]).toEqual([key(r), true, admin.id]);
      }
    }
  });

  it('when an operator does every other staff action, then it succeeds and writes an audit row naming them', async () => {
    const operator = await t.createStaff('operator');
    const actions = mine.filter((r) => !r.tags.includes(ADMIN_TAG) && (r.method !== 'get' || r.path === '/backoffice/customers/:id'));
    expect(actions.length).toBeGreaterThanOrEqual(7);
    for (const r of actions) {
      const scenario = scenarios[key(r)];
      expect([key(r), typeof scenario]).toEqual([key(r), 'function']);
      const call = await scenario(t);
      t.clock.advanceMinutes(0.01);
      const before = await auditCount();
      const res = await send(operator.accessToken, r.method, call);
      expect([key(r), res.status < 300, res.status]).toEqual([key(r), true, res.status]);
      const [last] = await t.query<{ actor_id: string; at: Date }>('SELECT actor_id, at FROM audit_log ORDER BY id DESC LIMIT 1');
      expect([key(r), await auditCount() > before, last.actor_id]).toEqual([key(r), true, operator.id]);
    }
  });
});
