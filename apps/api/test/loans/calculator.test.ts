import { createTestContext, type TestContext } from '../support';
import { productIds } from './helpers';

const money = (amount: number) => ({ amount, currency: 'RUB' });

describe('GET /api/v1/loans/calculator (public)', () => {
  let t: TestContext;
  let ids: { short: string; instalment: string };
  const calc = (q: Record<string, string | number>) => t.http.get('/api/v1/loans/calculator').query(q);

  beforeAll(async () => {
    t = await createTestContext(); // 2026-11-22, 12:00 in Moscow
    ids = await productIds(t);
  });
  afterAll(() => t.close());

  it('when the catalog is read, then it has the two products with their ranges and rates', async () => {
    const res = await t.http.get('/api/v1/loans/products').expect(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ code: 'do-zarplaty', kind: 'short', minAmount: money(1_000_00), maxAmount: money(30_000_00), minTermDays: 7, maxTermDays: 30, dailyRate: 0.8, penaltyRate: 20, paymentPeriodDays: null, extension: { fee: money(300_00), minDays: 7, maxDays: 30, maxCount: 3 } }),
      expect.objectContaining({ code: 'rassrochka', kind: 'instalment', minAmount: money(30_000_00), maxAmount: money(100_000_00), minTermDays: 60, maxTermDays: 360, termStepDays: 30, paymentPeriodDays: 30, dailyRate: 0.35, extension: null }),
    ]);
  });

  it('when 10 000 ₽ are taken for 30 days at 0.8 % a day, then 12 400 ₽ are repaid on 22.12.2026 and the ПСК is 292 %', async () => {
    // By hand: interest = 10 000 × 0.008 × 30 = 2 400 ₽. One payment, so the base period is the term (30 days),
    // ЧБП = 365 / 30, i = 2 400 / 10 000 = 0.24 and ПСК = 0.24 × 365/30 × 100 = 292.000 %.
    const res = await calc({ productId: ids.short, amount: 10_000_00, termDays: 30 }).expect(200);
    expect(res.body).toMatchObject({
      amount: money(10_000_00),
      termDays: 30,
      loanDate: '2026-11-22',
      dueOn: '2026-12-22',
      dailyRate: 0.8,
      psk: 292,
      totalToRepay: money(12_400_00),
      overpayment: money(2_400_00),
      capped: false,
      schedule: [{ n: 1, dueOn: '2026-12-22', principal: money(10_000_00), interest: money(2_400_00), total: money(12_400_00), remainingAfter: money(0), status: 'planned' }],
    });
    expect(res.body.caps).toMatchObject({ date: '2026-11-22', dailyRate: 0.8, totalCost: 100, penaltyRate: 20, highCostLoans: { pskAbove: 200, maxLoans: 2 } });
  });

  it('when 1 000 ₽ are taken for 7 days, then 56 ₽ of interest and still a ПСК of 292 % (0.8 × 365)', async () => {
    const res = await calc({ productId: ids.short, amount: 1_000_00, termDays: 7 }).expect(200);
    expect(res.body).toMatchObject({ dueOn: '2026-11-29', totalToRepay: money(1_056_00), overpayment: money(56_00), psk: 292 });
  });

  it('when 30 000 ₽ are taken in instalments for 2 months, then two equal payments of 17 401,78 ₽ and a ПСК of 127.75 %', async () => {
    // By hand, r = 0.35 % × 30 days = 0.105 per period:
    //   payment A = P·(1+r)² / ((1+r) + 1) = 30 000 × 1.221025 / 2.105 = 17 401.781… → 17 401.78 ₽
    //   1st: interest 30 000 × 0.105 = 3 150.00, principal 17 401.78 − 3 150.00 = 14 251.78, left 15 748.22
    //   2nd: interest 15 748.22 × 0.105 = 1 653.5631 → 1 653.56, principal 15 748.22, total 17 401.78
    //   total 34 803.56, overpayment 4 803.56; base period 30 days, i ≈ 0.105, ПСК = 0.105 × 365/30 × 100 = 127.750 %.
    const res = await calc({ productId: ids.instalment, amount: 30_000_00, termDays: 60 }).expect(200);
    expect(res.body).toMatchObject({
      dueOn: '2027-01-21',
      dailyRate: 0.35,
      psk: 127.75,
      totalToRepay: money(3_480_356),
      overpayment: money(480_356),
      schedule: [
        { n: 1, dueOn: '2026-12-22', principal: money(1_425_178), interest: money(315_000), total: money(1_740_178), remainingAfter: money(1_574_822) },
        { n: 2, dueOn: '2027-01-21', principal: money(1_574_822), interest: money(165_356), total: money(1_740_178), remainingAfter: money(0) },
      ],
    });
  });

  it('when a year of instalments is asked for, then 12 payments and the overpayment stays under the 100 % cap', async () => {
    const res = await calc({ productId: ids.instalment, amount: 100_000_00, termDays: 360 }).expect(200);
    expect(res.body.schedule).toHaveLength(12);
    expect(res.body.overpayment.amount).toBe(8_045_213);
    expect(res.body.capped).toBe(false);
  });

  it('when a product would charge more than the cap over a long term, then the plan is cut at 100 % of the principal', async () => {
    const [p] = await t.query<{ id: string }>(
      `INSERT INTO loan_products (code, name, kind, min_amount, max_amount, min_term_days, max_term_days, daily_rate_ppm, penalty_annual_ppm, created_at)
       VALUES ('test-long', 'Длинный тест', 'short', 100000, 10000000, 7, 365, 8000, 200000, now()) RETURNING id`,
    );
    // 200 days × 0.8 % = 160 % of interest planned; the cap allows 100 %: 10 000 ₽.
    const res = await calc({ productId: p.id, amount: 10_000_00, termDays: 200 }).expect(200);
    expect(res.body).toMatchObject({ capped: true, overpayment: money(10_000_00), totalToRepay: money(20_000_00) });
  });

  it('when a product’s rate is above the 0.8 % daily cap, then 409 loan_cap_exceeded', async () => {
    const [p] = await t.query<{ id: string }>(
      `INSERT INTO loan_products (code, name, kind, min_amount, max_amount, min_term_days, max_term_days, daily_rate_ppm, penalty_annual_ppm, created_at)
       VALUES ('test-greedy', 'Слишком дорогой', 'short', 100000, 3000000, 7, 30, 9000, 200000, now()) RETURNING id`,
    );
    const res = await calc({ productId: p.id, amount: 10_000_00, termDays: 30 }).expect(409);
    expect(res.body.code).toBe('loan_cap_exceeded');
  });

  it('when the amount is negative, the term out of range, or not whole months, then 400 naming the field', async () => {
    expect((await calc({ productId: ids.short, amount: -500, termDays: 30 }).expect(400)).body.errors[0].field).toBe('amount');
    expect((await calc({ productId: ids.short, amount: 10_000_00, termDays: 31 }).expect(400)).body.errors[0].field).toBe('termDays');
    expect((await calc({ productId: ids.short, amount: 50_000_00, termDays: 30 }).expect(400)).body.errors[0].field).toBe('amount');
    expect((await calc({ productId: ids.instalment, amount: 50_000_00, termDays: 75 }).expect(400)).body.errors[0].field).toBe('termDays');
    expect((await calc({ productId: '00000000-0000-4000-8000-000000000000', amount: 10_000_00, termDays: 30 }).expect(404)).body.code).toBe('loan_product_not_found');
  });
});

describe('the caps table', () => {
  it('when read, then each rule has its effective dates and legal source, and the calculator applies the row of its date', async () => {
    const t = await createTestContext({ now: new Date('2026-03-15T09:00:00Z') });
    try {
      const caps = (await t.http.get('/api/v1/loans/caps').expect(200)).body.items as { rule: string; value: number; effectiveFrom: string; effectiveUntil: string | null; source: string }[];
      const total = caps.filter((c) => c.rule === 'total_cost');
      expect(total.map((c) => [c.value, c.effectiveFrom, c.effectiveUntil])).toEqual([
        [150, '2020-01-01', '2023-07-01'],
        [130, '2023-07-01', '2026-04-01'],
        [100, '2026-04-01', null],
      ]);
      expect(caps.find((c) => c.rule === 'high_cost_loans')).toMatchObject({ value: 200, maxLoans: 2, effectiveFrom: '2026-10-01' });
      expect(caps.every((c) => c.source.length > 10)).toBe(true);

      const { short } = await productIds(t);
      const before = (await t.http.get('/api/v1/loans/calculator').query({ productId: short, amount: 10_000_00, termDays: 30 }).expect(200)).body;
      expect(before.caps).toMatchObject({ date: '2026-03-15', totalCost: 130, highCostLoans: null });
      t.clock.set('2026-06-01T09:00:00Z');
      const after = (await t.http.get('/api/v1/loans/calculator').query({ productId: short, amount: 10_000_00, termDays: 30 }).expect(200)).body;
      expect(after.caps).toMatchObject({ date: '2026-06-01', totalCost: 100, highCostLoans: null });
    } finally {
      await t.close();
    }
  });
});
