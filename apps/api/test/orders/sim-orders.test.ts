import { createTestContext, type TestContext } from '../support';

describe('POST /orders/sim — a SIM card for another device', () => {
  let t: TestContext;
  let tariffId: string;

  beforeAll(async () => {
    t = await createTestContext();
    tariffId = (await t.query<{ id: string }>(`SELECT id FROM tariffs WHERE code = 'tele2-black'`))[0].id;
  });
  afterAll(() => t.close());

  it('when ordered with courier delivery and processed, then a new line with a free number and the SIM card is on the account', async () => {
    const c = await t.createCustomer();
    const { accountId } = await t.openMobileAccount(c.id, { lines: [{ tariffCode: 'megafon-vse' }] });
    const s = await t.signIn(c.phone, c.password);
    const free = await t.stockNumber({ operator: 'tele2', category: 'regular' });

    expect((await t.http.post('/api/v1/orders/sim').set(t.bearer(s.accessToken)).send({ accountId, tariffId, delivery: 'courier' }).expect(400)).body.errors[0].field).toBe('address');
    const placed = await t.http
      .post('/api/v1/orders/sim')
      .set(t.bearer(s.accessToken))
      .set('Idempotency-Key', 'sim-1')
      .send({ accountId, tariffId, delivery: 'courier', address: 'Санкт-Петербург, Невский пр., д. 1, кв. 1', comment: 'Для планшета' })
      .expect(201);
    expect(placed.body).toMatchObject({ kind: 'sim', status: 'new', price: { amount: 0 }, tariff: { id: tariffId }, delivery: 'courier' });
    // A retry with the same key is the same order.
    const replay = await t.http.post('/api/v1/orders/sim').set(t.bearer(s.accessToken)).set('Idempotency-Key', 'sim-1').send({ accountId, tariffId, delivery: 'courier', address: 'Санкт-Петербург, Невский пр., д. 1, кв. 1', comment: 'Для планшета' }).expect(201);
    expect(replay.body.id).toBe(placed.body.id);
    expect(await t.query('SELECT count(*)::int AS n FROM orders WHERE customer_id = $1', [c.id])).toEqual([{ n: 1 }]);

    const operator = await t.createStaff('operator');
    t.clock.advanceMinutes(1);
    await t.http.post(`/api/v1/backoffice/orders/${placed.body.id}/status`).set(t.bearer(operator.accessToken)).send({ status: 'in_progress' }).expect(200);
    expect((await t.lastMessage(c.phone))!.body).toBe(`Заказ ${placed.body.number} в работе.`);
    expect((await t.http.post(`/api/v1/orders/${placed.body.id}/cancel`).set(t.bearer(s.accessToken)).expect(409)).body.code).toBe('invalid_status_transition');
    t.clock.advanceMinutes(1);
    const done = await t.http.post(`/api/v1/backoffice/orders/${placed.body.id}/process`).set(t.bearer(operator.accessToken)).send({ iccid: '89701992500000133330' }).expect(200);
    expect(done.body.status).toBe('done');
    expect(await t.query('SELECT account_id, msisdn, iccid, operator FROM mobile_lines WHERE id = $1', [done.body.resultLineId])).toEqual([
      { account_id: accountId, msisdn: free.msisdn, iccid: '89701992500000133330', operator: 'tele2' },
    ]);
    expect((await t.lastMessage(c.phone))!.body).toContain('SIM-карта с номером');
    const mine = await t.http.get(`/api/v1/orders/${placed.body.id}`).set(t.bearer(s.accessToken)).expect(200);
    expect(mine.body.history.map((h: { status: string }) => h.status)).toEqual(['new', 'in_progress', 'done']);
  });

  it('when no free number of the operator is left, then processing answers 409 no_free_numbers and the order stays open', async () => {
    const c = await t.createCustomer();
    const { accountId } = await t.openMobileAccount(c.id);
    const s = await t.signIn(c.phone, c.password);
    const beeline = (await t.query<{ id: string }>(`SELECT id FROM tariffs WHERE code = 'beeline-up'`))[0].id;
    const placed = await t.http.post('/api/v1/orders/sim').set(t.bearer(s.accessToken)).send({ accountId, tariffId: beeline, delivery: 'pickup' }).expect(201);
    const operator = await t.createStaff('operator');
    const res = await t.http.post(`/api/v1/backoffice/orders/${placed.body.id}/process`).set(t.bearer(operator.accessToken)).send({ iccid: '89701992500000144440' }).expect(409);
    expect(res.body.code).toBe('no_free_numbers');
    expect(await t.query('SELECT status FROM orders WHERE id = $1', [placed.body.id])).toEqual([{ status: 'new' }]);
  });

  it('when a grantee or a viewer orders on someone else’s account, then refused; an internet account takes no SIM', async () => {
    const owner = await t.createCustomer();
    const { accountId } = await t.openMobileAccount(owner.id);
    const manager = await t.createCustomer();
    const os = await t.signIn(owner.phone, owner.password);
    await t.http.post(`/api/v1/accounts/${accountId}/grants`).set(t.bearer(os.accessToken)).send({ phone: manager.phone, level: 'account_manager' }).expect(201);
    const ms = await t.signIn(manager.phone, manager.password);
    expect((await t.http.post('/api/v1/orders/sim').set(t.bearer(ms.accessToken)).send({ accountId, tariffId, delivery: 'pickup' }).expect(403)).body.code).toBe('forbidden');
    const { accountId: home } = await t.openInternetAccount(owner.id);
    expect((await t.http.post('/api/v1/orders/sim').set(t.bearer(os.accessToken)).send({ accountId: home, tariffId, delivery: 'pickup' }).expect(400)).body.errors[0].field).toBe('accountId');
    expect(await t.query('SELECT 1 FROM orders WHERE account_id = ANY($1::uuid[])', [[accountId, home]])).toHaveLength(0);
  });
});
