import { createTestContext, type TestContext } from '../support';
import { DEMO_BONUS, TILL_SIMULATOR } from '../../src/modules/bonus';
import { seedDemo } from '../../src/seed/demo';

const rub = (roubles: number) => ({ amount: Math.round(roubles * 100), currency: 'RUB' });

describe('the till simulator (staff, dev)', () => {
  let t: TestContext;
  let operator: string;
  beforeAll(async () => {
    t = await createTestContext();
    const op = await t.createCustomer({ role: 'operator', password: 'operator-pass-1' });
    operator = (await t.signIn(op.phone, 'operator-pass-1')).accessToken;
  });
  afterAll(() => t.close());

  it('when an operator picks a card, asks the quote and pays with points, then it goes the tills’ way (same rules, a receipt under the simulator’s key) and is audited', async () => {
    const m = await t.createBonusMember({ points: 200, customer: { surname: 'Кассова', name: 'Вера' } });
    const found = await t.http.get(`/api/v1/bonus/till/cards?q=${m.phone}`).set(t.bearer(operator)).expect(200);
    expect(found.body.items).toEqual([{ number: m.cardNumber, kind: 'plastic', holder: 'Кассова Вера', balance: 200 }]);
    const byDigits = await t.http.get(`/api/v1/bonus/till/cards?q=${m.cardNumber.slice(-6)}`).set(t.bearer(operator)).expect(200);
    expect(byDigits.body.items.map((c: { number: string }) => c.number)).toContain(m.cardNumber);

    const items = [{ name: 'АИ-95', category: 'fuel', amount: rub(1500) }, { name: 'Сигареты', category: 'tobacco', amount: rub(250) }];
    const quote = await t.http.post('/api/v1/bonus/till/quote').set(t.bearer(operator)).send({ cardNumber: m.cardNumber, station: 'Симулятор', items }).expect(200);
    expect(quote.body).toMatchObject({ balance: 200, maxSpend: 200, accrualPreview: 15 });
    // Tobacco is refused here exactly as at a till.
    const tobacco = await t.http.post('/api/v1/bonus/till/purchases').set(t.bearer(operator)).send({ receiptId: 'SIM-1', cardNumber: m.cardNumber, station: 'Симулятор', occurredAt: t.clock.now().toISOString(), items: [items[1]], spendPoints: 1 }).expect(409);
    expect(tobacco.body.code).toBe('bonus_spend_above_eligible');

    const body = { receiptId: 'SIM-2', cardNumber: m.cardNumber, station: 'Симулятор', occurredAt: t.clock.now().toISOString(), items, spendPoints: 200 };
    const paid = await t.http.post('/api/v1/bonus/till/purchases').set(t.bearer(operator)).send(body).expect(200);
    expect(paid.body).toMatchObject({ pointsSpent: 200, pointsAccrued: 13, toPay: rub(1550), balance: 13 });
    expect((await t.http.post('/api/v1/bonus/till/purchases').set(t.bearer(operator)).send(body).expect(200)).body).toEqual(paid.body);
    expect(await t.query('SELECT api_key_id, receipt_id FROM bonus_purchases WHERE customer_id = $1', [m.id])).toEqual([{ api_key_id: TILL_SIMULATOR.apiKeyId, receipt_id: 'SIM-2' }]);
    expect(await t.query(`SELECT details->>'receiptId' AS receipt FROM audit_log WHERE action = 'bonus_till_purchase'`)).toEqual([{ receipt: 'SIM-2' }]);

    const refund = await t.http.post('/api/v1/bonus/till/purchases/SIM-2/refund').set(t.bearer(operator)).expect(200);
    expect(refund.body).toMatchObject({ status: 'refunded', balance: 200, refund: { pointsReturned: 200, pointsReversed: 13 } });
    expect(await t.query(`SELECT 1 FROM audit_log WHERE action = 'bonus_till_refund'`)).toHaveLength(1);
    // A real till's key does not see the simulator's receipts.
    const till = await t.createTill();
    await t.http.get('/api/v1/integrations/bonus/purchases/SIM-2').set('Authorization', `Bearer ${till.key}`).expect(404);
  });

  it('when a subscriber calls the simulator, then 403; with the simulator switched off it is not there at all', async () => {
    const m = await t.createBonusMember({ customer: { password: 'member-pass-1' } });
    const { accessToken } = await t.signIn(m.phone, 'member-pass-1');
    await t.http.get('/api/v1/bonus/till/cards').set(t.bearer(accessToken)).expect(403);
    await t.http.post('/api/v1/bonus/till/purchases').set(t.bearer(accessToken)).send({}).expect(403);
    const off = await createTestContext({ env: { BONUS_TILL_SIMULATOR: '0' } });
    try {
      const res = await off.http.post('/api/v1/bonus/till/purchases').send({}).expect(404);
      expect(res.body.detail).toMatch(/^No route/);
    } finally {
      await off.close();
    }
  });
});

describe('demo data of the bonus program', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('when the demo is seeded (twice), then Ivan has his card, points and some about to expire, the batch has free cards, and nothing is doubled', async () => {
    await seedDemo(t.ds, t.services, t.clock);
    await seedDemo(t.ds, t.services, t.clock);
    const ivan = await t.signIn('+79210000001', 'demo12345');
    const summary = await t.http.get('/api/v1/bonus').set(t.bearer(ivan.accessToken)).expect(200);
    // 120 + 64 + 85 − 50 + 230 over the year, then two receipts of the last days: 2540 ₽ of fuel (+25) and 640 ₽ of coffee and goods (+6).
    expect(summary.body).toMatchObject({ member: true, balance: 480, cards: [{ number: DEMO_BONUS.ivanCard, kind: 'plastic', status: 'active' }] });
    expect(summary.body.expiringSoon[0]).toMatchObject({ points: 70 }); // the 120 of a year ago, less the 50 spent
    const [{ n }] = await t.query<{ n: number }>(`SELECT count(*)::int AS n FROM bonus_cards WHERE status = 'issued' AND number = ANY($1::text[])`, [DEMO_BONUS.freeCards]);
    expect(n).toBe(DEMO_BONUS.freeCards.length);
    expect(await t.query(`SELECT count(*)::int AS n FROM bonus_purchases`)).toEqual([{ n: 2 }]);
    const anna = await t.signIn('+79210000002', 'demo12345');
    expect((await t.http.get('/api/v1/bonus').set(t.bearer(anna.accessToken)).expect(200)).body).toMatchObject({ balance: 40, cards: [{ kind: 'virtual' }] });
    const [{ s, b }] = await t.query<{ s: string; b: string }>('SELECT (SELECT sum(remaining) FROM bonus_lots) AS s, (SELECT sum(balance) FROM bonus_members) AS b');
    expect(s).toBe(b);
  });
});
