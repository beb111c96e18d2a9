import { createTestContext, type TestContext } from '../support';

describe('POST /orders/number — a beautiful number at 50 % of the operator’s price', () => {
  let t: TestContext;
  let megafonVse: string;

  beforeAll(async () => {
    t = await createTestContext();
    megafonVse = (await t.query<{ id: string }>(`SELECT id FROM tariffs WHERE code = 'megafon-vse'`))[0].id;
  });
  afterAll(() => t.close());

  async function buyer(balance = 2_000_000) {
    const c = await t.createCustomer();
    const { accountId, lineIds } = await t.openMobileAccount(c.id, { balance, lines: [{ tariffCode: 'megafon-vse' }] });
    const s = await t.signIn(c.phone, c.password);
    return { ...c, accountId, lineId: lineIds[0], token: s.accessToken };
  }

  it('when two customers buy the same number at the same moment, then exactly one order exists and the other gets 409 number_unavailable', async () => {
    const gold = await t.stockNumber({ operator: 'megafon', category: 'gold' });
    const buyers = await Promise.all([buyer(), buyer(), buyer(), buyer()]);
    const results = await Promise.all(
      buyers.map((b) => t.http.post('/api/v1/orders/number').set(t.bearer(b.token)).send({ numberId: gold.id, accountId: b.accountId, lineId: b.lineId })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.code).toBe('number_unavailable');

    const orders = await t.query<{ customer_id: string; number: string }>('SELECT customer_id, number FROM orders WHERE number_id = $1', [gold.id]);
    expect(orders).toHaveLength(1);
    const winner = buyers.find((b) => b.id === orders[0].customer_id)!;
    expect(await t.query('SELECT status, held_by FROM phone_numbers WHERE id = $1', [gold.id])).toEqual([{ status: 'reserved', held_by: `order:${orders[0].number}` }]);
    // Only the winner paid: 50 % of MegaFon's gold price (30 000 ₽) is 15 000 ₽.
    const charged = await t.query<{ account_id: string; amount: string }>(`SELECT account_id, amount FROM ledger_entries WHERE kind = 'number_purchase'`);
    expect(charged).toEqual([{ account_id: winner.accountId, amount: '-1500000' }]);
    for (const b of buyers.filter((x) => x !== winner)) {
      expect(await t.query('SELECT balance FROM accounts WHERE id = $1', [b.accountId])).toEqual([{ balance: '2000000' }]);
    }
  });

  it('when the order is placed, then the price is charged, the order is tracked; canceling gives the number and the money back once', async () => {
    const b = await buyer();
    const silver = await t.stockNumber({ operator: 'megafon', category: 'silver' });
    const res = await t.http.post('/api/v1/orders/number').set(t.bearer(b.token)).send({ numberId: silver.id, accountId: b.accountId, lineId: b.lineId }).expect(201);
    expect(res.body).toMatchObject({ kind: 'number', status: 'new', price: { amount: 500000, currency: 'RUB' }, line: { id: b.lineId }, beautifulNumber: { id: silver.id, msisdn: silver.msisdn } });
    expect(await t.query('SELECT balance FROM accounts WHERE id = $1', [b.accountId])).toEqual([{ balance: String(2_000_000 - 500_000) }]);
    expect((await t.lastMessage(b.phone))!.body).toContain('списано 5');
    // The SMS went at once, with the request (the notification centre got its entry too), not with the next
    // run of the delivery job.
    expect(await t.query(`SELECT status FROM notification_outbox WHERE recipient = $1 AND channel = 'sms' ORDER BY created_at DESC LIMIT 1`, [b.phone])).toEqual([{ status: 'sent' }]);
    expect(await t.query(`SELECT count(*)::int AS n FROM customer_notifications WHERE customer_id = $1 AND event_type = 'order.status'`, [b.id])).toEqual([{ n: 1 }]);

    const mine = await t.http.get('/api/v1/orders').set(t.bearer(b.token)).expect(200);
    expect(mine.body.items.map((o: { id: string }) => o.id)).toEqual([res.body.id]);

    const other = await buyer();
    await t.http.get(`/api/v1/orders/${res.body.id}`).set(t.bearer(other.token)).expect(404);
    await t.http.post(`/api/v1/orders/${res.body.id}/cancel`).set(t.bearer(other.token)).expect(404);

    t.clock.advanceMinutes(1);
    const canceled = await t.http.post(`/api/v1/orders/${res.body.id}/cancel`).set(t.bearer(b.token)).expect(200);
    expect(canceled.body.status).toBe('canceled');
    expect(canceled.body.history.map((h: { status: string }) => h.status)).toEqual(['new', 'canceled']);
    expect(await t.query('SELECT balance FROM accounts WHERE id = $1', [b.accountId])).toEqual([{ balance: '2000000' }]);
    expect(await t.query('SELECT status FROM phone_numbers WHERE id = $1', [silver.id])).toEqual([{ status: 'available' }]);
    expect((await t.http.post(`/api/v1/orders/${res.body.id}/cancel`).set(t.bearer(b.token)).expect(409)).body.code).toBe('invalid_status_transition');
    expect(await t.query(`SELECT count(*)::int AS n FROM ledger_entries WHERE account_id = $1 AND kind = 'refund'`, [b.accountId])).toEqual([{ n: 1 }]);
  });

  it('when the balance cannot pay, then 409 insufficient_funds and the number stays available', async () => {
    const poor = await buyer(100_00);
    const platinum = await t.stockNumber({ operator: 'megafon', category: 'platinum' });
    const res = await t.http.post('/api/v1/orders/number').set(t.bearer(poor.token)).send({ numberId: platinum.id, accountId: poor.accountId, lineId: poor.lineId }).expect(409);
    expect(res.body.code).toBe('insufficient_funds');
    expect(await t.query('SELECT status FROM phone_numbers WHERE id = $1', [platinum.id])).toEqual([{ status: 'available' }]);
    expect(await t.query('SELECT 1 FROM orders WHERE number_id = $1', [platinum.id])).toHaveLength(0);
  });

  it('when the number is another operator’s, the line is not on the account, or the account is not theirs, then refused without a charge', async () => {
    const b = await buyer();
    const stranger = await buyer();
    const beeline = await t.stockNumber({ operator: 'beeline', category: 'bronze' });
    const megafon = await t.stockNumber({ operator: 'megafon', category: 'bronze' });
    const as = t.bearer(b.token);
    expect((await t.http.post('/api/v1/orders/number').set(as).send({ numberId: beeline.id, accountId: b.accountId, lineId: b.lineId }).expect(409)).body.code).toBe('number_operator_mismatch');
    expect((await t.http.post('/api/v1/orders/number').set(as).send({ numberId: megafon.id, accountId: b.accountId, lineId: stranger.lineId }).expect(400)).body.errors[0].field).toBe('lineId');
    await t.http.post('/api/v1/orders/number').set(as).send({ numberId: megafon.id, accountId: stranger.accountId, lineId: stranger.lineId }).expect(404);
    expect((await t.http.post('/api/v1/orders/number').set(as).send({ numberId: megafon.id, accountId: b.accountId }).expect(400)).body.errors[0].field).toBe('tariffId');
    expect((await t.http.post('/api/v1/orders/number').set(as).send({ numberId: megafon.id, accountId: b.accountId, tariffId: megafonVse }).expect(400)).body.errors[0].field).toBe('delivery');
    expect(await t.query(`SELECT 1 FROM ledger_entries WHERE kind = 'number_purchase' AND account_id = $1`, [b.accountId])).toHaveLength(0);
  });

  it('when staff process an order to an existing line, then the line has the new number and the number is sold; rejecting another refunds it', async () => {
    const operator = await t.createStaff('operator');
    const b = await buyer();
    const gold = await t.stockNumber({ operator: 'megafon', category: 'gold' });
    const placed = await t.http.post('/api/v1/orders/number').set(t.bearer(b.token)).send({ numberId: gold.id, accountId: b.accountId, lineId: b.lineId }).expect(201);
    const before = (await t.query<{ msisdn: string }>('SELECT msisdn FROM mobile_lines WHERE id = $1', [b.lineId]))[0].msisdn;

    const queue = await t.http.get('/api/v1/backoffice/orders').query({ kind: 'number', status: 'open', q: placed.body.number }).set(t.bearer(operator.accessToken)).expect(200);
    expect(queue.body.items).toHaveLength(1);
    expect(queue.body.items[0].customer).toEqual({ id: b.id, name: 'Тест Тестов', phone: b.phone });
    expect((await t.http.post(`/api/v1/backoffice/orders/${placed.body.id}/process`).set(t.bearer(operator.accessToken)).send({ iccid: '8970199250000011111' }).expect(400)).body.errors[0].field).toBe('iccid');
    t.clock.advanceMinutes(1);
    const done = await t.http.post(`/api/v1/backoffice/orders/${placed.body.id}/process`).set(t.bearer(operator.accessToken)).send({}).expect(200);
    expect(done.body).toMatchObject({ status: 'done', resultLineId: b.lineId });
    expect(await t.query('SELECT msisdn FROM mobile_lines WHERE id = $1', [b.lineId])).toEqual([{ msisdn: gold.msisdn }]);
    expect(await t.query('SELECT status, held_by FROM phone_numbers WHERE id = $1', [gold.id])).toEqual([{ status: 'sold', held_by: `line:${b.lineId}` }]);
    expect((await t.lastMessage(b.phone))!.body).toContain('ваш номер теперь');
    const [audit] = await t.query<{ actor_id: string; details: { before: { msisdn: string } } }>(`SELECT actor_id, details FROM audit_log WHERE action = 'order_processed'`);
    expect(audit.actor_id).toBe(operator.id);
    expect(audit.details.before.msisdn).toBe(before);
    // Sold: never in the catalog again, never orderable again.
    expect((await t.http.post('/api/v1/orders/number').set(t.bearer(b.token)).send({ numberId: gold.id, accountId: b.accountId, lineId: b.lineId }).expect(409)).body.code).toBe('number_unavailable');

    const bronze = await t.stockNumber({ operator: 'megafon', category: 'bronze' });
    const second = await t.http.post('/api/v1/orders/number').set(t.bearer(b.token)).send({ numberId: bronze.id, accountId: b.accountId, tariffId: megafonVse, delivery: 'pickup' }).expect(201);
    const rejected = await t.http.post(`/api/v1/backoffice/orders/${second.body.id}/status`).set(t.bearer(operator.accessToken)).send({ status: 'rejected', reason: 'Номер заблокирован оператором' }).expect(200);
    expect(rejected.body.status).toBe('rejected');
    expect(await t.query('SELECT status FROM phone_numbers WHERE id = $1', [bronze.id])).toEqual([{ status: 'available' }]);
    expect(await t.query(`SELECT amount FROM ledger_entries WHERE kind = 'refund' AND ref = $1`, [`order:${second.body.id}:refund`])).toEqual([{ amount: '150000' }]);
  });

  it('when a number is ordered as a new line, then processing needs the SIM card and opens the line with that number', async () => {
    const operator = await t.createStaff('operator');
    const b = await buyer();
    const silver = await t.stockNumber({ operator: 'megafon', category: 'silver' });
    const placed = await t.http.post('/api/v1/orders/number').set(t.bearer(b.token)).send({ numberId: silver.id, accountId: b.accountId, tariffId: megafonVse, delivery: 'courier', address: 'Невский пр., 1' }).expect(201);
    const url = `/api/v1/backoffice/orders/${placed.body.id}/process`;
    expect((await t.http.post(url).set(t.bearer(operator.accessToken)).send({}).expect(400)).body.errors[0].field).toBe('iccid');
    const done = await t.http.post(url).set(t.bearer(operator.accessToken)).send({ iccid: '8970199250000012222' }).expect(200);
    expect(await t.query('SELECT account_id, msisdn, iccid FROM mobile_lines WHERE id = $1', [done.body.resultLineId])).toEqual([
      { account_id: b.accountId, msisdn: silver.msisdn, iccid: '8970199250000012222' },
    ]);
  });
});
