import type { LoanServiceLine, LoanView } from '@cabinet/shared-types';
import { createTestContext, type TestContext } from '../support';
import { allConsents, bindCard, borrowerData, days, getLoan, ledgerOf, newBorrower, productIds, verifyPhone, type Borrower } from './helpers';

const rub = (amount: number) => ({ amount, currency: 'RUB' as const });
const INSURANCE = 990_00;
const LEGAL = 1_490_00;

describe('opt-in services never preselected and refundable by the clock', () => {
  let t: TestContext;
  let ids: { short: string; instalment: string };
  beforeEach(async () => {
    t = await createTestContext(); // 2026-11-22, the clock ours to move
    ids = await productIds(t);
  });
  afterEach(() => t.close());

  /** A draft of 10 000 ₽ for 30 days with personal data; `services` sent only when given. */
  async function draft(b: Borrower, opts: { services?: string[]; income?: number } = {}): Promise<LoanView> {
    const headers = await b.auth();
    const token = await verifyPhone(t, b.customer.phone);
    const created = await t.http.post('/api/v1/loans').set(headers).send({ productId: ids.short, amount: rub(10_000_00), termDays: 30, verificationToken: token }).expect(201);
    const body: Record<string, unknown> = { borrower: borrowerData(opts.income ? { monthlyIncome: rub(opts.income) } : {}) };
    if (opts.services) body.services = opts.services;
    return (await t.http.patch(`/api/v1/loans/${created.body.id}`).set(headers).send(body).expect(200)).body;
  }

  async function submit(b: Borrower, id: string): Promise<LoanView> {
    return (await t.http.post(`/api/v1/loans/${id}/submit`).set(await b.auth()).send({ consents: await allConsents(t) }).expect(200)).body;
  }

  /** Applied with the services, approved, a card bound, the money taken: the loan as the payout left it. */
  async function issued(services: string[]): Promise<{ b: Borrower; loan: LoanView; cardId: string }> {
    const b = await newBorrower(t);
    const d = await draft(b, { services });
    expect((await submit(b, d.id)).status).toBe('approved');
    const cardId = await bindCard(t, b);
    const res = await t.http.post(`/api/v1/loans/${d.id}/disburse`).set(await b.auth()).send({ cardId }).expect(200);
    expect(res.body.status).toBe('active');
    return { b, loan: res.body, cardId };
  }

  const refund = async (b: Borrower, loanId: string, code: string, status: number) =>
    t.http.post(`/api/v1/loans/${loanId}/services/${code}/refund`).set(await b.auth()).expect(status);

  const line = (l: LoanView, code: string): LoanServiceLine => l.services.find((s) => s.code === code)!;

  it('when the catalog is asked for without signing in, then each service has its own price and a 14-day refund window', async () => {
    const res = await t.http.get('/api/v1/loans/services').expect(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ code: 'insurance', name: 'Страхование от несчастного случая', price: rub(INSURANCE), refundDays: 14 }),
      expect.objectContaining({ code: 'legal', name: 'Юридическая консультация онлайн, подписка на 3 месяца', price: rub(LEGAL), refundDays: 14 }),
    ]);
  });

  it('when a draft is made and saved without naming services, then it has none; naming one adds exactly it and changes nothing about the loan', async () => {
    const b = await newBorrower(t);
    const plain = await draft(b);
    expect(plain.services).toEqual([]);
    expect(await t.query('SELECT 1 FROM loan_service_purchases WHERE loan_id = $1', [plain.id])).toHaveLength(0);

    const headers = await b.auth();
    const chosen = (await t.http.patch(`/api/v1/loans/${plain.id}`).set(headers).send({ services: ['insurance'] }).expect(200)).body as LoanView;
    expect(chosen.services).toEqual([expect.objectContaining({ code: 'insurance', price: rub(INSURANCE), status: 'selected', paymentId: null, refundable: false })]);
    // The loan itself is untouched: amount, term and the offered contract are those of the calculator.
    const calc = (await t.http.get('/api/v1/loans/calculator').query({ productId: ids.short, amount: 10_000_00, termDays: 30 }).expect(200)).body;
    expect(chosen).toMatchObject({ amount: rub(10_000_00), termDays: 30 });
    const [row] = await t.query<{ amount: string }>('SELECT amount FROM loans WHERE id = $1', [plain.id]);
    expect(Number(row.amount)).toBe(10_000_00);
    expect(calc.totalToRepay).toEqual(rub(12_400_00));

    // A later save of other fields keeps the choice; an empty list clears it.
    const again = (await t.http.patch(`/api/v1/loans/${plain.id}`).set(headers).send({ termDays: 30 }).expect(200)).body as LoanView;
    expect(again.services.map((s) => s.code)).toEqual(['insurance']);
    const cleared = (await t.http.patch(`/api/v1/loans/${plain.id}`).set(headers).send({ services: [] }).expect(200)).body as LoanView;
    expect(cleared.services).toEqual([]);
  });

  it('when an unknown service is named, then 400 names the field and the selection stays as it was', async () => {
    const b = await newBorrower(t);
    const d = await draft(b, { services: ['legal'] });
    const res = await t.http.patch(`/api/v1/loans/${d.id}`).set(await b.auth()).send({ services: ['insurance', 'casino'] }).expect(400);
    expect(res.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'services.1', code: 'isIn' }] });
    expect((await getLoan(t, b, d.id)).services.map((s) => s.code)).toEqual(['legal']);
  });

  it('when the same application is submitted with and without services, then the decision and every rule’s finding are the same', async () => {
    // 26 000 ₽ a month: the 12 400 ₽ repayment is 48 % of it (approved); with the services' 2 480 ₽ it would be 57 % (review).
    const plainB = await newBorrower(t);
    const plain = await draft(plainB, { income: 26_000_00 });
    const withB = await newBorrower(t);
    const withServices = await draft(withB, { income: 26_000_00, services: ['insurance', 'legal'] });
    const a = await submit(plainB, plain.id);
    const c = await submit(withB, withServices.id);
    expect(a.status).toBe('approved');
    expect(c.status).toBe(a.status);
    expect(c.decision).toMatchObject({ outcome: a.decision!.outcome, reason: a.decision!.reason });
    expect(c.contract).toEqual(a.contract);
    const rules = await t.query<{ id: string; decision_rules: { rule: string; outcome: string; detail: string }[] }>('SELECT id, decision_rules FROM loans WHERE id = ANY($1)', [[plain.id, withServices.id]]);
    const of = (id: string) => rules.find((r) => r.id === id)!.decision_rules;
    expect(of(withServices.id)).toEqual(of(plain.id));
    expect(of(plain.id).find((r) => r.rule === 'payment_to_income')).toMatchObject({ outcome: 'pass', detail: expect.stringMatching(/^48 %/) });
  });

  it('when the money is paid out, then each chosen service is its own card payment and the loan’s principal, payout and ledger do not include it', async () => {
    const { loan } = await issued(['insurance']);
    const s = line(loan, 'insurance');
    expect(s).toMatchObject({ status: 'paid', price: rub(INSURANCE), refundable: true, refundedAt: null });
    expect(new Date(s.refundableUntil!).getTime() - new Date(s.paidAt!).getTime()).toBe(days(14));
    const payments = await t.query<{ id: string; amount: string; purpose: string; status: string; loan_id: string }>('SELECT id, amount, purpose, status, loan_id FROM payments WHERE loan_id = $1', [loan.id]);
    expect(payments).toEqual([{ id: s.paymentId, amount: String(INSURANCE), purpose: 'loan_service', status: 'succeeded', loan_id: loan.id }]);
    const [payout] = await t.query<{ amount: string }>('SELECT amount FROM payouts WHERE ref = $1', [loan.id]);
    expect(Number(payout.amount)).toBe(10_000_00);
    expect(loan.debt).toMatchObject({ principal: rub(10_000_00), total: rub(10_000_00) });
    expect(loan.contract?.totalToRepay).toEqual(rub(12_400_00));
    expect(loan.operations).toEqual([expect.objectContaining({ kind: 'disbursement', amount: rub(10_000_00) })]);
    const ledger = await ledgerOf(t, loan.id);
    expect(ledger.loan).toMatchObject({ principal: 10_000_00, paid: 0 });
    expect(ledger.sums).toEqual({ principal: 10_000_00, interest: 0, penalty: 0, charged: 0, paid: 0 });
  });

  it('when no service was chosen, then the payout charges nothing besides the loan', async () => {
    const { loan } = await issued([]);
    expect(loan.services).toEqual([]);
    expect(await t.query('SELECT 1 FROM payments WHERE loan_id = $1', [loan.id])).toHaveLength(0);
  });

  it('when a service is given up on day 14, then its whole price goes back to the card once, audited and told; a second time is 409', async () => {
    const { b, loan } = await issued(['insurance', 'legal']);
    const paymentId = line(loan, 'insurance').paymentId!;
    t.clock.advance(days(14) - 60_000); // a minute before the window closes

    const res = await refund(b, loan.id, 'insurance', 200);
    expect(res.body).toMatchObject({ code: 'insurance', status: 'refunded', refundable: false, price: rub(INSURANCE) });
    const [p] = await t.query<{ refunded: string; provider_payment_id: string }>('SELECT refunded, provider_payment_id FROM payments WHERE id = $1', [paymentId]);
    expect(Number(p.refunded)).toBe(INSURANCE);
    const [acq] = await t.query<{ refunded: string }>('SELECT refunded FROM sandbox_acquirer_payments WHERE id = $1', [p.provider_payment_id]);
    expect(Number(acq.refunded)).toBe(INSURANCE);
    const [row] = await t.query<{ status: string; refunded_amount: string }>(`SELECT status, refunded_amount FROM loan_service_purchases WHERE loan_id = $1 AND service_code = 'insurance'`, [loan.id]);
    expect(row).toEqual({ status: 'refunded', refunded_amount: String(INSURANCE) });
    const audit = await t.query<{ details: { service: string; amount: number } }>(`SELECT details FROM audit_log WHERE action = 'loan_service_refunded' AND customer_id = $1`, [b.customer.id]);
    expect(audit).toEqual([{ details: expect.objectContaining({ loanId: loan.id, service: 'insurance', amount: INSURANCE }) }]);
    expect((await t.lastMessage(b.customer.phone))?.body).toMatch(/отказались от услуги «Страхование от несчастного случая».*990,00\s₽ вернутся на карту/);

    const twice = await refund(b, loan.id, 'insurance', 409);
    expect(twice.body).toMatchObject({ code: 'service_already_refunded' });
    const after = await getLoan(t, b, loan.id);
    expect(line(after, 'insurance')).toMatchObject({ status: 'refunded', refundedAt: expect.any(String) });
    expect(line(after, 'legal')).toMatchObject({ status: 'paid', refundable: true });
    // The loan is as it was: the refund is no repayment.
    expect(after.debt?.principal).toEqual(rub(10_000_00));
    expect((await ledgerOf(t, loan.id)).loan.paid).toBe(0);
  });

  it('when the refund is asked for on day 15, then 409 service_refund_period_over and nothing moves', async () => {
    const { b, loan } = await issued(['legal']);
    t.clock.advance(days(14) + 60_000);
    expect((await getLoan(t, b, loan.id)).services[0]).toMatchObject({ status: 'paid', refundable: false });
    const res = await refund(b, loan.id, 'legal', 409);
    expect(res.body).toMatchObject({ code: 'service_refund_period_over', status: 409 });
    const [p] = await t.query<{ refunded: string }>('SELECT refunded FROM payments WHERE id = $1', [loan.services[0].paymentId]);
    expect(Number(p.refunded)).toBe(0);
    expect(await t.query(`SELECT 1 FROM audit_log WHERE action = 'loan_service_refunded' AND customer_id = $1`, [b.customer.id])).toHaveLength(0);
  });

  it('when someone else asks for the refund, or names a service not on the loan, then 404; a service only chosen is 409 service_not_paid', async () => {
    const { b, loan } = await issued(['insurance']);
    const stranger = await newBorrower(t);
    expect((await refund(stranger, loan.id, 'insurance', 404)).body).toMatchObject({ code: 'not_found' });
    expect((await refund(b, loan.id, 'legal', 404)).body).toMatchObject({ code: 'not_found' });
    const [p] = await t.query<{ refunded: string }>('SELECT refunded FROM payments WHERE id = $1', [loan.services[0].paymentId]);
    expect(Number(p.refunded)).toBe(0);

    const other = await newBorrower(t);
    const d = await draft(other, { services: ['legal'] });
    expect((await refund(other, d.id, 'legal', 409)).body).toMatchObject({ code: 'service_not_paid' });
  });

  it('when two refunds of the same service run at once, then one succeeds, the other is 409, and the price comes back exactly once', async () => {
    const { b, loan } = await issued(['insurance']);
    const headers = await b.auth();
    const [x, y] = await Promise.all([
      t.http.post(`/api/v1/loans/${loan.id}/services/insurance/refund`).set(headers),
      t.http.post(`/api/v1/loans/${loan.id}/services/insurance/refund`).set(headers),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    const [p] = await t.query<{ refunded: string; provider_payment_id: string }>('SELECT refunded, provider_payment_id FROM payments WHERE id = $1', [loan.services[0].paymentId]);
    expect(Number(p.refunded)).toBe(INSURANCE);
    const [acq] = await t.query<{ refunded: string }>('SELECT refunded FROM sandbox_acquirer_payments WHERE id = $1', [p.provider_payment_id]);
    expect(Number(acq.refunded)).toBe(INSURANCE);
    expect(await t.query(`SELECT 1 FROM audit_log WHERE action = 'loan_service_refunded' AND customer_id = $1`, [b.customer.id])).toHaveLength(1);
  });
});
