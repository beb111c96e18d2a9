import { randomUUID } from 'node:crypto';
import { createTestContext, type TestContext } from '../support';

const rub = (roubles: number) => ({ amount: Math.round(roubles * 100), currency: 'RUB' });
const START = '2026-11-22T09:00:00Z';

describe('expiry of points: by the clock, oldest first', () => {
  let t: TestContext;
  let till: { key: string };
  const buy = (cardNumber: string, roubles: number, over: object = {}) =>
    t.http
      .post('/api/v1/integrations/bonus/purchases')
      .set('Authorization', `Bearer ${till.key}`)
      .send({ receiptId: `R-${randomUUID()}`, cardNumber, station: 'АЗС №5', occurredAt: t.clock.now().toISOString(), items: [{ name: 'АИ-95', category: 'fuel', amount: rub(roubles) }], ...over });
  const balance = async (id: string) => Number((await t.query<{ balance: string }>('SELECT balance FROM bonus_members WHERE customer_id = $1', [id]))[0].balance);
  const lotSum = async (id: string) => Number((await t.query<{ s: string }>('SELECT coalesce(sum(remaining), 0) AS s FROM bonus_lots WHERE customer_id = $1', [id]))[0].s);

  beforeEach(async () => {
    t = await createTestContext({ now: new Date(START) });
    till = await t.createTill();
  });
  afterEach(() => t.close());

  it('when 12 months pass, then the job expires exactly the lots that are due, and the member saw "N points expire on DATE" ahead', async () => {
    const m = await t.createBonusMember({ customer: { password: 'member-pass-1' } });
    await buy(m.cardNumber, 10_000).expect(200); // 100, expires end of 2027-11-22 МСК
    t.clock.set('2027-01-15T09:00:00Z');
    await buy(m.cardNumber, 4_000).expect(200); // 40, expires end of 2028-01-15
    await buy(m.cardNumber, 500, { spendPoints: 30 }).expect(200); // −30 from the oldest lot, +4 (470 ₽)

    // Three weeks before: the summary tells what expires when.
    t.clock.set('2027-11-01T09:00:00Z');
    const { accessToken } = await t.signIn(m.phone, 'member-pass-1');
    const summary = await t.http.get('/api/v1/bonus').set(t.bearer(accessToken)).expect(200);
    expect(summary.body).toMatchObject({ balance: 114, nextExpiry: { date: '2027-11-23', points: 70 }, expiringSoon: [{ date: '2027-11-23', points: 70 }] });

    // The day before: nothing is due yet.
    t.clock.set('2027-11-22T20:59:00Z');
    expect(await t.services.bonusExpiry.runDue()).toMatchObject({ lots: 0, points: 0 });
    t.clock.set('2027-11-22T21:00:00Z');
    expect(await t.services.bonusExpiry.runDue()).toMatchObject({ members: 1, lots: 1, points: 70 });
    expect(await balance(m.id)).toBe(44);
    expect(await lotSum(m.id)).toBe(44);
    const [op] = await t.query<{ kind: string; points: string; balance_after: string }>(`SELECT kind, points, balance_after FROM bonus_operations WHERE customer_id = $1 AND kind = 'expiry'`, [m.id]);
    expect(op).toEqual({ kind: 'expiry', points: '-70', balance_after: '44' });

    // Running it again expires nothing twice.
    expect(await t.services.bonusExpiry.runDue()).toMatchObject({ lots: 0, points: 0 });
    expect(await balance(m.id)).toBe(44);
  });

  it('when a due lot was not reached by the job yet, then it is not spendable: the till sees it gone, and the next write expires it', async () => {
    const m = await t.createBonusMember();
    await buy(m.cardNumber, 5_000).expect(200); // 50
    t.clock.set('2027-11-23T10:00:00Z');
    const quote = () => t.http
      .post('/api/v1/integrations/bonus/quote')
      .set('Authorization', `Bearer ${till.key}`)
      .send({ cardNumber: m.cardNumber, station: 'АЗС №5', items: [{ name: 'АИ-95', category: 'fuel', amount: rub(100) }] })
      .expect(200);
    // The 50 are still on the lot and in the stored balance, but not on offer.
    expect((await quote()).body).toMatchObject({ balance: 0, maxSpend: 0 });
    expect(await balance(m.id)).toBe(50);
    await buy(m.cardNumber, 1_000).expect(200); // 10, now
    expect((await quote()).body.balance).toBe(10);
    const refused = await buy(m.cardNumber, 100, { spendPoints: 20 }).expect(409);
    expect(refused.body).toMatchObject({ code: 'bonus_insufficient_points', allowedPoints: 10 });
    // The purchase after the first one expired the 50 in its own transaction.
    expect(await t.query(`SELECT points FROM bonus_operations WHERE customer_id = $1 AND kind = 'expiry'`, [m.id])).toEqual([{ points: '-50' }]);
    expect(await balance(m.id)).toBe(10);
  });

  it('when many members have lots due at different times, then the job takes them oldest first in batches, and sum of lots = balance for each', async () => {
    const members = [];
    for (let i = 0; i < 6; i++) {
      const m = await t.createBonusMember();
      await buy(m.cardNumber, 1_000 * (i + 1)).expect(200); // 10…60
      members.push(m);
      t.clock.advance(24 * 3600_000); // one a day
    }
    // A year and three days on: the first three members' lots are due.
    t.clock.set('2027-11-25T20:00:00Z');
    const run = await t.services.bonusExpiry.runDue({ batchLots: 2 });
    expect(run).toMatchObject({ members: 3, lots: 3, points: 60 });
    expect(run.batches).toBe(2);
    for (const [i, m] of members.entries()) {
      expect(await balance(m.id)).toBe(i < 3 ? 0 : 10 * (i + 1));
      expect(await lotSum(m.id)).toBe(await balance(m.id));
    }
  });

  it('when a member is busy at a till while the job runs, then the job skips them and a later run takes them', async () => {
    const m = await t.createBonusMember();
    await buy(m.cardNumber, 3_000).expect(200);
    t.clock.set('2027-12-01T09:00:00Z');
    const qr = t.ds.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    try {
      await qr.query('SELECT 1 FROM bonus_members WHERE customer_id = $1 FOR UPDATE', [m.id]);
      expect(await t.services.bonusExpiry.runDue()).toMatchObject({ lots: 0 });
    } finally {
      await qr.rollbackTransaction();
      await qr.release();
    }
    expect(await t.services.bonusExpiry.runDue()).toMatchObject({ lots: 1, points: 30 });
  });

  it('when points expire within the notice window, then one SMS tells the member how many and when, once', async () => {
    const m = await t.createBonusMember();
    await buy(m.cardNumber, 12_345).expect(200); // 123
    t.clock.set('2027-11-17T08:00:00Z'); // 6 days before 2027-11-23
    expect(await t.services.bonusExpiry.sendNotices()).toBe(1);
    expect((await t.lastMessage(m.phone))!.body).toBe('123 бонусных баллов сгорят 23 ноября. Потратьте их на АЗС или обменяйте на награду в личном кабинете.');
    expect(await t.services.bonusExpiry.sendNotices()).toBe(0);
    expect(await t.query('SELECT points FROM bonus_expiry_notices WHERE customer_id = $1', [m.id])).toEqual([{ points: '123' }]);
  });
});
