import { createTestContext, type TestContext, type TestCustomer } from '../support';

describe('tariff change', () => {
  let t: TestContext;
  let owner: TestCustomer;
  let token: string;
  let tariffs: Record<string, { id: string; monthlyFee: { amount: number } }>;

  const balance = async (accountId: string) => Number((await t.query<{ balance: string }>('SELECT balance FROM accounts WHERE id = $1', [accountId]))[0].balance);
  const sumOfEntries = async (accountId: string) => Number((await t.query<{ s: string }>('SELECT coalesce(sum(amount), 0) AS s FROM ledger_entries WHERE account_id = $1', [accountId]))[0].s);

  beforeAll(async () => {
    t = await createTestContext();
    owner = await t.createCustomer({ password: 'owner-pass-12' });
    const all = await t.http.get('/api/v1/tariffs').expect(200);
    tariffs = Object.fromEntries(all.body.items.map((x: { code: string }) => [x.code, x]));
    const [archived] = await t.query<{ id: string }>(`SELECT id FROM tariffs WHERE code = 'megafon-archive-2019'`);
    tariffs['megafon-archive-2019'] = { id: archived.id, monthlyFee: { amount: 30000 } };
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    t.clock.set('2026-11-22T09:00:00Z');
    token = (await t.signIn(owner.phone, 'owner-pass-12')).accessToken;
  });

  const lineUrl = (a: { accountId: string; lineIds: string[] }) => `/api/v1/accounts/${a.accountId}/lines/${a.lineIds[0]}`;

  it('when changing now in the middle of the period, then the quote shows the pro-rated price first, and the change charges exactly that', async () => {
    const acc = await t.openMobileAccount(owner.id, { balance: 1000_00, lines: [{ tariffCode: 'megafon-vse' }] });
    t.clock.advance(15 * 24 * 3600_000); // half of a 30-day period (Nov 22 → Dec 22)
    token = (await t.signIn(owner.phone, 'owner-pass-12')).accessToken;
    const quote = await t.http
      .get(`${lineUrl(acc)}/tariff-change/quote`)
      .query({ tariffId: tariffs['megafon-minimum'].id, when: 'now' })
      .set(t.bearer(token))
      .expect(200);
    // Минимум 350 ₽ vs Всё 650 ₽: half a period → -150 ₽ back; change fee 100 ₽.
    expect(quote.body).toMatchObject({
      when: 'now',
      changeFee: { amount: 10000 },
      proratedDifference: { amount: -15000 },
      chargedNow: { amount: 10000 },
      balanceAfter: { amount: 1000_00 - 10000 + 15000 },
      packagesAfter: { minutes: 200, sms: 50, mb: 5120 },
    });
    expect(await balance(acc.accountId)).toBe(1000_00); // a quote changes nothing

    const res = await t.http.post(`${lineUrl(acc)}/tariff-change`).set(t.bearer(token)).send({ tariffId: tariffs['megafon-minimum'].id, when: 'now' }).expect(200);
    expect(res.body.scheduled).toBeNull();
    expect(await balance(acc.accountId)).toBe(quote.body.balanceAfter.amount);
    expect(await sumOfEntries(acc.accountId)).toBe(await balance(acc.accountId));
    const view = await t.http.get(`/api/v1/accounts/${acc.accountId}`).set(t.bearer(token)).expect(200);
    expect(view.body.lines[0].tariff.code).toBe('megafon-minimum');
    expect(view.body.lines[0].packages.minutes.left).toBe(200);
  });

  it('when changing to an archived tariff, another operator’s tariff or the current one, then 409 and nothing changes', async () => {
    const acc = await t.openMobileAccount(owner.id, { balance: 1000_00, lines: [{ tariffCode: 'megafon-vse' }] });
    const send = (tariffId: string) => t.http.post(`${lineUrl(acc)}/tariff-change`).set(t.bearer(token)).send({ tariffId, when: 'now' });
    expect((await send(tariffs['megafon-archive-2019'].id).expect(409)).body.code).toBe('tariff_archived');
    expect((await send(tariffs['tele2-black'].id).expect(409)).body.code).toBe('tariff_not_applicable');
    expect((await send(tariffs['skynet-500'].id).expect(409)).body.code).toBe('tariff_not_applicable');
    expect((await send(tariffs['megafon-vse'].id).expect(409)).body.code).toBe('tariff_not_applicable');
    expect((await send('00000000-0000-4000-8000-000000000000').expect(404)).body.code).toBe('not_found');
    expect((await t.http.post(`${lineUrl(acc)}/tariff-change`).set(t.bearer(token)).send({ tariffId: tariffs['megafon-minimum'].id, when: 'tomorrow' }).expect(400)).body.errors[0].field).toBe('when');
    const [line] = await t.query<{ tariff_id: string }>('SELECT tariff_id FROM mobile_lines WHERE id = $1', [acc.lineIds[0]]);
    expect(line.tariff_id).toBe(tariffs['megafon-vse'].id);
    expect(await balance(acc.accountId)).toBe(1000_00);
    expect(await t.query('SELECT 1 FROM scheduled_tariff_changes WHERE line_id = $1', [acc.lineIds[0]])).toHaveLength(0);
  });

  it('when the balance cannot pay the change fee, then 409 insufficient_funds and the tariff stays', async () => {
    const acc = await t.openMobileAccount(owner.id, { balance: 50_00, lines: [{ tariffCode: 'megafon-vse' }] });
    const res = await t.http.post(`${lineUrl(acc)}/tariff-change`).set(t.bearer(token)).send({ tariffId: tariffs['megafon-minimum'].id, when: 'now' }).expect(409);
    expect(res.body.code).toBe('insufficient_funds');
    expect(await balance(acc.accountId)).toBe(50_00);
    const [line] = await t.query<{ tariff_id: string }>('SELECT tariff_id FROM mobile_lines WHERE id = $1', [acc.lineIds[0]]);
    expect(line.tariff_id).toBe(tariffs['megafon-vse'].id);
  });

  it('when scheduled for the next period, then nothing is charged, the account shows the planned change, and it can be cancelled', async () => {
    const acc = await t.openMobileAccount(owner.id, { balance: 100_00, lines: [{ tariffCode: 'megafon-vse' }] });
    const res = await t.http.post(`${lineUrl(acc)}/tariff-change`).set(t.bearer(token)).send({ tariffId: tariffs['megafon-minimum'].id, when: 'next_period' }).expect(200);
    expect(res.body.scheduled).toMatchObject({ status: 'scheduled', effectiveAt: '2026-12-22T09:00:00.000Z', tariff: { id: tariffs['megafon-minimum'].id } });
    expect(res.body.quote.chargedNow.amount).toBe(0);
    expect(await balance(acc.accountId)).toBe(100_00);
    const view = await t.http.get(`/api/v1/accounts/${acc.accountId}`).set(t.bearer(token)).expect(200);
    expect(view.body.lines[0].tariff.code).toBe('megafon-vse');
    expect(view.body.lines[0].scheduledChange).toMatchObject({ id: res.body.scheduled.id, tariff: { name: 'Минимум' } });

    await t.http.delete(`${lineUrl(acc)}/tariff-change`).set(t.bearer(token)).expect(204);
    const after = await t.http.get(`/api/v1/accounts/${acc.accountId}`).set(t.bearer(token)).expect(200);
    expect(after.body.lines[0].scheduledChange).toBeNull();
    expect((await t.http.delete(`${lineUrl(acc)}/tariff-change`).set(t.bearer(token)).expect(409)).body.code).toBe('change_not_cancellable');
  });

  it('when the internet contract changes tariff from the next period, then the contract shows it', async () => {
    const acc = await t.openInternetAccount(owner.id, { balance: 1000_00, tariffCode: 'skynet-100' });
    await t.http.post(`/api/v1/accounts/${acc.accountId}/contract/tariff-change`).set(t.bearer(token)).send({ tariffId: tariffs['skynet-1000'].id, when: 'next_period' }).expect(200);
    const view = await t.http.get(`/api/v1/accounts/${acc.accountId}`).set(t.bearer(token)).expect(200);
    expect(view.body.contract.scheduledChange.tariff.id).toBe(tariffs['skynet-1000'].id);
  });

  it('when the account is blocked, then no tariff change', async () => {
    const acc = await t.openMobileAccount(owner.id, { balance: 1000_00 });
    await t.query(`UPDATE accounts SET status = 'blocked' WHERE id = $1`, [acc.accountId]);
    const res = await t.http.post(`${lineUrl(acc)}/tariff-change`).set(t.bearer(token)).send({ tariffId: tariffs['megafon-minimum'].id, when: 'now' }).expect(409);
    expect(res.body.code).toBe('account_not_active');
  });
});
