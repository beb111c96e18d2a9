import { routeTable } from '../../src/app';
import { createTestContext, type TestContext } from '../support';
import { days, getLoan, issueLoan, ledgerOf, newBorrower, productIds, repay } from './helpers';

const rub = (amount: number) => ({ amount, currency: 'RUB' });

describe('servicing a loan', () => {
  let t: TestContext;
  let ids: { short: string; instalment: string };
  beforeEach(async () => {
    t = await createTestContext(); // each test starts on 2026-11-22 with its own clock
    ids = await productIds(t);
  });
  afterEach(() => t.close());

  it('when a short loan is repaid early, then interest is counted to the day by the clock: 10 days of 10 000 ₽ cost 800 ₽, not 2 400 ₽', async () => {
    const { b, loanId, cardId } = await issueLoan(t, { productId: ids.short, amount: 10_000_00, termDays: 30 });
    expect(await t.services.loans.hasOpenLoan(b.customer.id)).toBe(true);
    t.clock.advance(days(10)); // 2026-12-02
    const before = await getLoan(t, b, loanId);
    expect(before.debt).toMatchObject({ principal: rub(10_000_00), interest: rub(800_00), penalty: rub(0), total: rub(10_800_00), asOf: '2026-12-02' });

    const paid = await repay(t, b, loanId, cardId, 10_800_00);
    expect(paid.body).toMatchObject({ status: 'succeeded', purpose: 'loan_repayment', loanId, accountId: null, amount: rub(10_800_00) });
    const after = await getLoan(t, b, loanId);
    expect(after).toMatchObject({ status: 'repaid', debt: null, contract: { totalToRepay: rub(10_800_00) } });
    expect(after.operations.at(-1)).toMatchObject({ kind: 'repayment', amount: rub(10_800_00), toInterest: rub(800_00), toPrincipal: rub(10_000_00), toPenalty: rub(0) });
    expect(after.history.at(-1)).toMatchObject({ status: 'repaid' });
    expect((await t.lastMessage(b.customer.phone))?.body).toMatch(/погашен полностью/);
    const ledger = await ledgerOf(t, loanId);
    expect(ledger.loan).toMatchObject({ principal: 0, interest: 0, penalty: 0, paid: 10_800_00, charged: 800_00 });
    expect(ledger.sums).toEqual({ principal: 0, interest: 0, penalty: 0, charged: 800_00, paid: 10_800_00 });
    expect(await t.services.loans.hasOpenLoan(b.customer.id)).toBe(false);
  });

  it('when a partial payment is made on an overdue loan, then it goes to penalties, then interest, then principal', async () => {
    const { b, loanId, cardId } = await issueLoan(t, { productId: ids.short, amount: 10_000_00, termDays: 30 });
    t.clock.advance(days(40)); // 2027-01-01: 10 days past the due date
    await t.services.loans.servicing.runDaily();
    // By hand: interest 40 × 80 ₽ = 3 200 ₽; penalty 10 000 × 20 % / 365 × 10 = 54.794… → 54.79 ₽.
    const overdue = await getLoan(t, b, loanId);
    expect(overdue).toMatchObject({ status: 'overdue', debt: { principal: rub(10_000_00), interest: rub(3_200_00), penalty: rub(54_79), total: rub(13_254_79) } });
    expect(overdue.schedule[0].status).toBe('overdue');

    await repay(t, b, loanId, cardId, 3_000_00);
    let loan = await getLoan(t, b, loanId);
    expect(loan.operations.at(-1)).toMatchObject({ toPenalty: rub(54_79), toInterest: rub(2_945_21), toPrincipal: rub(0) });
    expect(loan.debt).toMatchObject({ principal: rub(10_000_00), interest: rub(254_79), penalty: rub(0) });
    expect(loan.contract?.totalToRepay).toEqual(rub(13_254_79));

    await repay(t, b, loanId, cardId, 500_00);
    loan = await getLoan(t, b, loanId);
    expect(loan.operations.at(-1)).toMatchObject({ toPenalty: rub(0), toInterest: rub(254_79), toPrincipal: rub(245_21) });
    expect(loan).toMatchObject({ status: 'overdue', debt: { principal: rub(9_754_79), interest: rub(0), penalty: rub(0), total: rub(9_754_79) } });

    await repay(t, b, loanId, cardId, 9_754_79);
    expect((await getLoan(t, b, loanId)).status).toBe('repaid');
    const ledger = await ledgerOf(t, loanId);
    expect(ledger.sums).toEqual({ principal: 0, interest: 0, penalty: 0, charged: 3_254_79, paid: 13_254_79 });
  });

  it('when more than the debt is asked to be paid, then 400 loan_overpayment and no payment is made', async () => {
    const { b, loanId, cardId } = await issueLoan(t, { productId: ids.short, amount: 10_000_00, termDays: 30 });
    t.clock.advance(days(1));
    const res = await repay(t, b, loanId, cardId, 10_080_01, 400);
    expect(res.body).toMatchObject({ code: 'loan_overpayment', errors: [{ field: 'amount.amount', code: 'max' }] });
    expect(res.body.detail).toMatch(/10\s080,00\s₽/);
    expect(await t.query('SELECT 1 FROM payments WHERE loan_id = $1', [loanId])).toHaveLength(0);
    await repay(t, b, loanId, cardId, 10_080_00); // exactly the debt is fine
  });

  it('when the overdue job runs twice on a day, then the interest and penalty are accrued once and the customer is told once', async () => {
    const { b, loanId } = await issueLoan(t, { productId: ids.short, amount: 10_000_00, termDays: 30, email: `late${process.pid}@example.ru` });
    t.clock.advance(days(35)); // 5 days overdue
    const first = await t.services.loans.servicing.runDaily();
    const once = await ledgerOf(t, loanId);
    const second = await t.services.loans.servicing.runDaily();
    const twice = await ledgerOf(t, loanId);
    expect(first).toMatchObject({ loans: 1, overdue: 1 });
    expect(second).toMatchObject({ loans: 1, overdue: 1, notices: 0 });
    expect(twice).toEqual(once);
    expect(once.loan).toMatchObject({ status: 'overdue', interest: 35 * 80_00, penalty: 2_739 }); // 5 days × 5.4794… ₽
    expect(once.sums).toMatchObject({ interest: 35 * 80_00, penalty: 2_739 });
    expect(await t.query(`SELECT 1 FROM loan_operations WHERE loan_id = $1 AND kind = 'accrual'`, [loanId])).toHaveLength(1);
    const notices = await t.query<{ channel: string }>(`SELECT channel FROM notification_outbox WHERE customer_id = $1 AND body LIKE '%просрочен%' ORDER BY channel`, [b.customer.id]);
    expect(notices.map((n) => n.channel)).toEqual(['email', 'sms']);
    // The next day accrues one more day.
    t.clock.advance(days(1));
    await t.services.loans.servicing.runDaily();
    expect((await ledgerOf(t, loanId)).loan.interest).toBe(36 * 80_00);
  });

  it('when a loan dated after 1 April 2026 is long overdue, then interest and penalties stop at 100 % of the principal; one dated before stops at 130 %', async () => {
    t.clock.set('2026-03-15T09:00:00Z');
    const before = await issueLoan(t, { productId: ids.short, amount: 10_000_00, termDays: 30 });
    t.clock.set('2026-04-10T09:00:00Z');
    const after = await issueLoan(t, { productId: ids.short, amount: 10_000_00, termDays: 30 });
    expect(before.loan.contract?.caps.totalCost).toBe(130);
    expect(after.loan.contract?.caps.totalCost).toBe(100);

    t.clock.set('2027-05-01T09:00:00Z'); // over a year overdue
    await t.services.loans.servicing.runDaily();
    const a = await ledgerOf(t, after.loanId);
    const b = await ledgerOf(t, before.loanId);
    expect(a.loan.interest + a.loan.penalty).toBe(10_000_00);
    expect(a.loan.charged).toBe(10_000_00);
    expect(b.loan.interest + b.loan.penalty).toBe(13_000_00);
    expect(b.loan.charged).toBe(13_000_00);
    expect((await getLoan(t, after.b, after.loanId)).debt).toMatchObject({ total: rub(20_000_00), charged: rub(10_000_00), chargeCap: rub(10_000_00) });

    t.clock.advance(days(60));
    await t.services.loans.servicing.runDaily();
    expect((await ledgerOf(t, after.loanId)).loan.charged).toBe(10_000_00);
    expect((await ledgerOf(t, before.loanId)).loan.charged).toBe(13_000_00);
    expect((await ledgerOf(t, before.loanId)).sums.charged).toBe(13_000_00);
  });

  it('when a due date is 3 days away, then the customer is reminded once', async () => {
    const { b } = await issueLoan(t, { productId: ids.short, amount: 10_000_00, termDays: 30 });
    t.clock.advance(days(26)); // 2026-12-18: 4 days before
    await t.services.loans.servicing.runDaily();
    const reminders = () => t.query(`SELECT body FROM notification_outbox WHERE customer_id = $1 AND body LIKE '%до 22.12.2026. Оплатить%'`, [b.customer.id]);
    expect(await reminders()).toHaveLength(0);
    t.clock.advance(days(1));
    await t.services.loans.servicing.runDaily();
    await t.services.loans.servicing.runDaily();
    t.clock.advance(days(1));
    await t.services.loans.servicing.runDaily();
    expect(await reminders()).toEqual([{ body: expect.stringMatching(/платёж 12\s400,00\s₽ — до 22\.12\.2026/) }]);
  });

  it('when a short loan is extended, then the interest to date and the fee are paid and the due date moves', async () => {
    const { b, loanId, cardId } = await issueLoan(t, { productId: ids.short, amount: 10_000_00, termDays: 30 });
    t.clock.advance(days(10)); // 2026-12-02
    const offer = await t.http.get(`/api/v1/loans/${loanId}/extension`).query({ days: 14 }).set(await b.auth()).expect(200);
    expect(offer.body).toMatchObject({ available: true, days: 14, interest: rub(800_00), penalty: rub(0), fee: rub(300_00), total: rub(1_100_00), dueOn: '2026-12-22', newDueOn: '2027-01-05', extensionsLeft: 3 });
    const bad = await t.http.post(`/api/v1/loans/${loanId}/extension`).set(await b.auth()).set('Idempotency-Key', 'ext-bad').send({ days: 45, method: 'saved_card', cardId }).expect(400);
    expect(bad.body.errors[0].field).toBe('days');

    const paid = await t.http.post(`/api/v1/loans/${loanId}/extension`).set(await b.auth()).set('Idempotency-Key', 'ext-1').send({ days: 14, method: 'saved_card', cardId }).expect(201);
    expect(paid.body).toMatchObject({ status: 'succeeded', purpose: 'loan_extension', amount: rub(1_100_00) });
    const loan = await getLoan(t, b, loanId);
    expect(loan).toMatchObject({ status: 'active', extensions: 1, contract: { dueOn: '2027-01-05' }, debt: { principal: rub(10_000_00), interest: rub(0), charged: rub(1_100_00) } });
    // 34 more days of interest from today to the new date: 2 720 ₽.
    expect(loan.schedule).toEqual([expect.objectContaining({ dueOn: '2027-01-05', principal: rub(10_000_00), interest: rub(2_720_00), total: rub(12_720_00), status: 'next' })]);
    expect(loan.operations.at(-1)).toMatchObject({ kind: 'extension', toInterest: rub(800_00), toFee: rub(300_00), toPrincipal: rub(0) });
    expect(loan.history.at(-1)?.note).toMatch(/Срок продлён до 05\.01\.2027/);
    const ledger = await ledgerOf(t, loanId);
    expect(ledger.sums).toEqual({ principal: 10_000_00, interest: 0, penalty: 0, charged: 1_100_00, paid: 1_100_00 });

    // Not past the old due date any more: no overdue on 2026-12-23.
    t.clock.set('2026-12-24T09:00:00Z');
    await t.services.loans.servicing.runDaily();
    expect((await getLoan(t, b, loanId)).status).toBe('active');
  });

  it('when an instalment loan is paid on schedule, then each payment closes its row; a missed one makes it overdue', async () => {
    const { b, loanId, cardId, loan } = await issueLoan(t, { productId: ids.instalment, amount: 30_000_00, termDays: 60 });
    expect(loan.schedule.map((r) => [r.dueOn, r.total.amount, r.status])).toEqual([
      ['2026-12-22', 1_740_178, 'next'],
      ['2027-01-21', 1_740_178, 'planned'],
    ]);
    expect(loan.extensions).toBe(0);
    expect((await t.http.get(`/api/v1/loans/${loanId}/extension`).set(await b.auth()).expect(200)).body).toMatchObject({ available: false, reason: 'not_extendable' });
    expect((await t.http.post(`/api/v1/loans/${loanId}/extension`).set(await b.auth()).set('Idempotency-Key', 'x').send({ days: 14, method: 'saved_card', cardId }).expect(409)).body.code).toBe('loan_not_extendable');

    t.clock.advance(days(30)); // the first due date
    await repay(t, b, loanId, cardId, 17_401_78);
    let now = await getLoan(t, b, loanId);
    expect(now.status).toBe('active');
    expect(now.schedule.map((r) => [r.total.amount, r.status])).toEqual([
      [1_740_178, 'paid'],
      [1_740_178, 'next'],
    ]);
    expect(now.debt?.principal).toEqual(rub(1_574_822));
    expect(now.nextPayment).toEqual({ dueOn: '2027-01-21', amount: rub(1_740_178) });
    expect(now.contract?.totalToRepay).toEqual(rub(3_480_356)); // paid so far + what the schedule still asks

    t.clock.advance(days(31)); // a day past the second
    await t.services.loans.servicing.runDaily();
    now = await getLoan(t, b, loanId);
    expect(now.status).toBe('overdue');
    expect(now.schedule[1].status).toBe('overdue');
    await repay(t, b, loanId, cardId, now.debt!.total.amount);
    expect((await getLoan(t, b, loanId)).status).toBe('repaid');
  });

  it('when a part of an instalment loan is repaid early, then the payments ahead are recalculated on the smaller principal', async () => {
    const { b, loanId, cardId } = await issueLoan(t, { productId: ids.instalment, amount: 30_000_00, termDays: 90 });
    t.clock.advance(days(10));
    await repay(t, b, loanId, cardId, 10_000_00);
    const loan = await getLoan(t, b, loanId);
    // 10 days of interest (30 000 × 0.35 % × 10 = 1 050 ₽) first, then 8 950 ₽ of principal.
    expect(loan.operations.at(-1)).toMatchObject({ toInterest: rub(1_050_00), toPrincipal: rub(8_950_00) });
    expect(loan.debt?.principal).toEqual(rub(21_050_00));
    expect(loan.schedule.every((r) => r.status === 'next' || r.status === 'planned')).toBe(true);
    expect(loan.schedule.at(-1)?.remainingAfter).toEqual(rub(0));
    const principalPlanned = loan.schedule.reduce((s, r) => s + r.principal.amount, 0);
    expect(principalPlanned).toBe(21_050_00);
    expect(loan.schedule[0].total.amount).toBeLessThan(1_206_000_0);
  });

  it('when repaid by a new card on the acquirer’s page, then the payment is applied once its callback arrives', async () => {
    const { b, loanId } = await issueLoan(t, { productId: ids.short, amount: 10_000_00, termDays: 30 });
    t.clock.advance(1000);
    const started = await t.http
      .post(`/api/v1/loans/${loanId}/repayments`)
      .set(await b.auth())
      .set('Idempotency-Key', 'card-1')
      .send({ amount: rub(4_000_00), method: 'bank_card' })
      .expect(201);
    expect(started.body).toMatchObject({ status: 'pending', confirmation: { type: 'redirect' }, loanId });
    const replay = await t.http.post(`/api/v1/loans/${loanId}/repayments`).set(await b.auth()).set('Idempotency-Key', 'card-1').send({ amount: rub(4_000_00), method: 'bank_card' }).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(started.body.id);
    const back = await t.payOnAcquirerPage(started.body.confirmation.url, { holder: 'TEST TESTOV' });
    expect(back).toBe(`/loans/${loanId}?payment=${started.body.id}`);
    const loan = await getLoan(t, b, loanId);
    expect(loan.debt?.principal).toEqual(rub(6_000_00));
    const payments = await t.http.get('/api/v1/payments').set(await b.auth()).expect(200);
    expect(payments.body.items[0]).toMatchObject({ id: started.body.id, purpose: 'loan_repayment', status: 'succeeded', loanId });
    // Without the header the repayment is refused.
    expect((await t.http.post(`/api/v1/loans/${loanId}/repayments`).set(await b.auth()).send({ amount: rub(1_00), method: 'bank_card' }).expect(400)).body.code).toBe('idempotency_key_required');
  });

  it('when two payments together pay more than the debt, then the second is applied only as far as the debt goes and the rest is refunded', async () => {
    const { b, loanId, cardId } = await issueLoan(t, { productId: ids.short, amount: 10_000_00, termDays: 30 });
    const first = await t.http.post(`/api/v1/loans/${loanId}/repayments`).set(await b.auth()).set('Idempotency-Key', 'a').send({ amount: rub(8_000_00), method: 'bank_card' }).expect(201);
    await repay(t, b, loanId, cardId, 5_000_00); // the saved card, at once: 5 000 left
    await t.payOnAcquirerPage(first.body.confirmation.url, { holder: 'TEST TESTOV' });
    const loan = await getLoan(t, b, loanId);
    expect(loan.status).toBe('repaid');
    const [p] = await t.query<{ refunded: string }>('SELECT refunded FROM payments WHERE id = $1', [first.body.id]);
    expect(p.refunded).toBe('300000');
    expect((await ledgerOf(t, loanId)).loan.paid).toBe(10_000_00);
  });

  it('when a stranger calls any route of someone’s loan, then 404 every time', async () => {
    const { loanId } = await issueLoan(t, { productId: ids.short });
    const stranger = await newBorrower(t);
    const headers = await stranger.auth();
    const bodies: Record<string, object | undefined> = {
      'GET /loans/:id': undefined,
      'PATCH /loans/:id': {},
      'POST /loans/:id/submit': { consents: [] },
      'POST /loans/:id/cancel': undefined,
      'POST /loans/:id/disburse': { cardId: '00000000-0000-4000-8000-000000000000' },
      'POST /loans/:id/repayments': { amount: rub(1_00), method: 'bank_card' },
      'GET /loans/:id/extension': undefined,
      'POST /loans/:id/extension': { days: 14, method: 'bank_card' },
      'POST /loans/:id/services/:code/refund': undefined,
    };
    const loanRoutes = routeTable({ config: t.config, ds: t.ds, clock: t.clock }, t.services).filter((r) => r.path.startsWith('/loans/:id'));
    expect(loanRoutes.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort()).toEqual(Object.keys(bodies).sort());
    for (const r of loanRoutes) {
      const key = `${r.method.toUpperCase()} ${r.path}`;
      const req = (t.http as unknown as Record<string, (u: string) => import('supertest').Test>)[r.method](`/api/v1${r.path.replace(':id', loanId)}`).set(headers).set('Idempotency-Key', `stranger-${key.replace(/\W+/g, '-')}`);
      const res = bodies[key] ? await req.send(bodies[key]) : await req;
      expect([key, res.status, res.body.code, res.body.errors]).toEqual([key, 404, 'not_found', undefined]);
    }
    // …and the list has nothing of theirs.
    expect((await t.http.get('/api/v1/loans').set(headers).expect(200)).body.items).toEqual([]);
  });
});
