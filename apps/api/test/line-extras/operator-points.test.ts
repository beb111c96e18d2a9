import { createTestContext, TEST_START, type TestContext } from '../support';

describe('operator points: bonus for paying the bill (the monthly job)', () => {
  let t: TestContext;

  beforeAll(async () => {
    t = await createTestContext();
  });
  afterEach(() => t.clock.set(TEST_START));
  afterAll(() => t.close());

  const charge = (accountId: string, amount: number, kind: 'monthly_fee' | 'option_fee' | 'usage', ref: string) =>
    t.ds.transaction((em) => t.services.ledger.post(em, { accountId, amount: BigInt(-amount), kind, ref }));
  const points = async (customerId: string) => (await t.services.bonus.summary(customerId)).balance;

  it('when a member’s line paid charges last month, then the tariff’s rate of them is accrued once — a second run, or the same month again, adds nothing', async () => {
    const member = await t.createBonusMember();
    const acc = await t.openMobileAccount(member.id, { balance: 5000_00, lines: [{ tariffCode: 'megafon-vse' }, { tariffCode: 'tele2-black' }] });
    const [vse, black] = acc.lineIds as [string, string];
    await charge(acc.accountId, 650_00, 'monthly_fee', `monthly:${vse}:2026-11`);
    await charge(acc.accountId, 150_00, 'option_fee', `option:${vse}:2026-11`);
    await charge(acc.accountId, 500_00, 'monthly_fee', `monthly:${black}:2026-11`); // tele2 «Черный»: no points
    const before = await points(member.id);

    t.clock.set(new Date('2026-12-02T09:00:00Z'));
    const first = await t.services.operatorPoints.accrueMonth();
    expect(first).toMatchObject({ month: '2026-11', accrued: 1, points: 8 }); // 1 % of 800 ₽
    expect(await points(member.id)).toBe(before + 8);

    expect(await t.services.operatorPoints.accrueMonth()).toMatchObject({ accrued: 0, points: 0 });
    expect(await t.services.operatorPoints.accrueMonth('2026-11')).toMatchObject({ accrued: 0 });
    expect(await points(member.id)).toBe(before + 8);
    const lots = await t.query<{ n: number }>(`SELECT count(*)::int AS n FROM bonus_operations WHERE customer_id = $1 AND ref LIKE 'operator-points:%'`, [member.id]);
    expect(lots[0].n).toBe(1);
  });

  it('when the charges were in another month, or the customer is not a member, then nothing is accrued', async () => {
    const member = await t.createBonusMember();
    const acc = await t.openMobileAccount(member.id, { balance: 5000_00 });
    await charge(acc.accountId, 650_00, 'monthly_fee', `monthly:${acc.lineIds[0]}:2026-11`);
    const stranger = await t.createCustomer();
    const other = await t.openMobileAccount(stranger.id, { balance: 5000_00 });
    await charge(other.accountId, 650_00, 'monthly_fee', `monthly:${other.lineIds[0]}:2026-11`);

    t.clock.set(new Date('2027-01-05T09:00:00Z')); // the previous month is December: nothing was paid then
    expect(await t.services.operatorPoints.accrueMonth()).toMatchObject({ month: '2026-12', accrued: 0 });
    t.clock.set(new Date('2026-12-01T00:30:00+03:00')); // just after midnight in Moscow: November is over
    const nov = await t.services.operatorPoints.accrueMonth();
    expect(nov.month).toBe('2026-11');
    expect(await t.query(`SELECT 1 FROM bonus_operations WHERE customer_id = $1`, [stranger.id])).toHaveLength(0);
    expect(await t.query(`SELECT 1 FROM bonus_operations WHERE customer_id = $1 AND ref LIKE 'operator-points:%'`, [member.id])).toHaveLength(1);
  });
});
