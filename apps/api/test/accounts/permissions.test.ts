import { createTestContext, type TestContext, type TestCustomer } from '../support';

/** Every action route, with ids of objects that exist. */
function actionCalls(ids: { mobile: string; line: string; otherLine: string; internet: string; device: string; grant: string; option: string; tariff: string; netTariff: string }) {
  const line = `/api/v1/accounts/${ids.mobile}/lines/${ids.line}`;
  const other = `/api/v1/accounts/${ids.mobile}/lines/${ids.otherLine}`;
  const net = `/api/v1/accounts/${ids.internet}/contract`;
  return {
    read: [
      ['get', `/api/v1/accounts/${ids.mobile}`],
      ['get', `/api/v1/accounts/${ids.internet}`],
      ['get', `${net}/devices`],
    ] as [string, string, object?][],
    lineActions: [
      ['get', `${line}/tariff-change/quote?tariffId=${ids.tariff}&when=now`],
      ['post', `${line}/tariff-change`, { tariffId: ids.tariff, when: 'next_period' }],
      ['delete', `${line}/tariff-change`],
      ['post', `${line}/options`, { optionId: ids.option }],
      ['delete', `${line}/options/${ids.option}`],
      ['post', `${line}/block`],
      ['post', `${line}/unblock`],
    ] as [string, string, object?][],
    otherLineActions: [
      ['post', `${other}/tariff-change`, { tariffId: ids.tariff, when: 'next_period' }],
      ['post', `${other}/options`, { optionId: ids.option }],
      ['post', `${other}/block`],
    ] as [string, string, object?][],
    accountActions: [
      ['get', `/api/v1/accounts/${ids.mobile}/grants`],
      ['post', `/api/v1/accounts/${ids.mobile}/grants`, { phone: '+79115550000', level: 'viewer' }],
      ['delete', `/api/v1/accounts/${ids.mobile}/grants/${ids.grant}`],
      ['post', `${net}/tariff-change`, { tariffId: ids.netTariff, when: 'next_period' }],
      ['delete', `${net}/tariff-change`],
      ['post', `${net}/suspend`],
      ['post', `${net}/resume`],
      ['post', `${net}/devices`, { mac: 'aa:bb:cc:00:00:09', name: 'X' }],
      ['patch', `${net}/devices/${ids.device}`, { name: 'Y' }],
      ['delete', `${net}/devices/${ids.device}`],
    ] as [string, string, object?][],
  };
}

describe('who may do what on an account', () => {
  let t: TestContext;
  let owner: TestCustomer;
  let ids: Parameters<typeof actionCalls>[0];
  let calls: ReturnType<typeof actionCalls>;
  let snapshot: () => Promise<unknown>;

  const call = async (token: string, [method, url, body]: [string, string, object?]) => {
    const req = (t.http as unknown as Record<string, (u: string) => ReturnType<typeof t.http.get>>)[method](url).set(t.bearer(token));
    const res = body ? await req.send(body) : await req;
    return { method, url, status: res.status, code: res.body?.code as string | undefined };
  };
  const as = async (level: 'viewer' | 'line_manager' | 'account_manager' | null) => {
    const c = await t.createCustomer({ password: 'grantee-pass-1' });
    if (level) {
      const ownerToken = (await t.signIn(owner.phone, 'owner-pass-12')).accessToken;
      for (const accountId of [ids.mobile, ids.internet]) {
        if (level === 'line_manager' && accountId === ids.internet) continue;
        await t.http
          .post(`/api/v1/accounts/${accountId}/grants`)
          .set(t.bearer(ownerToken))
          .send({ phone: c.phone, level, ...(level === 'line_manager' ? { lineId: ids.line } : {}) })
          .expect(201);
      }
    }
    return (await t.signIn(c.phone, 'grantee-pass-1')).accessToken;
  };

  beforeAll(async () => {
    t = await createTestContext();
    owner = await t.createCustomer({ password: 'owner-pass-12' });
    const mobile = await t.openMobileAccount(owner.id, { balance: 5000_00, lines: [{ tariffCode: 'megafon-vse' }, { tariffCode: 'megafon-vse' }] });
    const internet = await t.openInternetAccount(owner.id, { balance: 5000_00 });
    const ownerToken = (await t.signIn(owner.phone, 'owner-pass-12')).accessToken;
    const device = await t.http.post(`/api/v1/accounts/${internet.accountId}/contract/devices`).set(t.bearer(ownerToken)).send({ mac: 'aa:bb:cc:00:00:01', name: 'Роутер' }).expect(201);
    const friend = await t.createCustomer();
    const grant = await t.http.post(`/api/v1/accounts/${mobile.accountId}/grants`).set(t.bearer(ownerToken)).send({ phone: friend.phone, level: 'viewer' }).expect(201);
    const [opt] = await t.query<{ id: string }>(`SELECT id FROM tariff_options WHERE code = 'megafon-plus-10gb'`);
    const [tariff] = await t.query<{ id: string }>(`SELECT id FROM tariffs WHERE code = 'megafon-minimum'`);
    const [netTariff] = await t.query<{ id: string }>(`SELECT id FROM tariffs WHERE code = 'skynet-1000'`);
    ids = { mobile: mobile.accountId, line: mobile.lineIds[0], otherLine: mobile.lineIds[1], internet: internet.accountId, device: device.body.id, grant: grant.body.id, option: opt.id, tariff: tariff.id, netTariff: netTariff.id };
    calls = actionCalls(ids);
    snapshot = async () => ({
      accounts: await t.query('SELECT id, balance, status FROM accounts ORDER BY id'),
      lines: await t.query('SELECT id, tariff_id, status, minutes_left, mb_left FROM mobile_lines ORDER BY id'),
      contracts: await t.query('SELECT id, tariff_id, status FROM internet_contracts ORDER BY id'),
      options: await t.query('SELECT * FROM line_options ORDER BY line_id'),
      devices: await t.query('SELECT id, mac, name FROM devices ORDER BY id'),
      scheduled: await t.query('SELECT id, status FROM scheduled_tariff_changes ORDER BY id'),
      grants: await t.query('SELECT id, revoked_at FROM account_grants ORDER BY id'),
      ledger: await t.query('SELECT count(*) FROM ledger_entries'),
    });
  });
  afterAll(() => t.close());

  it('when a stranger calls every account, line, contract, device and grant route with real ids, then every one is 404 and nothing changes', async () => {
    const token = await as(null);
    const before = await snapshot();
    for (const c of [...calls.read, ...calls.lineActions, ...calls.otherLineActions, ...calls.accountActions]) {
      expect(await call(token, c)).toEqual({ method: c[0], url: c[1], status: 404, code: 'not_found' });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('when a viewer tries to change anything, then 403 forbidden everywhere and nothing changes; reading works', async () => {
    const token = await as('viewer');
    for (const c of calls.read.slice(0, 1)) expect((await call(token, c)).status).toBe(200);
    const before = await snapshot();
    for (const c of [...calls.lineActions, ...calls.otherLineActions, ...calls.accountActions]) {
      expect(await call(token, c)).toEqual({ method: c[0], url: c[1], status: 403, code: 'forbidden' });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('when a line manager acts on another line or on the account, then 403; on their own line the actions go through', async () => {
    const token = await as('line_manager');
    const before = await snapshot();
    for (const c of calls.otherLineActions) expect(await call(token, c)).toEqual({ method: c[0], url: c[1], status: 403, code: 'forbidden' });
    for (const c of calls.accountActions.slice(0, 3)) expect((await call(token, c)).status).toBe(403);
    expect(await snapshot()).toEqual(before);
    expect((await call(token, calls.lineActions[1])).status).toBe(200); // schedule a tariff change on the managed line
    expect((await call(token, calls.lineActions[3])).status).toBe(204); // turn an option on
  });

  it('when an account manager acts on any line and the contract, then it goes through, but access itself stays the owner’s', async () => {
    const token = await as('account_manager');
    expect((await call(token, calls.otherLineActions[2])).status).toBe(204); // block the other line
    expect((await call(token, calls.accountActions[5])).status).toBe(204); // suspend the contract
    expect((await call(token, calls.accountActions[0])).status).toBe(403); // grants are the owner's
  });
});
