import { createTestContext, type TestContext, type TestCustomer } from '../support';

/**
 * The dashboard and the account page read an account with its lines or contract in one query (JSON beside the
 * row); the back office's customer card builds the same views from separate reads. Whatever state the lines and
 * the contract are in, the three must show the customer the same thing.
 */
describe('account views: one query for the dashboard and the account page', () => {
  let t: TestContext;
  let owner: TestCustomer;
  let token: string;
  let mobile: { accountId: string; lineIds: string[] };
  let internet: { accountId: string; contractId: string };

  beforeAll(async () => {
    t = await createTestContext();
    t.clock.set('2026-11-22T09:00:00Z');
    owner = await t.createCustomer({ password: 'owner-pass-12' });
    token = (await t.signIn(owner.phone, 'owner-pass-12')).accessToken;
    const auth = t.bearer(token);
    const tariffs = Object.fromEntries(((await t.http.get('/api/v1/tariffs').expect(200)).body.items as { id: string; code: string }[]).map((x) => [x.code, x]));
    const options = Object.fromEntries(((await t.http.get('/api/v1/tariff-options').expect(200)).body.items as { id: string; code: string }[]).map((o) => [o.code, o]));

    mobile = await t.openMobileAccount(owner.id, { balance: 2000_00, lines: [{ tariffCode: 'megafon-vse' }, { tariffCode: 'megafon-vse' }, { tariffCode: 'tele2-black' }] });
    const line = (i: number) => `/api/v1/accounts/${mobile.accountId}/lines/${mobile.lineIds[i]}`;
    await t.http.post(`${line(0)}/options`).set(auth).send({ optionId: options['megafon-plus-10gb'].id }).expect(204);
    await t.http.post(`${line(0)}/tariff-change`).set(auth).send({ tariffId: tariffs['megafon-minimum'].id, when: 'next_period' }).expect(200);
    await t.http.post(`${line(1)}/block`).set(auth).expect(204);
    await t.query('UPDATE mobile_lines SET minutes_left = -5, mb_left = 17 WHERE id = $1', [mobile.lineIds[2]]);

    internet = await t.openInternetAccount(owner.id, { balance: 100_00 });
    for (const n of [1, 2]) await t.http.post(`/api/v1/accounts/${internet.accountId}/contract/devices`).set(auth).send({ mac: `aa:bb:cc:dd:ee:0${n}`, name: `Устройство ${n}` }).expect(201);
    await t.http.post(`/api/v1/accounts/${internet.accountId}/contract/suspend`).set(auth).expect(204);
    await t.openMobileAccount(owner.id, { balance: 0, lines: [] });
  });
  afterAll(() => t.close());

  it('the list, each account page and the back office card show every account alike, lines in their order', async () => {
    const list = await t.http.get('/api/v1/accounts').set(t.bearer(token)).expect(200);
    const items = list.body.items as { id: string; kind: string; lines: { id: string }[]; contract: unknown }[];
    expect(items).toHaveLength(3);
    for (const a of items) expect((await t.http.get(`/api/v1/accounts/${a.id}`).set(t.bearer(token)).expect(200)).body).toEqual(a);

    const staff = await t.createStaff('operator');
    const card = await t.http.get(`/api/v1/backoffice/customers/${owner.id}`).set(t.bearer(staff.accessToken)).expect(200);
    expect(card.body.accounts).toEqual(items);

    const m = items.find((a) => a.id === mobile.accountId)!;
    expect(m.lines.map((l) => l.id)).toEqual(mobile.lineIds);
    expect(m).toMatchObject({
      kind: 'mobile',
      contract: null,
      lines: [
        { status: 'active', options: [{ code: 'megafon-plus-10gb' }], scheduledChange: { status: 'scheduled', tariff: { name: expect.any(String) } } },
        { status: 'blocked', blockedAt: '2026-11-22T09:00:00.000Z', options: [], scheduledChange: null },
        { packages: { minutes: { left: 0 }, mb: { left: 17 } }, tariff: { code: 'tele2-black' } },
      ],
    });
    expect(items.find((a) => a.id === internet.accountId)).toMatchObject({
      kind: 'internet',
      lines: [],
      contract: { id: internet.contractId, status: 'suspended', suspendedAt: '2026-11-22T09:00:00.000Z', deviceCount: 2, trafficMb: 0, scheduledChange: null },
    });
    expect(items.filter((a) => a.kind === 'mobile' && !a.lines.length)).toHaveLength(1);
  });

  it('an account the caller cannot see answers 404 like one that does not exist', async () => {
    const stranger = await t.createCustomer({ password: 'stranger-pass-12' });
    const s = await t.signIn(stranger.phone, 'stranger-pass-12');
    expect((await t.http.get(`/api/v1/accounts/${mobile.accountId}`).set(t.bearer(s.accessToken)).expect(404)).body.code).toBe('not_found');
    expect((await t.http.get('/api/v1/accounts').set(t.bearer(s.accessToken)).expect(200)).body.items).toEqual([]);
  });
});
