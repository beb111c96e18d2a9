import { randomUUID } from 'node:crypto';
import { createTestContext, type TestContext } from '../support';
import { parseCardNumber } from '../../src/modules/bonus/card-number';

describe('bonus cards: virtual, blocked, replaced — and nobody else’s', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const member = async (points = 0) => {
    const m = await t.createBonusMember({ points, customer: { password: 'member-pass-1' } });
    const { accessToken } = await t.signIn(m.phone, 'member-pass-1');
    const cards = (await t.http.get('/api/v1/bonus/cards').set(t.bearer(accessToken)).expect(200)).body.items;
    return { ...m, token: accessToken, cardId: cards[0].id as string };
  };

  it('when a customer without a card creates a virtual one, then they become a member with a scannable number; a second one is refused', async () => {
    const c = await t.createCustomer({ password: 'plain-pass-123' });
    const { accessToken } = await t.signIn(c.phone, 'plain-pass-123');
    const before = await t.http.get('/api/v1/bonus').set(t.bearer(accessToken)).expect(200);
    expect(before.body).toMatchObject({ member: false, balance: 0, cards: [], nextExpiry: null });

    const card = await t.http.post('/api/v1/bonus/cards/virtual').set(t.bearer(accessToken)).expect(201);
    expect(card.body).toMatchObject({ kind: 'virtual', status: 'active', barcode: { format: 'ean13', value: card.body.number } });
    expect(card.body.number).toMatch(/^27809\d{8}$/);
    expect(parseCardNumber(card.body.number)).toBe(card.body.number); // the check digit is right
    expect(await t.query('SELECT balance FROM bonus_members WHERE customer_id = $1', [c.id])).toEqual([{ balance: '0' }]);

    const again = await t.http.post('/api/v1/bonus/cards/virtual').set(t.bearer(accessToken)).expect(409);
    expect(again.body.code).toBe('bonus_virtual_card_exists');
    const got = await t.http.get(`/api/v1/bonus/cards/${card.body.id}`).set(t.bearer(accessToken)).expect(200);
    expect(got.body).toEqual(card.body);
  });

  it('when a lost plastic card is blocked with a new one in its place, then the balance is on the new card at once and the old one is refused at the till', async () => {
    const m = await member(420);
    const [fresh] = await t.issueBonusCards(1);
    const res = await t.http.post(`/api/v1/bonus/cards/${m.cardId}/block`).set(t.bearer(m.token)).send({ reason: 'lost', replacementCardNumber: fresh }).expect(200);
    expect(res.body).toMatchObject({ blocked: { number: m.cardNumber, status: 'blocked', blockReason: 'lost', replacedBy: fresh }, replacement: { number: fresh, status: 'active' }, balance: 420 });
    expect(await t.query(`SELECT action, details->>'replacement' AS replacement FROM audit_log WHERE customer_id = $1 AND action = 'bonus_card_blocked'`, [m.id])).toEqual([
      { action: 'bonus_card_blocked', replacement: fresh },
    ]);

    const till = await t.createTill();
    const items = [{ name: 'АИ-95', category: 'fuel', amount: { amount: 10000, currency: 'RUB' } }];
    const post = (cardNumber: string) =>
      t.http.post('/api/v1/integrations/bonus/purchases').set('Authorization', `Bearer ${till.key}`).send({ receiptId: randomUUID(), cardNumber, station: 'АЗС', occurredAt: t.clock.now().toISOString(), items, spendPoints: 50 });
    expect((await post(m.cardNumber).expect(409)).body.code).toBe('bonus_card_blocked');
    expect((await post(fresh).expect(200)).body.balance).toBe(420 - 50);
    // Blocking twice is refused.
    await t.http.post(`/api/v1/bonus/cards/${m.cardId}/block`).set(t.bearer(m.token)).send({ reason: 'lost' }).expect(409);
  });

  it('when the phone with the virtual card is lost, then blocking it with replaceWithVirtual gives a new number and keeps the points', async () => {
    const c = await t.createCustomer({ password: 'plain-pass-123' });
    const { accessToken } = await t.signIn(c.phone, 'plain-pass-123');
    const old = (await t.http.post('/api/v1/bonus/cards/virtual').set(t.bearer(accessToken)).expect(201)).body;
    await t.ds.transaction((em) => t.services.bonus.accrue(em, { customerId: c.id, points: 77, ref: 'x', description: 'x' }));
    const res = await t.http.post(`/api/v1/bonus/cards/${old.id}/block`).set(t.bearer(accessToken)).send({ reason: 'phone_lost', replaceWithVirtual: true }).expect(200);
    expect(res.body.replacement).toMatchObject({ kind: 'virtual', status: 'active' });
    expect(res.body.replacement.number).not.toBe(old.number);
    expect(res.body).toMatchObject({ balance: 77, blocked: { status: 'blocked', replacedBy: res.body.replacement.number } });
    const summary = await t.http.get('/api/v1/bonus').set(t.bearer(accessToken)).expect(200);
    expect(summary.body.cards.map((x: { status: string }) => x.status)).toEqual(['active', 'blocked']);
    // Both at once is a mistake.
    const bad = await t.http.post(`/api/v1/bonus/cards/${res.body.replacement.id}/block`).set(t.bearer(accessToken)).send({ reason: 'lost', replaceWithVirtual: true, replacementCardNumber: '2780199999993' }).expect(400);
    expect(bad.body.errors[0].field).toBe('replaceWithVirtual');
  });

  it('when a stranger calls any card route with another member’s card, then 404 — the same as a card that does not exist — and nothing changes', async () => {
    const owner = await member(100);
    const stranger = await member(5);
    const none = randomUUID();
    for (const id of [owner.cardId, none]) {
      const get = await t.http.get(`/api/v1/bonus/cards/${id}`).set(t.bearer(stranger.token)).expect(404);
      expect(get.body.code).toBe('not_found');
      const block = await t.http.post(`/api/v1/bonus/cards/${id}/block`).set(t.bearer(stranger.token)).send({ reason: 'stolen' }).expect(404);
      expect(block.body.code).toBe('not_found');
      await t.http.post(`/api/v1/bonus/cards/${id}/block`).set(t.bearer(stranger.token)).send({ reason: 'stolen', replaceWithVirtual: true }).expect(404);
    }
    // Lists, balance and history are the caller's own only.
    const mine = await t.http.get('/api/v1/bonus/cards').set(t.bearer(stranger.token)).expect(200);
    expect(mine.body.items.map((c: { number: string }) => c.number)).toEqual([stranger.cardNumber]);
    expect((await t.http.get('/api/v1/bonus').set(t.bearer(stranger.token)).expect(200)).body.balance).toBe(5);
    const ops = await t.http.get('/api/v1/bonus/operations').set(t.bearer(stranger.token)).expect(200);
    expect(ops.body.items.map((o: { points: number }) => o.points)).toEqual([5]);
    // Attaching someone's active card is refused like any active card.
    expect((await t.http.post('/api/v1/bonus/cards').set(t.bearer(stranger.token)).send({ cardNumber: owner.cardNumber }).expect(409)).body.code).toBe('bonus_card_already_active');

    expect(await t.query('SELECT status, customer_id FROM bonus_cards WHERE id = $1', [owner.cardId])).toEqual([{ status: 'active', customer_id: owner.id }]);
    expect(await t.query(`SELECT 1 FROM bonus_cards WHERE customer_id = $1 AND kind = 'virtual'`, [stranger.id])).toHaveLength(0);
    // Without signing in: 401 on every card route.
    await t.http.get(`/api/v1/bonus/cards/${owner.cardId}`).expect(401);
    await t.http.get('/api/v1/bonus').expect(401);
  });
});
