import { createTestContext, type TestContext, type TestCustomer } from '../support';

describe('account history', () => {
  let t: TestContext;
  let owner: TestCustomer;
  let token: string;
  let accountId: string;

  const post = (amount: number, kind: string, ref: string, description = '') =>
    t.ds.transaction((em) => t.services.ledger.post(em, { accountId, amount: BigInt(amount), kind: kind as never, ref, description }));

  beforeAll(async () => {
    t = await createTestContext();
    owner = await t.createCustomer({ password: 'history-pass-1' });
    ({ accountId } = await t.openMobileAccount(owner.id));
    // Oct 5, Oct 20, Nov 1, Nov 10, Nov 21 (UTC); one entry every step.
    const steps: [string, number, string, string][] = [
      ['2026-10-05T10:00:00Z', 100000, 'adjustment', 'Начальный остаток'],
      ['2026-10-20T10:00:00Z', -65000, 'monthly_fee', 'Абонентская плата «Без переплат. Всё»'],
      ['2026-11-01T10:00:00Z', -20000, 'option_fee', 'Опция «+10 ГБ»'],
      ['2026-11-10T10:00:00Z', -2500, 'usage', 'Сверх пакета'],
      ['2026-11-21T10:00:00Z', 50000, 'adjustment', 'Возврат по обращению'],
    ];
    for (const [at, amount, kind, description] of steps) {
      t.clock.set(at);
      await post(amount, kind, `seed-${at}`, description);
    }
    t.clock.set('2026-11-22T09:00:00Z');
    token = (await t.signIn(owner.phone, 'history-pass-1')).accessToken;
  });
  afterAll(() => t.close());

  const get = (q = '') => t.http.get(`/api/v1/accounts/${accountId}/transactions${q}`).set(t.bearer(token));

  it('when listed, then newest first with amounts in kopecks and the balance after each entry', async () => {
    const res = await get().expect(200);
    expect(res.body.items.map((i: { amount: { amount: number } }) => i.amount.amount)).toEqual([50000, -2500, -20000, -65000, 100000]);
    expect(res.body.items[0]).toMatchObject({ kind: 'adjustment', balanceAfter: { amount: 62500, currency: 'RUB' }, createdAt: '2026-11-21T10:00:00.000Z' });
    expect(res.body.nextCursor).toBeNull();
  });

  it('when filtered by kind, direction, period and amount, then only matching entries come back', async () => {
    const amounts = async (q: string) => (await get(q).expect(200)).body.items.map((i: { amount: { amount: number } }) => i.amount.amount);
    expect(await amounts('?kind=usage,option_fee')).toEqual([-2500, -20000]);
    expect(await amounts('?direction=credit')).toEqual([50000, 100000]);
    expect(await amounts('?from=2026-11-01&to=2026-11-10')).toEqual([-2500, -20000]);
    expect(await amounts('?minAmount=20000&maxAmount=65000&direction=debit')).toEqual([-20000, -65000]);
  });

  it('when sorted by amount and paged 2 at a time, then the cursor walks every entry once in order', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `?sort=-amount&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await get(q).expect(200);
      seen.push(...res.body.items.map((i: { amount: { amount: number } }) => i.amount.amount));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([100000, 50000, -2500, -20000, -65000]);
  });

  it('when the query is wrong, then 400 naming the field', async () => {
    for (const [q, field] of [
      ['?kind=salary', 'kind'],
      ['?sort=size', 'sort'],
      ['?from=yesterday', 'from'],
      ['?from=2026-11-10&to=2026-11-01', 'to'],
      ['?minAmount=-5', 'minAmount'],
      ['?minAmount=500&maxAmount=100', 'maxAmount'],
      ['?cursor=abc', 'cursor'],
    ]) {
      const res = await get(q).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('when exported as CSV, then Excel gets UTF-8 with a BOM, “;” columns, roubles with a comma and Moscow time', async () => {
    const res = await t.http.get(`/api/v1/accounts/${accountId}/transactions.csv?direction=debit`).set(t.bearer(token)).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="transactions-7\d{6}\.csv"/);
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.toString('utf8').slice(1).trim().split('\n');
    expect(lines[0]).toBe('Дата и время (МСК);Операция;Сумма, ₽;Описание;Остаток, ₽');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe('10.11.2026, 13:00;Сверх пакета;-25,00;Сверх пакета;125,00');
    expect(lines[3]).toContain('Абонентская плата «Без переплат. Всё»');
  });

  it('when the monthly summary is asked for, then spent and received per month, by kind', async () => {
    const res = await t.http.get(`/api/v1/accounts/${accountId}/transactions/summary?months=2`).set(t.bearer(token)).expect(200);
    expect(res.body.months).toEqual([
      { month: '2026-10', spent: { amount: 65000, currency: 'RUB' }, received: { amount: 100000, currency: 'RUB' }, byKind: { monthly_fee: { amount: 65000, currency: 'RUB' } } },
      {
        month: '2026-11',
        spent: { amount: 22500, currency: 'RUB' },
        received: { amount: 50000, currency: 'RUB' },
        byKind: { option_fee: { amount: 20000, currency: 'RUB' }, usage: { amount: 2500, currency: 'RUB' } },
      },
    ]);
  });

  it('when a viewer reads it, then it is there; a stranger gets 404 on the list, the CSV and the summary', async () => {
    const viewer = await t.createCustomer({ password: 'viewer-pass-12' });
    await t.http.post(`/api/v1/accounts/${accountId}/grants`).set(t.bearer(token)).send({ phone: viewer.phone, level: 'viewer' }).expect(201);
    const v = await t.signIn(viewer.phone, 'viewer-pass-12');
    expect((await t.http.get(`/api/v1/accounts/${accountId}/transactions`).set(t.bearer(v.accessToken)).expect(200)).body.items).toHaveLength(5);
    const stranger = await t.createCustomer({ password: 'stranger-pass-1' });
    const s = await t.signIn(stranger.phone, 'stranger-pass-1');
    for (const path of ['transactions', 'transactions.csv', 'transactions/summary']) {
      expect((await t.http.get(`/api/v1/accounts/${accountId}/${path}`).set(t.bearer(s.accessToken)).expect(404)).body.code).toBe('not_found');
    }
  });
});

describe('monthly summary at the edges of Moscow months', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('when entries fall just before and after midnight in Moscow, then each counts in its Moscow month, and months before the window are left out', async () => {
    const c = await t.createCustomer({ password: 'edges-pass-12' });
    const { accountId } = await t.openMobileAccount(c.id);
    const at = async (iso: string, amount: number) => {
      t.clock.set(iso);
      await t.ds.transaction((em) => t.services.ledger.post(em, { accountId, amount: BigInt(amount), kind: 'adjustment', ref: `edge-${iso}` }));
    };
    await at('2026-09-30T20:59:59Z', 1_00); // 23:59:59 on 30 Sep in Moscow: September, outside a 3-month window
    await at('2026-09-30T21:00:00Z', 2_00); // 00:00 on 1 Oct in Moscow
    await at('2026-10-31T20:59:59Z', 4_00); // still October
    await at('2026-10-31T21:00:00Z', 8_00); // November
    await at('2026-11-30T21:00:01Z', 16_00); // December
    t.clock.set('2026-12-01T09:00:00Z');
    const token = (await t.signIn(c.phone, 'edges-pass-12')).accessToken;
    const res = await t.http.get(`/api/v1/accounts/${accountId}/transactions/summary?months=3`).set(t.bearer(token)).expect(200);
    expect(res.body.months.map((m: { month: string; received: { amount: number } }) => [m.month, m.received.amount])).toEqual([
      ['2026-10', 6_00],
      ['2026-11', 8_00],
      ['2026-12', 16_00],
    ]);
  });
});
