import { createTestContext, type TestContext } from '../support';

describe('POST /accounts/:id/close', () => {
  let t: TestContext;

  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('when the balance is negative, then closing is refused with what to pay; after paying the debt, it closes and history stays readable', async () => {
    const c = await t.createCustomer();
    const { accountId, lineIds } = await t.openMobileAccount(c.id, { creditLimit: 50_000 });
    await t.ds.transaction((em) => t.services.ledger.post(em, { accountId, amount: -12_345n, kind: 'usage', ref: 'test-debt' }));
    const s = await t.signIn(c.phone, c.password);
    const as = t.bearer(s.accessToken);

    const preview = await t.http.get(`/api/v1/accounts/${accountId}/closure`).set(as).expect(200);
    expect(preview.body).toEqual({ allowed: false, blockers: [{ code: 'negative_balance', detail: expect.stringContaining('123,45'), amount: { amount: 12345, currency: 'RUB' } }] });
    const refused = await t.http.post(`/api/v1/accounts/${accountId}/close`).set(as).expect(409);
    expect(refused.body.code).toBe('account_closure_refused');
    expect(refused.body.blockers.map((b: { code: string }) => b.code)).toEqual(['negative_balance']);
    expect(await t.query('SELECT status, closed_at FROM accounts WHERE id = $1', [accountId])).toEqual([{ status: 'active', closed_at: null }]);

    await t.ds.transaction((em) => t.services.ledger.post(em, { accountId, amount: 12_345n, kind: 'payment', ref: 'test-pay-debt' }));
    expect((await t.http.get(`/api/v1/accounts/${accountId}/closure`).set(as).expect(200)).body).toEqual({ allowed: true, blockers: [] });
    const closed = await t.http.post(`/api/v1/accounts/${accountId}/close`).set(as).expect(200);
    expect(closed.body.status).toBe('closed');
    expect(await t.query('SELECT status, block_reason FROM mobile_lines WHERE id = $1', [lineIds[0]])).toEqual([{ status: 'blocked', block_reason: 'closed' }]);
    expect(await t.query(`SELECT details FROM audit_log WHERE action = 'account_closed' AND customer_id = $1`, [c.id])).toHaveLength(1);

    // Still there, history readable; nothing can be done on it.
    expect((await t.http.get(`/api/v1/accounts/${accountId}`).set(as).expect(200)).body.status).toBe('closed');
    const history = await t.http.get(`/api/v1/accounts/${accountId}/transactions`).set(as).expect(200);
    expect(history.body.items.length).toBe(2);
    expect((await t.http.post(`/api/v1/accounts/${accountId}/close`).set(as).expect(409)).body.code).toBe('account_not_active');
    const pay = await t.http.post('/api/v1/payments').set(as).set('Idempotency-Key', 'k1').send({ accountId, amount: { amount: 10000, currency: 'RUB' }, method: 'bank_card' }).expect(409);
    expect(pay.body.code).toBe('account_not_active');
  });

  it('when a promised payment is open and an order in progress, then both are listed; a plain account closes', async () => {
    const c = await t.createCustomer();
    const { accountId } = await t.openMobileAccount(c.id, { balance: 100_000 });
    const s = await t.signIn(c.phone, c.password);
    const as = t.bearer(s.accessToken);
    await t.http.post(`/api/v1/accounts/${accountId}/promised-payment`).set(as).send({ amount: { amount: 20_000, currency: 'RUB' } }).expect(201);
    const tariffId = (await t.query<{ id: string }>(`SELECT id FROM tariffs WHERE code = 'megafon-vse'`))[0].id;
    const order = await t.http.post('/api/v1/orders/sim').set(as).send({ accountId, tariffId, delivery: 'pickup' }).expect(201);

    const refused = await t.http.post(`/api/v1/accounts/${accountId}/close`).set(as).expect(409);
    expect(refused.body.blockers.map((b: { code: string }) => b.code)).toEqual(['promised_payment_open', 'order_open']);
    expect(refused.body.blockers[1].detail).toContain(order.body.number);
    expect(refused.body.blockers[0].amount).toEqual({ amount: 20_000, currency: 'RUB' });

    const other = await t.createCustomer();
    const { accountId: plain } = await t.openMobileAccount(other.id);
    const os = await t.signIn(other.phone, other.password);
    await t.http.post(`/api/v1/accounts/${plain}/close`).set(t.bearer(os.accessToken)).expect(200);
  });

  it('when someone other than the owner asks, then 404 for a stranger and 403 for a grantee; an internet contract is suspended on closing', async () => {
    const owner = await t.createCustomer();
    const { accountId, contractId } = await t.openInternetAccount(owner.id, { balance: 10_000 });
    const viewer = await t.createCustomer();
    const stranger = await t.createCustomer();
    const os = await t.signIn(owner.phone, owner.password);
    await t.http.post(`/api/v1/accounts/${accountId}/grants`).set(t.bearer(os.accessToken)).send({ phone: viewer.phone, level: 'viewer' }).expect(201);
    const vs = await t.signIn(viewer.phone, viewer.password);
    const ss = await t.signIn(stranger.phone, stranger.password);
    await t.http.post(`/api/v1/accounts/${accountId}/close`).set(t.bearer(ss.accessToken)).expect(404);
    await t.http.post(`/api/v1/accounts/${accountId}/close`).set(t.bearer(vs.accessToken)).expect(403);
    await t.http.post(`/api/v1/accounts/${accountId}/close`).set(t.bearer(os.accessToken)).expect(200);
    expect(await t.query('SELECT status, suspend_reason FROM internet_contracts WHERE id = $1', [contractId])).toEqual([{ status: 'suspended', suspend_reason: 'closed' }]);
  });
});
