import { randomUUID } from 'node:crypto';
import { createTestContext, type TestContext } from '../support';

const rub = (roubles: number) => ({ amount: Math.round(roubles * 100), currency: 'RUB' });
const DAY = 24 * 3600_000;

describe('spending points at the till, refunds', () => {
  let t: TestContext;
  let till: { key: string };
  const auth = () => ({ Authorization: `Bearer ${till.key}` });
  const purchase = (body: object) => t.http.post('/api/v1/integrations/bonus/purchases').set(auth()).send(body);
  const quote = (body: object) => t.http.post('/api/v1/integrations/bonus/quote').set(auth()).send(body);
  const receipt = (cardNumber: string, items: object[], over: object = {}) => ({
    receiptId: `R-${randomUUID()}`,
    cardNumber,
    station: 'АЗС №3',
    occurredAt: t.clock.now().toISOString(),
    items,
    ...over,
  });
  const lots = (customerId: string) =>
    t.query<{ id: string; points: string; remaining: string; expires_at: Date; source: string }>(
      'SELECT id, points, remaining, expires_at, source FROM bonus_lots WHERE customer_id = $1 ORDER BY id',
      [customerId],
    );
  const balanceOf = async (customerId: string) => Number((await t.query<{ balance: string }>('SELECT balance FROM bonus_members WHERE customer_id = $1', [customerId]))[0].balance);

  beforeAll(async () => {
    t = await createTestContext();
    till = await t.createTill();
  });
  afterAll(() => t.close());

  it('when the receipt holds only tobacco, then the quote allows 0 and a spend is refused with allowedPoints 0', async () => {
    const m = await t.createBonusMember({ points: 500 });
    const items = [{ name: 'Сигареты', category: 'tobacco', amount: rub(250) }];
    const q = await quote({ cardNumber: m.cardNumber, station: 'АЗС №3', items }).expect(200);
    expect(q.body).toMatchObject({ balance: 500, maxSpend: 0, spendableAmount: rub(0), accrualPreview: 0 });
    const res = await purchase(receipt(m.cardNumber, items, { spendPoints: 10 })).expect(409);
    expect(res.body).toMatchObject({ code: 'bonus_spend_above_eligible', allowedPoints: 0 });
    expect(await balanceOf(m.id)).toBe(500);
    expect(await t.query('SELECT 1 FROM bonus_purchases WHERE customer_id = $1', [m.id])).toHaveLength(0);
  });

  it('when more points are asked than the eligible part of the receipt, then 409 with what is allowed; the allowed amount then goes through', async () => {
    const m = await t.createBonusMember({ points: 1000 });
    const items = [
      { name: 'Сигареты', category: 'tobacco', amount: rub(300) },
      { name: 'Омывайка', category: 'goods', amount: rub(350.9) },
    ];
    const q = await quote({ cardNumber: m.cardNumber, station: 'АЗС №3', items }).expect(200);
    expect(q.body).toMatchObject({ maxSpend: 350, spendableAmount: rub(350.9) });
    const refused = await purchase(receipt(m.cardNumber, items, { spendPoints: 351 })).expect(409);
    expect(refused.body).toMatchObject({ code: 'bonus_spend_above_eligible', allowedPoints: 350 });

    const ok = await purchase(receipt(m.cardNumber, items, { spendPoints: 350 })).expect(200);
    // 350 ₽ off the eligible line; the 0,90 ₽ left of it earns 0 points, tobacco earns none.
    expect(ok.body).toMatchObject({ pointsSpent: 350, pointsAccrued: 0, discount: rub(350), toPay: rub(300.9), balance: 650 });
    expect(await balanceOf(m.id)).toBe(650);
  });

  it('when more points are asked than the balance, then 409 bonus_insufficient_points with the balance allowed', async () => {
    const m = await t.createBonusMember({ points: 40 });
    const res = await purchase(receipt(m.cardNumber, [{ name: 'АИ-95', category: 'fuel', amount: rub(2000) }], { spendPoints: 41 })).expect(409);
    expect(res.body).toMatchObject({ code: 'bonus_insufficient_points', allowedPoints: 40 });
    expect(await balanceOf(m.id)).toBe(40);
  });

  it('when points pay for part of a receipt, then the oldest lots go first and the money part earns points', async () => {
    const m = await t.createBonusMember();
    // Three lots earned a month apart (via purchases), so they expire in that order.
    const earned: number[] = [];
    for (const [months, amount] of [[3, 10_000], [2, 5_000], [1, 8_000]] as const) {
      const at = new Date(t.clock.now().getTime() - months * 30 * DAY);
      t.clock.set(new Date(at.getTime() + 60_000));
      earned.push((await purchase(receipt(m.cardNumber, [{ name: 'АИ-95', category: 'fuel', amount: rub(amount) }], { occurredAt: at.toISOString() })).expect(200)).body.pointsAccrued);
      t.clock.set('2026-11-22T09:00:00Z');
    }
    expect(earned).toEqual([100, 50, 80]);
    const res = await purchase(receipt(m.cardNumber, [{ name: 'АИ-95', category: 'fuel', amount: rub(2000) }], { spendPoints: 120 })).expect(200);
    // 2000 − 120 = 1880 ₽ paid in money → 18 points.
    expect(res.body).toMatchObject({ pointsSpent: 120, pointsAccrued: 18, toPay: rub(1880), balance: 230 - 120 + 18 });
    expect((await lots(m.id)).map((l) => [l.points, l.remaining])).toEqual([
      ['100', '0'],
      ['50', '30'],
      ['80', '80'],
      ['18', '18'],
    ]);
  });

  it('when a receipt paid partly with points is refunded, then its accrual is taken back and the paid points return as lots with their original expiry', async () => {
    const m = await t.createBonusMember();
    const older = new Date(t.clock.now().getTime() - 20 * DAY);
    await purchase(receipt(m.cardNumber, [{ name: 'АИ-95', category: 'fuel', amount: rub(6000) }], { occurredAt: older.toISOString() })).expect(200); // 60
    await purchase(receipt(m.cardNumber, [{ name: 'АИ-95', category: 'fuel', amount: rub(4000) }])).expect(200); // 40
    const before = await lots(m.id);
    const body = receipt(m.cardNumber, [{ name: 'Кофе', category: 'cafe', amount: rub(300) }, { name: 'АИ-95', category: 'fuel', amount: rub(1000) }], { spendPoints: 80 });
    const paid = await purchase(body).expect(200);
    expect(paid.body).toMatchObject({ pointsSpent: 80, pointsAccrued: 12, balance: 100 - 80 + 12 });

    const refund = await t.http.post(`/api/v1/integrations/bonus/purchases/${body.receiptId}/refund`).set(auth()).expect(200);
    expect(refund.body).toMatchObject({ status: 'refunded', balance: 100, refund: { pointsReversed: 12, pointsReturned: 80, pointsUnrecovered: 0 } });
    // The 80 came from two lots (60 of the older, 20 of the newer): they come back with those lots' expiry.
    const returned = (await lots(m.id)).filter((l) => l.source === 'return');
    expect(returned.map((l) => [l.points, l.expires_at.toISOString()]).sort()).toEqual(
      [
        ['60', before[0].expires_at.toISOString()],
        ['20', before[1].expires_at.toISOString()],
      ].sort(),
    );
    expect(await t.query(`SELECT kind, points FROM bonus_operations WHERE purchase_id IS NOT NULL AND customer_id = $1 ORDER BY created_at, kind`, [m.id])).toEqual(
      expect.arrayContaining([
        { kind: 'return', points: '80' },
        { kind: 'reversal', points: '-12' },
      ]),
    );
    // A second refund changes nothing and answers the first.
    const again = await t.http.post(`/api/v1/integrations/bonus/purchases/${body.receiptId}/refund`).set(auth()).expect(200);
    expect(again.body).toEqual(refund.body);
    expect(await balanceOf(m.id)).toBe(100);
    const [{ sum }] = await t.query<{ sum: string }>('SELECT sum(remaining) AS sum FROM bonus_lots WHERE customer_id = $1', [m.id]);
    expect(Number(sum)).toBe(100);
  });

  it('when a refunded receipt’s accrual was spent meanwhile, then what the balance cannot cover is written off and the balance stays at zero', async () => {
    const m = await t.createBonusMember();
    const body = receipt(m.cardNumber, [{ name: 'АИ-95', category: 'fuel', amount: rub(5000) }]);
    await purchase(body).expect(200); // +50
    await purchase(receipt(m.cardNumber, [{ name: 'Мойка', category: 'car_wash', amount: rub(45) }], { spendPoints: 45 })).expect(200); // −45
    const res = await t.http.post(`/api/v1/integrations/bonus/purchases/${body.receiptId}/refund`).set(auth()).expect(200);
    expect(res.body).toMatchObject({ balance: 0, refund: { pointsReversed: 5, pointsReturned: 0, pointsUnrecovered: 45 } });
    expect(await balanceOf(m.id)).toBe(0);
    await t.http.post('/api/v1/integrations/bonus/purchases/NO-SUCH-RECEIPT/refund').set(auth()).expect(404);
  });

  it('when a refund returns points whose original expiry has passed, then they expire at once', async () => {
    const m = await t.createBonusMember({ points: 30 }); // earned now: expires 2027-11-22 24:00 МСК
    const body = receipt(m.cardNumber, [{ name: 'АИ-95', category: 'fuel', amount: rub(1000) }], { spendPoints: 30 });
    await purchase(body).expect(200); // −30, +9 (970 ₽)
    t.clock.set('2027-12-01T09:00:00Z'); // past the 30 points' expiry; the 9 (earned today a year ago) too
    try {
      const res = await t.http.post(`/api/v1/integrations/bonus/purchases/${body.receiptId}/refund`).set(auth()).expect(200);
      expect(res.body).toMatchObject({ balance: 0, refund: { pointsReturned: 30, pointsReversed: 0, pointsUnrecovered: 9 } });
      expect(await t.query(`SELECT kind, points FROM bonus_operations WHERE customer_id = $1 ORDER BY created_at, id`, [m.id])).toEqual(
        expect.arrayContaining([{ kind: 'return', points: '30' }, { kind: 'expiry', points: '-9' }, { kind: 'expiry', points: '-30' }]),
      );
      expect(await balanceOf(m.id)).toBe(0);
    } finally {
      t.clock.set('2026-11-22T09:00:00Z');
    }
  });
});

describe('100 spends at once on one card', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('when 100 tills spend from one card at the same time, then it is never overdrawn and the sum of its lots equals the balance', async () => {
    const till = await t.createTill();
    const m = await t.createBonusMember();
    // 12 lots of 25 points over time: 300 points. Each spend asks 7: at most 42 can succeed.
    for (let i = 0; i < 12; i++) {
      await t.ds.transaction((em) => t.services.bonus.accrue(em, { customerId: m.id, points: 25, ref: `lot-${i}`, description: 'Начисление' }));
      t.clock.advanceMinutes(1);
    }
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        t.http
          .post('/api/v1/integrations/bonus/purchases')
          .set('Authorization', `Bearer ${till.key}`)
          .send({ receiptId: `PAR-${i}`, cardNumber: m.cardNumber, station: 'АЗС №1', occurredAt: t.clock.now().toISOString(), items: [{ name: 'Кофе', category: 'cafe', amount: rub(7) }], spendPoints: 7 }),
      ),
    );
    const ok = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status === 409);
    expect(ok.length + refused.length).toBe(100);
    expect(ok).toHaveLength(42);
    for (const r of refused) expect(r.body.code).toBe('bonus_insufficient_points');

    const [{ balance }] = await t.query<{ balance: string }>('SELECT balance FROM bonus_members WHERE customer_id = $1', [m.id]);
    const [{ sum, negative }] = await t.query<{ sum: string; negative: number }>(
      'SELECT sum(remaining) AS sum, count(*) FILTER (WHERE remaining < 0)::int AS negative FROM bonus_lots WHERE customer_id = $1',
      [m.id],
    );
    expect(Number(balance)).toBe(300 - 42 * 7);
    expect(sum).toBe(balance);
    expect(negative).toBe(0);
    const [{ spent, minAfter }] = await t.query<{ spent: string; minAfter: string }>(
      `SELECT -sum(points) AS spent, min(balance_after) AS "minAfter" FROM bonus_operations WHERE customer_id = $1 AND kind = 'spend'`,
      [m.id],
    );
    expect(Number(spent)).toBe(42 * 7);
    expect(Number(minAfter)).toBeGreaterThanOrEqual(0);
    // Each spend saw the one before it (no lost update): the balances after them are 293, 286, … 6.
    const spends = await t.query<{ balance_after: string }>(`SELECT balance_after FROM bonus_operations WHERE customer_id = $1 AND kind = 'spend' ORDER BY balance_after DESC`, [m.id]);
    expect(spends.map((o) => Number(o.balance_after))).toEqual(Array.from({ length: 42 }, (_, j) => 300 - 7 * (j + 1)));
  });
});
