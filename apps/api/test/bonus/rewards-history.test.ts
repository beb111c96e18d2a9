import { randomUUID } from 'node:crypto';
import { createTestContext, type TestContext } from '../support';

const rub = (roubles: number) => ({ amount: Math.round(roubles * 100), currency: 'RUB' });

describe('rewards catalog, history, CSV and the monthly statement', () => {
  let t: TestContext;
  let till: { key: string };
  beforeAll(async () => {
    t = await createTestContext();
    till = await t.createTill();
  });
  afterAll(() => t.close());

  const member = async (points = 0) => {
    const m = await t.createBonusMember({ points, customer: { password: 'member-pass-1' } });
    const { accessToken } = await t.signIn(m.phone, 'member-pass-1');
    return { ...m, token: accessToken };
  };
  const buy = (cardNumber: string, roubles: number, spendPoints = 0) =>
    t.http
      .post('/api/v1/integrations/bonus/purchases')
      .set('Authorization', `Bearer ${till.key}`)
      .send({ receiptId: `R-${randomUUID()}`, cardNumber, station: 'АЗС №9', occurredAt: t.clock.now().toISOString(), items: [{ name: 'АИ-95', category: 'fuel', amount: rub(roubles) }], spendPoints })
      .expect(200);

  it('when the catalog is read (no sign-in), then it lists the rewards; redeeming one takes its points and gives a voucher code', async () => {
    const catalog = await t.http.get('/api/v1/bonus/rewards').expect(200);
    expect(catalog.body.items.map((r: { code: string }) => r.code)).toEqual(['coffee', 'car-wash', 'minutes-100', 'data-5gb', 'fuel-500']);
    const m = await member(300);
    const res = await t.http.post('/api/v1/bonus/rewards/car-wash/redemptions').set(t.bearer(m.token)).set('Idempotency-Key', randomUUID()).expect(201);
    expect(res.body).toMatchObject({ reward: { code: 'car-wash', title: 'Автомойка «Экспресс»' }, points: 250, balance: 50 });
    expect(res.body.voucherCode).toMatch(/^CARWAS-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(new Date(res.body.expiresAt).getTime() - t.clock.now().getTime()).toBe(60 * 24 * 3600_000);
    expect(await t.query('SELECT voucher_code, points FROM bonus_redemptions WHERE customer_id = $1', [m.id])).toEqual([{ voucher_code: res.body.voucherCode, points: '250' }]);
    const list = await t.http.get('/api/v1/bonus/redemptions').set(t.bearer(m.token)).expect(200);
    expect(list.body).toEqual({ items: [res.body], nextCursor: null });

    const poor = await t.http.post('/api/v1/bonus/rewards/car-wash/redemptions').set(t.bearer(m.token)).set('Idempotency-Key', randomUUID()).expect(409);
    expect(poor.body).toMatchObject({ code: 'bonus_insufficient_points', allowedPoints: 50 });
    expect((await t.http.post('/api/v1/bonus/rewards/yacht/redemptions').set(t.bearer(m.token)).set('Idempotency-Key', randomUUID()).expect(404)).body.code).toBe('bonus_reward_unavailable');
    await t.http.post('/api/v1/bonus/rewards/coffee/redemptions').set(t.bearer(m.token)).expect(400); // Idempotency-Key required
    expect(await t.query('SELECT balance FROM bonus_members WHERE customer_id = $1', [m.id])).toEqual([{ balance: '50' }]);
  });

  it('when the history is filtered and paged, then each page follows the last and filters are applied on the server', async () => {
    const m = await member();
    for (let i = 0; i < 7; i++) {
      await buy(m.cardNumber, 1000 * (i + 1));
      t.clock.advanceMinutes(10);
    }
    await buy(m.cardNumber, 100, 60);
    m.token = (await t.signIn(m.phone, 'member-pass-1')).accessToken; // the clock moved past the idle timeout
    const page1 = await t.http.get('/api/v1/bonus/operations?limit=3').set(t.bearer(m.token)).expect(200);
    // Newest first: the last receipt's spend (its 40 ₽ in money earned 0), then the 70 and the 60.
    expect(page1.body.items.map((o: { kind: string; points: number }) => [o.kind, o.points])).toEqual([
      ['spend', -60],
      ['accrual', 70],
      ['accrual', 60],
    ]);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await t.http
        .get(`/api/v1/bonus/operations?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
        .set(t.bearer(m.token))
        .expect(200);
      seen.push(...res.body.items.map((o) => o.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    const all = await t.query<{ id: string }>('SELECT id FROM bonus_operations WHERE customer_id = $1 ORDER BY created_at DESC, seq DESC', [m.id]);
    expect(seen).toEqual(all.map((r) => r.id));

    const spends = await t.http.get('/api/v1/bonus/operations?kind=spend').set(t.bearer(m.token)).expect(200);
    expect(spends.body.items.map((o: { points: number; station: string; cardNumber: string }) => [o.points, o.station, o.cardNumber])).toEqual([[-60, 'АЗС №9', m.cardNumber]]);
    const incoming = await t.http.get('/api/v1/bonus/operations?direction=in&sort=createdAt&limit=2').set(t.bearer(m.token)).expect(200);
    expect(incoming.body.items.map((o: { points: number }) => o.points)).toEqual([10, 20]);
    const none = await t.http.get('/api/v1/bonus/operations?from=2026-11-23&to=2026-11-30').set(t.bearer(m.token)).expect(200);
    expect(none.body.items).toEqual([]);
    const bad = await t.http.get('/api/v1/bonus/operations?kind=bogus&from=22.11.2026').set(t.bearer(m.token)).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['from', 'kind']);
    await t.http.get('/api/v1/bonus/operations?cursor=garbage').set(t.bearer(m.token)).expect(400);
    await t.http.get('/api/v1/bonus/operations?from=2026-11-22&to=2026-11-01').set(t.bearer(m.token)).expect(400);
  });

  it('when the history is exported, then the CSV (BOM, ;) holds the same selection in Moscow time', async () => {
    const m = await member();
    await buy(m.cardNumber, 2500);
    t.clock.advanceMinutes(1);
    await buy(m.cardNumber, 300, 20);
    const res = await t.http.get('/api/v1/bonus/operations.csv?kind=accrual').set(t.bearer(m.token)).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
    }).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = (res.body as string).replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('Дата и время (МСК);Операция;Баллы;Остаток;Описание;Карта;АЗС;Чек');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(new RegExp(`^22\\.11\\.2026, \\d\\d:\\d\\d;Начисление;2;7;Покупка: АЗС №9;${m.cardNumber};АЗС №9;R-`));
    // Newest first: +2 (after the 20 spent: 25 − 20 + 2 = 7), then the first +25.
    expect(lines[2]).toMatch(/;Начисление;25;25;/);
    expect((res.body as string).charCodeAt(0)).toBe(0xfeff);
  });

  it('when a month’s statement is asked for, then opening, closing and each kind add up', async () => {
    const m = await member(100); // accrue() in November
    await buy(m.cardNumber, 5000, 30); // −30, then 1 % of the 4970 ₽ paid: +49
    const nov = await t.http.get('/api/v1/bonus/statements/2026-11').set(t.bearer(m.token)).expect(200);
    expect(nov.body).toMatchObject({ month: '2026-11', opening: 0, accrued: 149, spent: 30, expired: 0, closing: 119, operations: 3 });
    expect(nov.body.opening + nov.body.accrued - nov.body.spent).toBe(nov.body.closing);
    const oct = await t.http.get('/api/v1/bonus/statements/2026-10').set(t.bearer(m.token)).expect(200);
    expect(oct.body).toMatchObject({ opening: 0, closing: 0, operations: 0 });
    await t.http.get('/api/v1/bonus/statements/2027-01').set(t.bearer(m.token)).expect(400);
    await t.http.get('/api/v1/bonus/statements/2026-13').set(t.bearer(m.token)).expect(400);
  });
});
