import { createLogger } from '../../src/platform/logger';
import { startJobs } from '../../src/platform/jobs';
import { jobTable } from '../../src/app';
import { createTestContext, type TestContext, type TestCustomer } from '../support';

describe('billing periods (the period job)', () => {
  let t: TestContext;
  let owner: TestCustomer;

  const line = async (id: string) =>
    (await t.query<{ tariff_id: string; period_start: Date; period_end: Date; minutes_left: number; mb_left: number; status: string; block_reason: string | null }>(
      'SELECT tariff_id, period_start, period_end, minutes_left, mb_left, status, block_reason FROM mobile_lines WHERE id = $1',
      [id],
    ))[0];
  const fees = (accountId: string) => t.query<{ amount: string; ref: string }>(`SELECT amount, ref FROM ledger_entries WHERE account_id = $1 AND kind = 'monthly_fee' ORDER BY created_at`, [accountId]);
  const balance = async (accountId: string) => Number((await t.query<{ balance: string }>('SELECT balance FROM accounts WHERE id = $1', [accountId]))[0].balance);

  beforeAll(async () => {
    t = await createTestContext();
    owner = await t.createCustomer({ password: 'owner-pass-12' });
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set('2026-11-22T09:00:00Z'));

  it('when a period ends, then the job opens the next one: applies the scheduled tariff, charges the fee once, resets packages — run twice, charged once', async () => {
    const acc = await t.openMobileAccount(owner.id, { balance: 1000_00, lines: [{ tariffCode: 'megafon-vse' }] });
    const token = (await t.signIn(owner.phone, 'owner-pass-12')).accessToken;
    const [minimum] = await t.query<{ id: string }>(`SELECT id FROM tariffs WHERE code = 'megafon-minimum'`);
    await t.http.post(`/api/v1/accounts/${acc.accountId}/lines/${acc.lineIds[0]}/tariff-change`).set(t.bearer(token)).send({ tariffId: minimum.id, when: 'next_period' }).expect(200);
    await t.query('UPDATE mobile_lines SET minutes_left = 3 WHERE id = $1', [acc.lineIds[0]]);

    t.clock.set('2026-12-22T09:00:01Z');
    const first = await t.services.periods.runDue();
    expect(first.lines).toBeGreaterThanOrEqual(1);
    const second = await t.services.periods.runDue();
    expect(second.lines).toBe(0);

    const l = await line(acc.lineIds[0]);
    expect(l).toMatchObject({ tariff_id: minimum.id, minutes_left: 400, mb_left: 10240, status: 'active' });
    expect(l.period_start.toISOString()).toBe('2026-12-22T09:00:00.000Z');
    expect(l.period_end.toISOString()).toBe('2027-01-22T09:00:00.000Z');
    // Минимум: 350 ₽ fee + 100 ₽ change fee, charged once.
    expect((await fees(acc.accountId)).map((f) => Number(f.amount))).toEqual([-45000]);
    expect(await balance(acc.accountId)).toBe(1000_00 - 45000);
    expect((await t.query(`SELECT status FROM scheduled_tariff_changes WHERE line_id = $1`, [acc.lineIds[0]]))[0]).toEqual({ status: 'applied' });
  });

  it('when the balance cannot pay the monthly fee, then the line is blocked for debt and nothing is charged', async () => {
    const acc = await t.openMobileAccount(owner.id, { balance: 100_00, lines: [{ tariffCode: 'megafon-vse' }] });
    t.clock.set('2026-12-22T09:00:01Z');
    await t.services.periods.runDue();
    expect(await line(acc.lineIds[0])).toMatchObject({ status: 'blocked', block_reason: 'debt', minutes_left: 0 });
    expect(await fees(acc.accountId)).toEqual([]);
    expect(await balance(acc.accountId)).toBe(100_00);
  });

  it('when a line is on a voluntary block, then no monthly fee; after 90 free days a daily fee, once per day', async () => {
    const acc = await t.openMobileAccount(owner.id, { balance: 100_00, lines: [{ tariffCode: 'megafon-vse' }] });
    const token = (await t.signIn(owner.phone, 'owner-pass-12')).accessToken;
    await t.http.post(`/api/v1/accounts/${acc.accountId}/lines/${acc.lineIds[0]}/block`).set(t.bearer(token)).expect(204);
    t.clock.set('2026-12-22T09:00:01Z');
    await t.services.periods.runDue();
    expect(await fees(acc.accountId)).toEqual([]);

    t.clock.set(new Date(Date.parse('2026-11-22T09:00:00Z') + 93 * 24 * 3600_000 + 60_000)); // 93 days blocked
    await t.services.periods.chargeBlockFees();
    await t.services.periods.chargeBlockFees();
    const blockFees = await t.query<{ amount: string }>(`SELECT amount FROM ledger_entries WHERE account_id = $1 AND kind = 'block_fee'`, [acc.accountId]);
    expect(blockFees.map((f) => Number(f.amount))).toEqual([-100, -100, -100]);
  });

  it('when an internet contract’s period ends, then the fee is charged and paid-until moves a month on', async () => {
    const acc = await t.openInternetAccount(owner.id, { balance: 1000_00, tariffCode: 'skynet-500' });
    t.clock.set('2026-12-22T09:00:01Z');
    await t.services.periods.runDue();
    await t.services.periods.runDue();
    expect((await fees(acc.accountId)).map((f) => Number(f.amount))).toEqual([-75000]);
    const [a] = await t.query<{ paid_until: string }>('SELECT paid_until FROM accounts WHERE id = $1', [acc.accountId]);
    expect(a.paid_until).toBe('2027-01-22');
  });

  it('when pg-boss runs the scheduled job, then due periods roll over', async () => {
    const acc = await t.openMobileAccount(owner.id, { balance: 1000_00, lines: [{ tariffCode: 'tele2-black' }] });
    t.clock.set('2026-12-22T09:00:01Z');
    const boss = await startJobs(t.config.databaseUrl!, jobTable(t.services), createLogger('silent'), { pollingIntervalSeconds: 0.5 });
    try {
      await boss.send('billing-periods', {});
      const deadline = Date.now() + 15_000;
      while ((await line(acc.lineIds[0])).period_start.toISOString() !== '2026-12-22T09:00:00.000Z' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
      }
      expect((await line(acc.lineIds[0])).period_start.toISOString()).toBe('2026-12-22T09:00:00.000Z');
      expect((await fees(acc.accountId)).map((f) => Number(f.amount))).toEqual([-50000]);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  });
});
