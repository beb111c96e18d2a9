import { randomUUID } from 'node:crypto';
import { createTestContext, type TestContext } from '../support';

describe('POST /bonus/transfers', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ env: { BONUS_TRANSFER_DAILY_POINTS: '500', BONUS_TRANSFER_DAILY_COUNT: '3' } });
  });
  afterAll(() => t.close());

  const member = async (points = 0, over: object = {}) => {
    const m = await t.createBonusMember({ points, customer: { password: 'member-pass-1', ...over } });
    const { accessToken } = await t.signIn(m.phone, 'member-pass-1');
    return { ...m, token: accessToken };
  };
  const send = (token: string, body: object, key: string = randomUUID()) => t.http.post('/api/v1/bonus/transfers').set(t.bearer(token)).set('Idempotency-Key', key).send(body);
  const balance = async (id: string) => Number((await t.query<{ balance: string }>('SELECT balance FROM bonus_members WHERE customer_id = $1', [id]))[0].balance);

  it('when points go to another member by phone, then they leave one balance and arrive on the other with their expiry, and the recipient gets an SMS', async () => {
    const ivan = await member(300, { name: 'Иван', surname: 'Петров' });
    const anna = await member(0, { name: 'Анна', surname: 'Смирнова' });
    const typed = `8 ${anna.phone.slice(2, 5)} ${anna.phone.slice(5, 8)}-${anna.phone.slice(8, 10)}-${anna.phone.slice(10)}`;
    const res = await send(ivan.token, { toPhone: typed, points: 120 }).expect(201);
    expect(res.body).toMatchObject({ points: 120, balance: 180, to: { name: 'Анна С.', phone: `+7 *** ***-**-${anna.phone.slice(-2)}` } });
    expect(await balance(ivan.id)).toBe(180);
    expect(await balance(anna.id)).toBe(120);
    const [sent] = await t.query<{ expires_at: Date }>('SELECT expires_at FROM bonus_lots WHERE customer_id = $1', [ivan.id]);
    expect(await t.query('SELECT points, remaining, expires_at, source FROM bonus_lots WHERE customer_id = $1', [anna.id])).toEqual([
      { points: '120', remaining: '120', expires_at: sent.expires_at, source: 'transfer_in' },
    ]);
    expect(await t.query('SELECT kind, points, counterpart_id FROM bonus_operations WHERE customer_id = $1 AND kind LIKE $2', [ivan.id, 'transfer%'])).toEqual([
      { kind: 'transfer_out', points: '-120', counterpart_id: anna.id },
    ]);
    expect((await t.lastMessage(anna.phone))!.body).toBe('Иван П. передал(а) вам 120 бонусных баллов. Баланс — в личном кабинете.');
    // The recipient sees it in their history.
    const history = await t.http.get('/api/v1/bonus/operations').set(t.bearer(anna.token)).expect(200);
    expect(history.body.items).toEqual([expect.objectContaining({ kind: 'transfer_in', points: 120, balanceAfter: 120, description: 'Баллы от участника Иван П.' })]);
  });

  it('when the daily limits are reached (3 transfers or 500 points a Moscow day), then 409 bonus_transfer_limit; the next day they start afresh', async () => {
    const a = await member(2000);
    const b = await member();
    await send(a.token, { toPhone: b.phone, points: 300 }).expect(201);
    const over = await send(a.token, { toPhone: b.phone, points: 201 }).expect(409);
    expect(over.body).toMatchObject({ code: 'bonus_transfer_limit', allowedPoints: 200 });
    await send(a.token, { toPhone: b.phone, points: 100 }).expect(201);
    await send(a.token, { toPhone: b.phone, points: 1 }).expect(201);
    const count = await send(a.token, { toPhone: b.phone, points: 1 }).expect(409);
    expect(count.body).toMatchObject({ code: 'bonus_transfer_limit', allowedPoints: 0 });
    const summary = await t.http.get('/api/v1/bonus').set(t.bearer(a.token)).expect(200);
    expect(summary.body.transferLimits).toEqual({ dailyPoints: 500, dailyCount: 3, usedPoints: 401, usedCount: 3 });
    expect(await balance(a.id)).toBe(2000 - 401);

    // Midnight in Moscow (21:00 UTC): a new day.
    t.clock.set('2026-11-22T21:00:01Z');
    try {
      const fresh = await t.signIn(a.phone, 'member-pass-1');
      await t.http.post('/api/v1/bonus/transfers').set(t.bearer(fresh.accessToken)).set('Idempotency-Key', randomUUID()).send({ toPhone: b.phone, points: 500 }).expect(201);
    } finally {
      t.clock.set('2026-11-22T09:00:00Z');
    }
  });

  it('when the transfer is to oneself, to a non-member, to an unknown phone, or more than the balance, then it is refused and nothing moves', async () => {
    const a = await member(50);
    const stranger = await t.createCustomer();
    expect((await send(a.token, { toPhone: a.phone, points: 10 }).expect(400)).body.code).toBe('bonus_transfer_to_self');
    expect((await send(a.token, { toPhone: stranger.phone, points: 10 }).expect(404)).body.code).toBe('bonus_recipient_not_found');
    expect((await send(a.token, { toPhone: '+79990009999', points: 10 }).expect(404)).body.code).toBe('bonus_recipient_not_found');
    const b = await member();
    const much = await send(a.token, { toPhone: b.phone, points: 51 }).expect(409);
    expect(much.body).toMatchObject({ code: 'bonus_insufficient_points', allowedPoints: 50 });
    const bad = await send(a.token, { toPhone: 'abc', points: 0 }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['points']);
    expect((await send(a.token, { toPhone: 'abc', points: 5 }).expect(400)).body.errors[0].field).toBe('toPhone');
    expect(await balance(a.id)).toBe(50);
    expect(await balance(b.id)).toBe(0);
  });

  it('when a transfer is sent without an Idempotency-Key, then 400; a retry with the same key moves the points once', async () => {
    const a = await member(100);
    const b = await member();
    const res = await t.http.post('/api/v1/bonus/transfers').set(t.bearer(a.token)).send({ toPhone: b.phone, points: 10 }).expect(400);
    expect(res.body.code).toBe('idempotency_key_required');
    const key = randomUUID();
    const first = await send(a.token, { toPhone: b.phone, points: 10 }, key).expect(201);
    const again = await send(a.token, { toPhone: b.phone, points: 10 }, key).expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await balance(b.id)).toBe(10);
  });

  it('when two members send each other points at the same time, then neither waits for the other forever and both balances add up', async () => {
    const a = await member(500);
    const b = await member(500);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? send(a.token, { toPhone: b.phone, points: 7 }) : send(b.token, { toPhone: a.phone, points: 5 }))),
    );
    const ok = results.filter((r) => r.status === 201);
    const limited = results.filter((r) => r.status === 409);
    expect(ok.length + limited.length).toBe(20);
    expect(ok).toHaveLength(6); // 3 a day each
    expect((await balance(a.id)) + (await balance(b.id))).toBe(1000);
    for (const m of [a, b]) {
      const [{ s }] = await t.query<{ s: string }>('SELECT sum(remaining) AS s FROM bonus_lots WHERE customer_id = $1', [m.id]);
      expect(Number(s)).toBe(await balance(m.id));
    }
  });
});
