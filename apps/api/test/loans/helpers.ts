/**
 * Loan journeys through the front door, for the loan suites: confirm a phone, apply, bind a card, take
 * the money. Each helper goes through the same API a person's browser uses.
 */
import type { BorrowerData, LoanConsentInput, LoanView } from '@cabinet/shared-types';
import type { TestContext, TestCustomer } from '../support';

let passportSeq = 0;

/** Personal data that passes every rule with the default amounts (a unique passport per call). */
export function borrowerData(over: Partial<BorrowerData> = {}): BorrowerData {
  passportSeq += 1;
  return {
    surname: 'Тестов',
    name: 'Тест',
    patronymic: null,
    birthDate: '1990-05-15',
    passportSeries: '40' + String(process.pid % 100).padStart(2, '0'),
    passportNumber: String(100000 + ((process.pid * 37 + passportSeq) % 900000)),
    passportIssuedOn: '2010-06-01',
    registrationAddress: 'Санкт-Петербург, Невский пр., д. 1, кв. 1',
    monthlyIncome: { amount: 150_000_00, currency: 'RUB' },
    employment: 'employed',
    employer: 'ООО «Ромашка»',
    ...over,
  };
}

export interface Borrower {
  customer: TestCustomer;
  /** A fresh bearer header (signs in again: the clock may have moved past the idle timeout). */
  auth(): Promise<{ Authorization: string }>;
}

export async function newBorrower(t: TestContext, over: Parameters<TestContext['createCustomer']>[0] = {}): Promise<Borrower> {
  const customer = await t.createCustomer(over);
  return {
    customer,
    auth: async () => t.bearer((await t.signIn(customer.phone, customer.password)).accessToken),
  };
}

export async function productIds(t: TestContext): Promise<{ short: string; instalment: string }> {
  const rows = await t.query<{ id: string; code: string }>('SELECT id, code FROM loan_products');
  return { short: rows.find((r) => r.code === 'do-zarplaty')!.id, instalment: rows.find((r) => r.code === 'rassrochka')!.id };
}

/** The phone step: a code by SMS, read from the outbox, confirmed. Returns the verification token. */
export async function verifyPhone(t: TestContext, phone: string): Promise<string> {
  t.clock.advance(61_000); // a new code may be asked for after 60 s
  await t.http.post('/api/v1/loans/phone-verification').send({ phone }).expect(202);
  const code = await t.lastSmsCode(phone);
  const res = await t.http.post('/api/v1/loans/phone-verification/confirm').send({ phone, code }).expect(200);
  t.clock.advance(1000); // what is sent next comes after the code in the outbox
  return res.body.verificationToken;
}

export async function allConsents(t: TestContext): Promise<LoanConsentInput[]> {
  const res = await t.http.get('/api/v1/loans/consents').expect(200);
  return res.body.items.map((c: { kind: LoanConsentInput['kind']; version: string }) => ({ kind: c.kind, version: c.version, accepted: true }));
}

/** Draft → personal data → consents → submit; returns the loan as the decision left it. */
export async function apply(
  t: TestContext,
  b: Borrower,
  opts: { productId: string; amount: number; termDays: number; borrower?: Partial<BorrowerData> },
): Promise<LoanView> {
  const headers = await b.auth();
  const token = await verifyPhone(t, b.customer.phone);
  const draft = await t.http.post('/api/v1/loans').set(headers).send({ productId: opts.productId, amount: { amount: opts.amount, currency: 'RUB' }, termDays: opts.termDays, verificationToken: token }).expect(201);
  await t.http.patch(`/api/v1/loans/${draft.body.id}`).set(headers).send({ borrower: borrowerData(opts.borrower) }).expect(200);
  const res = await t.http.post(`/api/v1/loans/${draft.body.id}/submit`).set(headers).send({ consents: await allConsents(t) }).expect(200);
  return res.body;
}

/** Binds a card on the sandbox acquirer's page (1 ₽, refunded); returns the saved card's id. */
export async function bindCard(t: TestContext, b: Borrower, card: { holder?: string; number?: string } = {}): Promise<string> {
  const headers = await b.auth();
  const before = new Set((await t.http.get('/api/v1/cards').set(headers).expect(200)).body.items.map((c: { id: string }) => c.id));
  const bind = await t.http.post('/api/v1/cards').set(headers).send({}).expect(201);
  await t.payOnAcquirerPage(bind.body.confirmation.url, { holder: card.holder ?? 'TEST TESTOV', number: card.number ?? '4111 1111 1111 1111' });
  await t.http.get(`/api/v1/payments/${bind.body.paymentId}`).set(headers).expect(200);
  const cards = (await t.http.get('/api/v1/cards').set(headers).expect(200)).body.items as { id: string }[];
  const added = cards.find((c) => !before.has(c.id));
  if (!added) throw new Error('bindCard: no card was saved');
  t.clock.advance(1000);
  return added.id;
}

/** A loan from application to the money on the card: `active`. */
export async function issueLoan(
  t: TestContext,
  opts: { productId: string; amount?: number; termDays?: number; borrower?: Borrower; email?: string },
): Promise<{ b: Borrower; loanId: string; cardId: string; loan: LoanView }> {
  const b = opts.borrower ?? (await newBorrower(t, opts.email ? { email: opts.email } : {}));
  const applied = await apply(t, b, { productId: opts.productId, amount: opts.amount ?? 10_000_00, termDays: opts.termDays ?? 30 });
  if (applied.status !== 'approved') throw new Error(`issueLoan: the application was ${applied.status}: ${JSON.stringify(applied.decision)}`);
  const cardId = await bindCard(t, b);
  const res = await t.http.post(`/api/v1/loans/${applied.id}/disburse`).set(await b.auth()).send({ cardId }).expect(200);
  if (res.body.status !== 'active') throw new Error(`issueLoan: after the payout the loan is ${res.body.status}`);
  return { b, loanId: applied.id, cardId, loan: res.body };
}

export async function getLoan(t: TestContext, b: Borrower, id: string): Promise<LoanView> {
  return (await t.http.get(`/api/v1/loans/${id}`).set(await b.auth()).expect(200)).body;
}

/** Repays with the saved card (charged at once, no acquirer page); fails unless the answer has `status`. */
export async function repay(t: TestContext, b: Borrower, loanId: string, cardId: string, amount: number, status = 201) {
  return t.http
    .post(`/api/v1/loans/${loanId}/repayments`)
    .set(await b.auth())
    .set('Idempotency-Key', `repay-${Math.random()}`)
    .send({ amount: { amount, currency: 'RUB' }, method: 'saved_card', cardId })
    .expect(status);
}

export const days = (n: number) => n * 86_400_000;

/** The loan's balances and the sums of its own ledger, to compare. */
export async function ledgerOf(t: TestContext, loanId: string) {
  const [l] = await t.query<{ principal: string; interest: string; penalty: string; charged: string; paid: string; status: string }>('SELECT principal, interest, penalty, charged, paid, status FROM loans WHERE id = $1', [loanId]);
  const [s] = await t.query<{ p: string; i: string; pe: string; fee: string; paid: string; accrued: string }>(
    `SELECT coalesce(sum(principal_delta), 0) AS p, coalesce(sum(interest_delta), 0) AS i, coalesce(sum(penalty_delta), 0) AS pe, coalesce(sum(fee), 0) AS fee, coalesce(sum(paid), 0) AS paid,
            coalesce(sum(CASE WHEN kind = 'accrual' THEN interest_delta + penalty_delta ELSE 0 END), 0) AS accrued
       FROM loan_operations WHERE loan_id = $1`,
    [loanId],
  );
  return {
    loan: { principal: Number(l.principal), interest: Number(l.interest), penalty: Number(l.penalty), charged: Number(l.charged), paid: Number(l.paid), status: l.status },
    sums: { principal: Number(s.p), interest: Number(s.i), penalty: Number(s.pe), charged: Number(s.accrued) + Number(s.fee), paid: Number(s.paid) },
  };
}
