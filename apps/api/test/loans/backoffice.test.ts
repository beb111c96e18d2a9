import { routeTable } from '../../src/app';
import { createTestContext, type TestContext } from '../support';
import { apply, borrowerData, newBorrower, productIds } from './helpers';

describe('the back office: loan applications in review and phone changes', () => {
  let t: TestContext;
  let ids: { short: string; instalment: string };
  let operator: { Authorization: string };
  let operatorId: string;
  beforeAll(async () => {
    t = await createTestContext();
    ids = await productIds(t);
    const op = await t.createCustomer({ role: 'operator', password: 'operator-pass-1', surname: 'Смирнова', name: 'Ольга' });
    operatorId = op.id;
    operator = t.bearer((await t.signIn(op.phone, 'operator-pass-1')).accessToken);
  });
  afterAll(() => t.close());

  /** An application the rules send to an operator: the payment is 62 % of the income. */
  const reviewCase = async () => {
    const b = await newBorrower(t);
    const loan = await apply(t, b, { productId: ids.short, amount: 10_000_00, termDays: 30, borrower: { monthlyIncome: { amount: 20_000_00, currency: 'RUB' } } });
    expect(loan.status).toBe('in_review');
    return { b, loan };
  };

  it('when a subscriber calls any back-office route of this issue, then 403 forbidden', async () => {
    const b = await newBorrower(t);
    const headers = await b.auth();
    const routes = routeTable({ config: t.config, ds: t.ds, clock: t.clock }, t.services).filter((r) => r.path.startsWith('/backoffice/loan-applications') || r.path.startsWith('/backoffice/phone-changes'));
    expect(routes).toHaveLength(8);
    for (const r of routes) {
      const url = `/api/v1${r.path.replace(':id', '00000000-0000-4000-8000-000000000000')}`;
      const res = await (t.http as unknown as Record<string, (u: string) => import('supertest').Test>)[r.method](url).set(headers).send(r.method === 'get' ? undefined : { reason: 'x', passportSeries: '1234', passportNumber: '123456' });
      expect([r.method, r.path, res.status, res.body.code]).toEqual([r.method, r.path, 403, 'forbidden']);
    }
  });

  it('when an operator opens the queue and an application, then they see the rules and the bureau, and the view is audited', async () => {
    const { loan } = await reviewCase();
    const queue = await t.http.get('/api/v1/backoffice/loan-applications').set(operator).expect(200);
    expect(queue.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: loan.id, status: 'in_review', paymentToIncome: 0.62, customer: expect.objectContaining({ name: 'Тестов Тест' }) })]));
    const one = await t.http.get(`/api/v1/backoffice/loan-applications/${loan.id}`).set(operator).expect(200);
    expect(one.body.rules).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'payment_to_income', outcome: 'review' }), expect.objectContaining({ rule: 'age', outcome: 'pass' })]));
    expect(one.body.borrower.passportNumber).toMatch(/^\d{6}$/);
    expect(one.body.consents).toHaveLength(3);
    expect(await t.query(`SELECT 1 FROM audit_log WHERE action = 'loan_application_viewed' AND actor_id = $1 AND details->>'loanId' = $2`, [operatorId, loan.id])).toHaveLength(1);
  });

  it('when the operator approves, then the customer sees approved (by an operator) and gets an SMS; the approval is audited', async () => {
    const { b, loan } = await reviewCase();
    t.clock.advance(1000);
    const res = await t.http.post(`/api/v1/backoffice/loan-applications/${loan.id}/approve`).set(operator).send({ comment: 'Доход подтверждён справкой' }).expect(200);
    expect(res.body).toMatchObject({ status: 'approved', decision: { outcome: 'approved', reason: 'approved_by_operator', note: 'Доход подтверждён справкой' } });
    const mine = await t.http.get(`/api/v1/loans/${loan.id}`).set(await b.auth()).expect(200);
    expect(mine.body.history.at(-1)).toMatchObject({ status: 'approved', note: 'Одобрено специалистом: Доход подтверждён справкой' });
    expect((await t.lastMessage(b.customer.phone))?.body).toMatch(/одобрена/);
    const [audit] = await t.query<{ details: Record<string, unknown> }>(`SELECT details FROM audit_log WHERE action = 'loan_application_approved' AND actor_id = $1 AND customer_id = $2`, [operatorId, b.customer.id]);
    expect(audit.details).toMatchObject({ loanId: loan.id, before: 'in_review', after: 'approved' });
    // Decided once.
    expect((await t.http.post(`/api/v1/backoffice/loan-applications/${loan.id}/reject`).set(operator).send({ reason: 'x' }).expect(409)).body.code).toBe('loan_not_in_status');
  });

  it('when the operator rejects with a reason, then the customer is told the reason; a reason is required', async () => {
    const { b, loan } = await reviewCase();
    expect((await t.http.post(`/api/v1/backoffice/loan-applications/${loan.id}/reject`).set(operator).send({}).expect(400)).body.errors[0].field).toBe('reason');
    t.clock.advance(1000);
    await t.http.post(`/api/v1/backoffice/loan-applications/${loan.id}/reject`).set(operator).send({ reason: 'не подтверждён доход' }).expect(200);
    const mine = await t.http.get(`/api/v1/loans/${loan.id}`).set(await b.auth()).expect(200);
    expect(mine.body).toMatchObject({ status: 'rejected', decision: { reason: 'rejected_by_operator', note: 'не подтверждён доход' } });
    expect((await t.lastMessage(b.customer.phone))?.body).toMatch(/отказ: не подтверждён доход/);
    expect(await t.query(`SELECT 1 FROM audit_log WHERE action = 'loan_application_rejected' AND actor_id = $1 AND customer_id = $2`, [operatorId, b.customer.id])).toHaveLength(1);
  });

  describe('a borrower changes the phone', () => {
    const newPhone = '+79115557001';

    it('when the code from the new phone is entered, then the change waits for an operator and the new phone cannot sign in yet', async () => {
      const b = await newBorrower(t, { password: 'borrow-pass-1' });
      const data = borrowerData({ passportSeries: '4012', passportNumber: '765432' });
      await apply(t, b, { productId: ids.short, amount: 5_000_00, termDays: 14, borrower: data });
      const headers = await b.auth();
      await t.http.post('/api/v1/me/phone').set(headers).send({ password: 'borrow-pass-1', phone: newPhone }).expect(202);
      const code = await t.lastSmsCode(newPhone);
      const confirmed = await t.http.post('/api/v1/me/phone/confirm').set(headers).send({ code }).expect(200);
      expect(confirmed.body).toMatchObject({ phone: b.customer.phone, pendingPhone: newPhone });
      expect((await t.http.get('/api/v1/me').set(headers).expect(200)).body.pendingPhone).toBe(newPhone);
      await t.http.post('/api/v1/auth/login').send({ login: newPhone, password: 'borrow-pass-1' }).expect(401);
      await t.signIn(b.customer.phone, 'borrow-pass-1'); // the old phone still works

      const queue = await t.http.get('/api/v1/backoffice/phone-changes').set(operator).expect(200);
      const request = queue.body.items.find((r: { newPhone: string }) => r.newPhone === newPhone);
      expect(request).toMatchObject({ oldPhone: b.customer.phone, status: 'pending', customer: { name: 'Тестов Тест' } });

      // The identity check: the passport the person names on the phone must match the one on file.
      const wrong = await t.http.post(`/api/v1/backoffice/phone-changes/${request.id}/confirm`).set(operator).send({ passportSeries: '4012', passportNumber: '111111' }).expect(409);
      expect(wrong.body.code).toBe('identity_mismatch');
      expect(await t.query(`SELECT 1 FROM audit_log WHERE action = 'phone_change_identity_mismatch' AND actor_id = $1`, [operatorId])).toHaveLength(1);
      expect(await t.query(`SELECT 1 FROM customers WHERE phone = $1`, [newPhone])).toHaveLength(0);

      t.clock.advance(1000);
      const right = await t.http.post(`/api/v1/backoffice/phone-changes/${request.id}/confirm`).set(operator).send({ passportSeries: '4012', passportNumber: '765432' }).expect(200);
      expect(right.body).toMatchObject({ status: 'confirmed' });
      await t.signIn(newPhone, 'borrow-pass-1');
      await t.http.post('/api/v1/auth/login').send({ login: b.customer.phone, password: 'borrow-pass-1' }).expect(401);
      expect((await t.lastMessage(newPhone))?.body).toMatch(/Номер подтверждён/);
      expect(await t.query(`SELECT 1 FROM audit_log WHERE action = 'phone_changed' AND actor_id = $1 AND customer_id = $2`, [operatorId, b.customer.id])).toHaveLength(1);
      expect((await t.http.post(`/api/v1/backoffice/phone-changes/${request.id}/confirm`).set(operator).send({ passportSeries: '4012', passportNumber: '765432' }).expect(409)).body.code).toBe('conflict');
    });

    it('when the operator rejects the change, then the old phone keeps signing in and is told why', async () => {
      const b = await newBorrower(t, { password: 'borrow-pass-2' });
      await apply(t, b, { productId: ids.short, amount: 5_000_00, termDays: 14 });
      const headers = await b.auth();
      await t.http.post('/api/v1/me/phone').set(headers).send({ password: 'borrow-pass-2', phone: '+79115557002' }).expect(202);
      await t.http.post('/api/v1/me/phone/confirm').set(headers).send({ code: await t.lastSmsCode('+79115557002') }).expect(200);
      const [req] = await t.query<{ id: string }>(`SELECT id FROM phone_change_requests WHERE customer_id = $1 AND status = 'pending'`, [b.customer.id]);
      t.clock.advance(1000);
      await t.http.post(`/api/v1/backoffice/phone-changes/${req.id}/reject`).set(operator).send({ reason: 'не удалось подтвердить личность' }).expect(200);
      expect((await t.lastMessage(b.customer.phone))?.body).toMatch(/отклонена: не удалось подтвердить личность/);
      await t.signIn(b.customer.phone, 'borrow-pass-2');
      expect((await t.http.get('/api/v1/me').set(headers).expect(200)).body.pendingPhone).toBeNull();
    });

    it('when the customer has never applied for a loan, then the phone changes at once as before', async () => {
      const c = await t.createCustomer({ password: 'plain-pass-12' });
      const s = await t.signIn(c.phone, 'plain-pass-12');
      await t.http.post('/api/v1/me/phone').set(t.bearer(s.accessToken)).send({ password: 'plain-pass-12', phone: '+79115557003' }).expect(202);
      const done = await t.http.post('/api/v1/me/phone/confirm').set(t.bearer(s.accessToken)).send({ code: await t.lastSmsCode('+79115557003') }).expect(200);
      expect(done.body).toMatchObject({ phone: '+79115557003', pendingPhone: null });
    });
  });
});
