import { randomUUID } from 'node:crypto';
import { AppError } from '../../src/platform/errors';
import { createTestContext, type TestContext } from '../support';

describe('payments, charges and refunds racing', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('when 200 payments, charges and refunds run at once on 5 accounts, then each balance equals the sum of its entries and none passed its credit limit', async () => {
    const customer = await t.createCustomer({ password: 'ivan-pass-123' });
    const token = (await t.signIn(customer.phone, 'ivan-pass-123')).accessToken;
    const accounts: string[] = [];
    for (let i = 0; i < 5; i++) accounts.push((await t.openMobileAccount(customer.id, { balance: 100_00, creditLimit: 50_00 })).accountId);
    const bind = await t.http.post('/api/v1/cards').set(t.bearer(token)).send({}).expect(201);
    await t.payOnAcquirerPage(bind.body.confirmation.url);
    const [{ id: cardId }] = await t.query<{ id: string }>('SELECT id FROM saved_cards WHERE customer_id = $1', [customer.id]);
    // Payments to refund later, one per account.
    const refundable: string[] = [];
    for (const accountId of accounts) {
      const p = await t.http.post('/api/v1/payments').set(t.bearer(token)).set('Idempotency-Key', randomUUID()).send({ accountId, amount: { amount: 500_00, currency: 'RUB' }, method: 'saved_card', cardId }).expect(201);
      refundable.push(p.body.id);
    }

    const outcomes = { paid: 0, charged: 0, refused: 0, refunded: 0, refundRefused: 0 };
    await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const accountId = accounts[i % 5];
        if (i % 3 === 0) {
          const res = await t.http.post('/api/v1/payments').set(t.bearer(token)).set('Idempotency-Key', randomUUID()).send({ accountId, amount: { amount: 30_00, currency: 'RUB' }, method: 'saved_card', cardId });
          expect([res.status, res.body.status]).toEqual([201, 'succeeded']);
          outcomes.paid++;
        } else if (i % 3 === 1) {
          try {
            await t.ds.transaction((em) => t.services.ledger.post(em, { accountId, amount: -170_00n, kind: 'usage', ref: `race-charge-${i}` }));
            outcomes.charged++;
          } catch (err) {
            if (!(err instanceof AppError && err.code === 'insufficient_funds')) throw err;
            outcomes.refused++;
          }
        } else {
          try {
            await t.services.payments.refund(refundable[i % 5], 40_00n);
            outcomes.refunded++;
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            outcomes.refundRefused++;
          }
        }
      }),
    );

    const rows = await t.query<{ id: string; balance: string; credit_limit: string; sum: string; min_after: string }>(
      `SELECT a.id, a.balance, a.credit_limit, coalesce(sum(e.amount), 0) AS sum, min(e.balance_after) AS min_after
         FROM accounts a LEFT JOIN ledger_entries e ON e.account_id = a.id WHERE a.id = ANY($1::uuid[]) GROUP BY a.id`,
      [accounts],
    );
    for (const r of rows) {
      expect(r.balance).toBe(r.sum);
      expect(BigInt(r.balance)).toBeGreaterThanOrEqual(-BigInt(r.credit_limit));
      expect(BigInt(r.min_after)).toBeGreaterThanOrEqual(-BigInt(r.credit_limit));
    }
    // Every succeeded payment credited once, every refund debited once; some charges were refused.
    const [{ payments }] = await t.query<{ payments: number }>(`SELECT count(*)::int AS payments FROM ledger_entries WHERE account_id = ANY($1::uuid[]) AND kind = 'payment'`, [accounts]);
    expect(payments).toBe(5 + outcomes.paid);
    const [{ refunds }] = await t.query<{ refunds: number }>(`SELECT count(*)::int AS refunds FROM ledger_entries WHERE account_id = ANY($1::uuid[]) AND kind = 'refund'`, [accounts]);
    expect(refunds).toBe(outcomes.refunded);
    const refundedTotal = await t.query<{ refunded: string }>('SELECT refunded FROM payments WHERE id = ANY($1::uuid[])', [refundable]);
    expect(refundedTotal.reduce((s, r) => s + Number(r.refunded), 0)).toBe(outcomes.refunded * 40_00);
    expect(outcomes.paid + outcomes.charged + outcomes.refused + outcomes.refunded + outcomes.refundRefused).toBe(200);
    expect(outcomes.refused).toBeGreaterThan(0);
  });
});
