import { createTestContext, type TestContext, type TestCustomer } from '../support';

describe('accounts and who may see them', () => {
  let t: TestContext;
  let owner: TestCustomer;
  let ownerToken: string;
  let mobile: { accountId: string; lineIds: string[] };
  let internet: { accountId: string; contractId: string };

  beforeAll(async () => {
    t = await createTestContext();
    owner = await t.createCustomer({ password: 'owner-pass-12' });
    mobile = await t.openMobileAccount(owner.id, { balance: 100_00, lines: [{ tariffCode: 'megafon-vse' }, { tariffCode: 'tele2-black' }] });
    internet = await t.openInternetAccount(owner.id, { balance: 2000_00, tariffCode: 'skynet-500' });
    ownerToken = (await t.signIn(owner.phone, 'owner-pass-12')).accessToken;
  });
  afterAll(() => t.close());

  describe('GET /api/v1/accounts', () => {
    it('when the owner asks, then both accounts come with lines, packages, balance and a low-balance flag', async () => {
      const res = await t.http.get('/api/v1/accounts').set(t.bearer(ownerToken)).expect(200);
      expect(res.body.items).toHaveLength(2);
      const m = res.body.items.find((a: { kind: string }) => a.kind === 'mobile');
      const i = res.body.items.find((a: { kind: string }) => a.kind === 'internet');
      expect(m).toMatchObject({ id: mobile.accountId, kind: 'mobile', status: 'active', access: 'owner', balance: { amount: 10000, currency: 'RUB' }, contract: null });
      expect(m.number).toMatch(/^7\d{6}$/);
      expect(m.lowBalance).toBe(true); // 100 ₽ against 650 + 500 ₽ of monthly fees
      expect(m.lines.map((l: { operator: string }) => l.operator)).toEqual(['megafon', 'tele2']);
      expect(m.lines[0].packages).toMatchObject({ minutes: { left: 1500, total: 1500 }, sms: { left: 500, total: 500 }, mb: { left: 40960, total: 40960 } });
      expect(m.lines[0].iccidLast4).toMatch(/^\d{4}$/);
      expect(m.lines[0]).not.toHaveProperty('iccid');
      expect(i).toMatchObject({ id: internet.accountId, kind: 'internet', lowBalance: false, lines: [] });
      expect(i.contract).toMatchObject({ id: internet.contractId, status: 'active', tariff: { code: 'skynet-500', speedMbps: 500 } });
      expect(i.paidUntil).toBe('2026-12-22');
    });

    it('when another customer asks, then they see none of them', async () => {
      const other = await t.createCustomer({ password: 'other-pass-12' });
      const s = await t.signIn(other.phone, 'other-pass-12');
      expect((await t.http.get('/api/v1/accounts').set(t.bearer(s.accessToken)).expect(200)).body).toEqual({ items: [], nextCursor: null });
    });
  });

  it('when a stranger calls any account route with ids of objects that exist, then every one answers 404 not_found, and nothing changes', async () => {
    const stranger = await t.createCustomer({ password: 'stranger-pass-1' });
    const s = await t.signIn(stranger.phone, 'stranger-pass-1');
    const friend = await t.createCustomer();
    const grant = await t.http.post(`/api/v1/accounts/${mobile.accountId}/grants`).set(t.bearer(ownerToken)).send({ phone: friend.phone, level: 'viewer' }).expect(201);
    const before = await t.query('SELECT * FROM account_grants ORDER BY id');
    const calls: [string, string, object?][] = [
      ['get', `/api/v1/accounts/${mobile.accountId}`],
      ['get', `/api/v1/accounts/${internet.accountId}`],
      ['get', `/api/v1/accounts/${mobile.accountId}/grants`],
      ['post', `/api/v1/accounts/${mobile.accountId}/grants`, { phone: stranger.phone, level: 'account_manager' }],
      ['delete', `/api/v1/accounts/${mobile.accountId}/grants/${grant.body.id}`],
    ];
    for (const [method, url, body] of calls) {
      const req = (t.http as unknown as Record<string, (u: string) => ReturnType<typeof t.http.get>>)[method](url).set(t.bearer(s.accessToken));
      const res = body ? await req.send(body) : await req;
      expect({ url, method, status: res.status, code: res.body.code }).toEqual({ url, method, status: 404, code: 'not_found' });
    }
    expect(await t.query('SELECT * FROM account_grants ORDER BY id')).toEqual(before);
  });

  describe('grants', () => {
    it('when the owner invites a viewer by phone, then the viewer sees the account as viewer, cannot manage access, and loses it on revoke', async () => {
      const viewer = await t.createCustomer({ password: 'viewer-pass-1' });
      const typed = `8 ${viewer.phone.slice(2, 5)} ${viewer.phone.slice(5)}`;
      const created = await t.http.post(`/api/v1/accounts/${mobile.accountId}/grants`).set(t.bearer(ownerToken)).send({ phone: typed, level: 'viewer' }).expect(201);
      expect(created.body).toMatchObject({ accountId: mobile.accountId, level: 'viewer', lineId: null, grantee: { id: viewer.id, phone: viewer.phone } });

      const v = await t.signIn(viewer.phone, 'viewer-pass-1');
      const list = await t.http.get('/api/v1/accounts').set(t.bearer(v.accessToken)).expect(200);
      expect(list.body.items.map((a: { id: string; access: string }) => [a.id, a.access])).toEqual([[mobile.accountId, 'viewer']]);
      await t.http.get(`/api/v1/accounts/${internet.accountId}`).set(t.bearer(v.accessToken)).expect(404);
      expect((await t.http.get(`/api/v1/accounts/${mobile.accountId}/grants`).set(t.bearer(v.accessToken)).expect(403)).body.code).toBe('forbidden');

      const grants = await t.http.get(`/api/v1/accounts/${mobile.accountId}/grants`).set(t.bearer(ownerToken)).expect(200);
      expect(grants.body.items.map((g: { id: string }) => g.id)).toContain(created.body.id);

      await t.http.delete(`/api/v1/accounts/${mobile.accountId}/grants/${created.body.id}`).set(t.bearer(ownerToken)).expect(204);
      await t.http.get(`/api/v1/accounts/${mobile.accountId}`).set(t.bearer(v.accessToken)).expect(404);
      await t.http.delete(`/api/v1/accounts/${mobile.accountId}/grants/${created.body.id}`).set(t.bearer(ownerToken)).expect(404);
      const audit = await t.query<{ action: string }>(`SELECT action FROM audit_log WHERE customer_id = $1 AND action LIKE 'grant_%' ORDER BY id`, [owner.id]);
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['grant_created', 'grant_revoked']));
    });

    it('when the invite is wrong, then a clear 4xx and no grant: unknown phone, own phone, twice, line_manager without a line or with a foreign line', async () => {
      const mate = await t.createCustomer();
      const send = (body: object) => t.http.post(`/api/v1/accounts/${mobile.accountId}/grants`).set(t.bearer(ownerToken)).send(body);
      const before = (await t.query('SELECT 1 FROM account_grants')).length;
      expect((await send({ phone: '+79990000777', level: 'viewer' }).expect(404)).body.code).toBe('customer_not_found');
      expect((await send({ phone: owner.phone, level: 'viewer' }).expect(400)).body.errors[0].field).toBe('phone');
      expect((await send({ phone: mate.phone, level: 'line_manager' }).expect(400)).body.errors[0].field).toBe('lineId');
      expect((await send({ phone: mate.phone, level: 'line_manager', lineId: '00000000-0000-4000-8000-000000000000' }).expect(400)).body.errors[0].field).toBe('lineId');
      expect((await send({ phone: mate.phone, level: 'viewer', lineId: mobile.lineIds[0] }).expect(400)).body.errors[0].field).toBe('lineId');
      expect((await send({ phone: mate.phone, level: 'owner' }).expect(400)).body.errors[0].field).toBe('level');
      expect((await t.query('SELECT 1 FROM account_grants')).length).toBe(before);
      await send({ phone: mate.phone, level: 'line_manager', lineId: mobile.lineIds[1] }).expect(201);
      expect((await send({ phone: mate.phone, level: 'viewer' }).expect(409)).body.code).toBe('grant_exists');
    });

    it('when a line manager signs in, then the account shows which line they manage', async () => {
      const lm = await t.createCustomer({ password: 'line-mgr-pass-1' });
      await t.http.post(`/api/v1/accounts/${mobile.accountId}/grants`).set(t.bearer(ownerToken)).send({ phone: lm.phone, level: 'line_manager', lineId: mobile.lineIds[0] }).expect(201);
      const s = await t.signIn(lm.phone, 'line-mgr-pass-1');
      const acc = await t.http.get(`/api/v1/accounts/${mobile.accountId}`).set(t.bearer(s.accessToken)).expect(200);
      expect(acc.body).toMatchObject({ access: 'line_manager', managedLineId: mobile.lineIds[0] });
    });
  });
});
