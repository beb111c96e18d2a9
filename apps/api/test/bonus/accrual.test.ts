import { randomUUID } from 'node:crypto';
import { createTestContext, type TestContext } from '../support';

const rub = (roubles: number) => ({ amount: Math.round(roubles * 100), currency: 'RUB' });
const SUNDAY = '2026-11-22T08:00:00Z'; // TEST_START is Sunday 22 November 2026, 12:00 in Moscow
const SATURDAY_NIGHT = '2026-11-21T20:30:00Z'; // Saturday 23:30 in Moscow: still the weekend there

describe('POST /integrations/bonus/purchases — accrual', () => {
  let t: TestContext;
  let till: { key: string };
  const post = (body: object, key = till.key) => t.http.post('/api/v1/integrations/bonus/purchases').set('Authorization', `Bearer ${key}`).send(body);
  const receipt = (cardNumber: string, items: object[], over: object = {}) => ({ receiptId: `R-${randomUUID()}`, cardNumber, station: 'АЗС №17', occurredAt: SUNDAY, items, ...over });

  beforeAll(async () => {
    t = await createTestContext();
    till = await t.createTill();
  });
  afterAll(() => t.close());

  it('when a receipt is paid in money, then 1 % of the eligible lines is credited, rounded down to whole points, as a lot earned at the purchase that expires 12 months later', async () => {
    const m = await t.createBonusMember();
    const res = await post(
      receipt(m.cardNumber, [
        { name: 'АИ-95', category: 'fuel', quantity: 40.25, amount: rub(2_555.99) },
        { name: 'Хот-дог', category: 'cafe', amount: rub(189) },
        { name: 'Сигареты', category: 'tobacco', amount: rub(230) },
      ]),
    ).expect(200);
    // (2555.99 + 189) × 1 % = 27.4499 → 27; tobacco earns nothing.
    expect(res.body).toMatchObject({ status: 'completed', pointsAccrued: 27, pointsSpent: 0, balance: 27, total: rub(2_974.99), toPay: rub(2_974.99), discount: rub(0), campaigns: [] });

    const lots = await t.query<{ points: string; remaining: string; earned_at: Date; expires_at: Date; source: string }>(
      'SELECT points, remaining, earned_at, expires_at, source FROM bonus_lots WHERE customer_id = $1',
      [m.id],
    );
    expect(lots).toHaveLength(1);
    expect(lots[0]).toMatchObject({ points: '27', remaining: '27', source: 'accrual' });
    expect(lots[0].earned_at.toISOString()).toBe('2026-11-22T08:00:00.000Z');
    // Until the end of 22 November 2027 in Moscow.
    expect(lots[0].expires_at.toISOString()).toBe('2027-11-22T21:00:00.000Z');
    expect(await t.query('SELECT balance FROM bonus_members WHERE customer_id = $1', [m.id])).toEqual([{ balance: '27' }]);
    expect(await t.query(`SELECT kind, points, balance_after FROM bonus_operations WHERE customer_id = $1`, [m.id])).toEqual([{ kind: 'accrual', points: '27', balance_after: '27' }]);
  });

  it('when a campaign multiplies weekends and another the cafe, then each line earns by its best campaign (not both), over the Moscow weekday', async () => {
    const admin = await t.createCustomer({ role: 'admin', password: 'admin-pass-123' });
    const { accessToken } = await t.signIn(admin.phone, 'admin-pass-123');
    const period = { startsAt: '2026-11-01T00:00:00Z', endsAt: '2026-12-01T00:00:00Z' };
    await t.http.post('/api/v1/bonus/campaigns').set(t.bearer(accessToken)).send({ name: 'Выходные ×2', multiplier: 2, weekdays: [6, 7], ...period }).expect(201);
    const cafe = await t.http.post('/api/v1/bonus/campaigns').set(t.bearer(accessToken)).send({ name: 'Кофе ×3', multiplier: 3, categories: ['cafe'], ...period }).expect(201);
    expect(cafe.body).toMatchObject({ name: 'Кофе ×3', multiplier: 3, categories: ['cafe'], weekdays: null });
    expect(await t.query(`SELECT action FROM audit_log WHERE actor_id = $1 AND action = 'bonus_campaign_created'`, [admin.id])).toHaveLength(2);
    try {
      const m = await t.createBonusMember();
      const items = [
        { name: 'АИ-95', category: 'fuel', amount: rub(1000) },
        { name: 'Капучино', category: 'cafe', amount: rub(200) },
        { name: 'Сигареты', category: 'tobacco', amount: rub(300) },
      ];
      // Saturday night in Moscow (Saturday 20:30 UTC): fuel ×2 = 20, cafe ×3 (beats ×2) = 6, tobacco 0.
      const weekend = await post(receipt(m.cardNumber, items, { occurredAt: SATURDAY_NIGHT })).expect(200);
      expect(weekend.body).toMatchObject({ pointsAccrued: 26 });
      expect(weekend.body.campaigns.sort()).toEqual(['Выходные ×2', 'Кофе ×3']);
      // Monday in Moscow (Sunday 21:30 UTC is already Monday 00:30 there): fuel ×1 = 10, cafe ×3 = 6.
      t.clock.set('2026-11-22T21:40:00Z');
      const monday = await post(receipt(m.cardNumber, items, { occurredAt: '2026-11-22T21:30:00Z' })).expect(200);
      expect(monday.body).toMatchObject({ pointsAccrued: 16, campaigns: ['Кофе ×3'], balance: 42 });
      expect(await t.query(`SELECT description FROM bonus_operations WHERE customer_id = $1 ORDER BY created_at`, [m.id])).toEqual([
        { description: expect.stringContaining('Выходные ×2') },
        { description: 'Покупка: АЗС №17 (Кофе ×3)' },
      ]);
      // Public: the campaigns a member may plan for.
      const list = await t.http.get('/api/v1/bonus/campaigns').expect(200);
      expect(list.body.items.map((c: { name: string }) => c.name).sort()).toEqual(['Выходные ×2', 'Кофе ×3']);
    } finally {
      await t.query('DELETE FROM bonus_campaigns');
      t.clock.set('2026-11-22T09:00:00Z');
    }
  });

  it('when an operator (not an admin) tries to start a campaign, then 403; a subscriber 403 too', async () => {
    const op = await t.createCustomer({ role: 'operator', password: 'operator-pass-1' });
    const { accessToken } = await t.signIn(op.phone, 'operator-pass-1');
    const body = { name: 'x', multiplier: 2, startsAt: '2026-11-01T00:00:00Z', endsAt: '2026-12-01T00:00:00Z' };
    expect((await t.http.post('/api/v1/bonus/campaigns').set(t.bearer(accessToken)).send(body).expect(403)).body.code).toBe('forbidden');
    const m = await t.createBonusMember({ customer: { password: 'member-pass-1' } });
    const member = await t.signIn(m.phone, 'member-pass-1');
    await t.http.post('/api/v1/bonus/campaigns').set(t.bearer(member.accessToken)).send(body).expect(403);
    expect(await t.query('SELECT 1 FROM bonus_campaigns')).toHaveLength(0);
  });

  it('when the same receipt is posted again (a till retrying), then it counts once and the first answer comes back', async () => {
    const m = await t.createBonusMember();
    const body = receipt(m.cardNumber, [{ name: 'АИ-92', category: 'fuel', amount: rub(1500) }]);
    const first = await post(body).expect(200);
    const again = await post(body).expect(200);
    const parallel = await Promise.all([post(body), post(body), post(body)]);
    expect(again.body).toEqual(first.body);
    for (const r of parallel) expect([r.status, r.body.pointsAccrued, r.body.balance]).toEqual([200, 15, 15]);
    expect(await t.query('SELECT count(*)::int AS n FROM bonus_purchases WHERE receipt_id = $1', [body.receiptId])).toEqual([{ n: 1 }]);
    expect(await t.query('SELECT sum(remaining)::int AS s, count(*)::int AS n FROM bonus_lots WHERE customer_id = $1', [m.id])).toEqual([{ s: 15, n: 1 }]);
    expect(await t.query('SELECT balance FROM bonus_members WHERE customer_id = $1', [m.id])).toEqual([{ balance: '15' }]);

    // The same receipt id with other contents is a mistake of the till: refused, nothing changes.
    const conflict = await post({ ...body, items: [{ name: 'АИ-92', category: 'fuel', amount: rub(9000) }] }).expect(409);
    expect(conflict.body.code).toBe('bonus_receipt_conflict');
    // Another till's receipt with the same id is another receipt.
    const other = await t.createTill('Another chain');
    await post(body, other.key).expect(200);
    expect(await t.query('SELECT balance FROM bonus_members WHERE customer_id = $1', [m.id])).toEqual([{ balance: '30' }]);
    // The till reads it back.
    const read = await t.http.get(`/api/v1/integrations/bonus/purchases/${body.receiptId}`).set('Authorization', `Bearer ${till.key}`).expect(200);
    expect(read.body).toMatchObject({ receiptId: body.receiptId, pointsAccrued: 15 });
  });

  it('when the percentage is configured (1.5 %), then the accrual follows it', async () => {
    const t2 = await createTestContext({ env: { BONUS_ACCRUAL_PERCENT: '1.5', BONUS_ACCRUAL_EXCLUDED_CATEGORIES: 'tobacco,alcohol' } });
    try {
      const m = await t2.createBonusMember();
      const key = (await t2.createTill()).key;
      const res = await t2.http
        .post('/api/v1/integrations/bonus/purchases')
        .set('Authorization', `Bearer ${key}`)
        .send(receipt(m.cardNumber, [{ name: 'Дизель', category: 'fuel', amount: rub(999) }, { name: 'Пиво', category: 'alcohol', amount: rub(150) }]))
        .expect(200);
      expect(res.body.pointsAccrued).toBe(14); // 999 × 1.5 % = 14.985
    } finally {
      await t2.close();
    }
  });

  it('when the card is unknown, not activated or blocked, or the key lacks the scope, then the purchase is refused and nothing is stored', async () => {
    const [issued] = await t.issueBonusCards(1);
    const items = [{ name: 'АИ-95', category: 'fuel', amount: rub(100) }];
    expect((await post(receipt('2780199999993', items)).expect(404)).body.code).toBe('bonus_card_not_found');
    expect((await post(receipt(issued, items)).expect(409)).body.code).toBe('bonus_not_a_member');
    const m = await t.createBonusMember({ customer: { password: 'member-pass-1' } });
    const { accessToken } = await t.signIn(m.phone, 'member-pass-1');
    const [card] = (await t.http.get('/api/v1/bonus/cards').set(t.bearer(accessToken)).expect(200)).body.items;
    await t.http.post(`/api/v1/bonus/cards/${card.id}/block`).set(t.bearer(accessToken)).send({ reason: 'lost' }).expect(200);
    expect((await post(receipt(m.cardNumber, items)).expect(409)).body.code).toBe('bonus_card_blocked');

    const usage = await t.createApiKey(['usage:write']);
    expect((await post(receipt(m.cardNumber, items), usage.key).expect(403)).body.code).toBe('forbidden');
    await t.http.post('/api/v1/integrations/bonus/purchases').send(receipt(m.cardNumber, items)).expect(401);
    expect(await t.query('SELECT 1 FROM bonus_purchases WHERE customer_id = $1', [m.id])).toHaveLength(0);
  });

  it('when the receipt is malformed, from the future or over 30 days old, then 400 with the field', async () => {
    const m = await t.createBonusMember();
    const bad = await post(receipt(m.cardNumber, [{ name: '', category: 'caviar', amount: { amount: -5, currency: 'USD' } }])).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['items.0.amount.amount', 'items.0.amount.currency', 'items.0.category', 'items.0.name']);
    await post(receipt(m.cardNumber, [])).expect(400);
    const future = await post(receipt(m.cardNumber, [{ name: 'АИ-95', category: 'fuel', amount: rub(100) }], { occurredAt: '2026-11-22T10:00:00Z' })).expect(400);
    expect(future.body.errors).toEqual([expect.objectContaining({ field: 'occurredAt', code: 'notInFuture' })]);
    const old = await post(receipt(m.cardNumber, [{ name: 'АИ-95', category: 'fuel', amount: rub(100) }], { occurredAt: '2026-10-01T10:00:00Z' })).expect(400);
    expect(old.body.code).toBe('bonus_purchase_too_old');
    expect(await t.query('SELECT 1 FROM bonus_purchases WHERE customer_id = $1', [m.id])).toHaveLength(0);
  });

  it('when a partner with bonus:read asks for a card, then it gets the status and balance; the till’s quote previews the accrual', async () => {
    const m = await t.createBonusMember({ points: 75 });
    const reader = await t.createApiKey(['bonus:read']);
    const res = await t.http.get(`/api/v1/integrations/bonus/cards/${m.cardNumber}`).set('Authorization', `Bearer ${reader.key}`).expect(200);
    expect(res.body).toEqual({ cardNumber: m.cardNumber, status: 'active', balance: 75 });
    await t.http.get(`/api/v1/integrations/bonus/cards/${m.cardNumber}`).set('Authorization', `Bearer ${till.key}`).expect(403);
    const quote = await t.http
      .post('/api/v1/integrations/bonus/quote')
      .set('Authorization', `Bearer ${till.key}`)
      .send({ cardNumber: m.cardNumber, station: 'АЗС №17', items: [{ name: 'АИ-95', category: 'fuel', amount: rub(3000) }] })
      .expect(200);
    expect(quote.body).toEqual({ cardNumber: m.cardNumber, balance: 75, maxSpend: 75, spendableAmount: rub(3000), accrualPreview: 30 });
  });

  it('when another module accrues points (issue 10: points for paying a bill), then once per ref; a non-member gets null', async () => {
    const m = await t.createBonusMember();
    const once = () => t.ds.transaction((em) => t.services.bonus.accrue(em, { customerId: m.id, points: 50, ref: 'bill:2026-11', description: 'Баллы за оплату счёта' }));
    expect(await once()).toEqual({ accrued: true, balance: 50 });
    expect(await once()).toEqual({ accrued: false, balance: 50 });
    expect(await t.query(`SELECT kind, points, ref FROM bonus_operations WHERE customer_id = $1`, [m.id])).toEqual([{ kind: 'accrual', points: '50', ref: 'bill:2026-11' }]);
    const stranger = await t.createCustomer();
    expect(await t.ds.transaction((em) => t.services.bonus.accrue(em, { customerId: stranger.id, points: 5, ref: 'x', description: 'x' }))).toBeNull();
  });
});
