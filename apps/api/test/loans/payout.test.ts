import { createTestContext, type TestContext } from '../support';
import { apply, bindCard, getLoan, ledgerOf, newBorrower, productIds } from './helpers';

describe('POST /api/v1/loans/:id/disburse — the payout to a card in the customer’s own name', () => {
  let t: TestContext;
  let ids: { short: string; instalment: string };
  beforeAll(async () => {
    t = await createTestContext();
    ids = await productIds(t);
  });
  afterAll(() => t.close());

  it('when the card is in another person’s name, then 409 card_holder_mismatch with the reason, and nothing is paid out', async () => {
    const b = await newBorrower(t);
    const loan = await apply(t, b, { productId: ids.short, amount: 10_000_00, termDays: 30 });
    const cardId = await bindCard(t, b, { holder: 'PETR SIDOROV' });
    const res = await t.http.post(`/api/v1/loans/${loan.id}/disburse`).set(await b.auth()).send({ cardId }).expect(409);
    expect(res.body.code).toBe('card_holder_mismatch');
    expect(res.body.detail).toMatch(/in the name of PETR SIDOROV.*own name \(Тест Тестов\)/);
    expect((await getLoan(t, b, loan.id)).status).toBe('approved');
    expect(await t.query('SELECT 1 FROM payouts WHERE customer_id = $1', [b.customer.id])).toHaveLength(0);
    expect(await t.query('SELECT 1 FROM sandbox_acquirer_payouts')).toHaveLength(0);
  });

  it('when the card is in the customer’s name (in Latin, any order), then the money goes out and the loan becomes active on the day it arrived', async () => {
    const b = await newBorrower(t);
    const loan = await apply(t, b, { productId: ids.short, amount: 10_000_00, termDays: 30 });
    const cardId = await bindCard(t, b, { holder: 'TESTOV TEST' });
    const res = await t.http.post(`/api/v1/loans/${loan.id}/disburse`).set(await b.auth()).send({ cardId }).expect(200);
    expect(res.body).toMatchObject({
      status: 'active',
      payout: { status: 'succeeded', card: { last4: '1111', holder: 'TESTOV TEST' }, failureReason: null },
      contract: { issuedOn: '2026-11-22', dueOn: '2026-12-22', psk: 292, totalToRepay: { amount: 12_400_00 }, caps: { totalCost: 100 } },
      debt: { principal: { amount: 10_000_00 }, interest: { amount: 0 }, penalty: { amount: 0 }, total: { amount: 10_000_00 }, chargeCap: { amount: 10_000_00 } },
      nextPayment: { dueOn: '2026-12-22', amount: { amount: 12_400_00 } },
      operations: [expect.objectContaining({ kind: 'disbursement', amount: { amount: 10_000_00, currency: 'RUB' } })],
    });
    expect(res.body.history.map((h: { status: string }) => h.status)).toEqual(['draft', 'submitted', 'approved', 'disbursed', 'active']);
    const [payout] = await t.query<{ status: string; amount: string; provider_payout_id: string }>('SELECT status, amount, provider_payout_id FROM payouts WHERE ref = $1', [loan.id]);
    expect(payout).toMatchObject({ status: 'succeeded', amount: '1000000' });
    const [sbx] = await t.query<{ status: string }>('SELECT status FROM sandbox_acquirer_payouts WHERE id = $1', [payout.provider_payout_id]);
    expect(sbx.status).toBe('succeeded');
    expect((await t.lastMessage(b.customer.phone))?.body).toMatch(/выдан: 10\s000,00\s₽ на карту •••• 1111\. Вернуть 12\s400,00\s₽ до 22\.12\.2026/);
    // Sent with the payout, not with the next run of the delivery job.
    expect(await t.query(`SELECT status FROM notification_outbox WHERE recipient = $1 AND channel = 'sms' ORDER BY created_at DESC LIMIT 1`, [b.customer.phone])).toEqual([{ status: 'sent' }]);
    // The acquirer's signed callback about the payout arrives later and changes nothing.
    expect(await t.deliverCallbacks()).toBeGreaterThan(0);
    expect((await ledgerOf(t, loan.id)).loan).toMatchObject({ principal: 10_000_00, status: 'active' });
    // Once paid out, it is not paid out twice.
    expect((await t.http.post(`/api/v1/loans/${loan.id}/disburse`).set(await b.auth()).send({ cardId }).expect(409)).body.code).toBe('loan_not_in_status');
  });

  it('when the bank declines the payout (test card 4000 0000 0000 0077), then the loan goes back to approved with the reason, and another card can be chosen', async () => {
    const b = await newBorrower(t);
    const loan = await apply(t, b, { productId: ids.short, amount: 10_000_00, termDays: 30 });
    const bad = await bindCard(t, b, { number: '4000 0000 0000 0077' });
    const res = await t.http.post(`/api/v1/loans/${loan.id}/disburse`).set(await b.auth()).send({ cardId: bad }).expect(200);
    expect(res.body.status).toBe('approved');
    expect(res.body.history.at(-1).note).toMatch(/Выплата на карту •••• 0077 не прошла: банк отклонил перевод/);
    expect(await t.query(`SELECT status, failure_reason FROM payouts WHERE ref = $1`, [loan.id])).toEqual([{ status: 'failed', failure_reason: 'general_decline' }]);
    expect((await t.lastMessage(b.customer.phone))?.body).toMatch(/перевод на карту •••• 0077 не прошёл/);

    const good = await bindCard(t, b);
    const again = await t.http.post(`/api/v1/loans/${loan.id}/disburse`).set(await b.auth()).send({ cardId: good }).expect(200);
    expect(again.body).toMatchObject({ status: 'active', payout: { status: 'succeeded', card: { last4: '1111' } } });
  });

  it('when the card is someone else’s saved card or an unknown id, then 404 card_not_found', async () => {
    const b = await newBorrower(t);
    const other = await newBorrower(t);
    const loan = await apply(t, b, { productId: ids.short, amount: 10_000_00, termDays: 30 });
    const theirs = await bindCard(t, other);
    expect((await t.http.post(`/api/v1/loans/${loan.id}/disburse`).set(await b.auth()).send({ cardId: theirs }).expect(404)).body.code).toBe('card_not_found');
  });

  it('when the approval is older than 7 days, then the daily job cancels it', async () => {
    const b = await newBorrower(t);
    const loan = await apply(t, b, { productId: ids.short, amount: 10_000_00, termDays: 30 });
    t.clock.advance(7 * 86_400_000 + 1000);
    await t.services.loans.servicing.runDaily();
    const after = await getLoan(t, b, loan.id);
    expect(after.status).toBe('cancelled');
    expect(after.history.at(-1)?.note).toMatch(/Одобрение истекло/);
  });
});
