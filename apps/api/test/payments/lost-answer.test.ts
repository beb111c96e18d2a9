import { createTestContext, type TestContext } from '../support';

/**
 * The fault test (bench/fault.ts) kills the API between the acquirer's charge and saving the acquirer's id: the
 * card was charged, the payment stayed `pending` with no provider id, and nothing credited it. The reconciliation
 * finds such a payment at the acquirer by its id and credits it once; one the acquirer never got is canceled.
 */
describe('payments whose answer from the acquirer was lost', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const pendingPayment = async (customerId: string, accountId: string, cardId: string, amount: number) => {
    const [row] = await t.query<{ id: string }>(
      `INSERT INTO payments (customer_id, account_id, amount, method, purpose, source, status, card_id, save_card, provider, return_url, created_at)
       VALUES ($1, $2, $3, 'saved_card', 'top_up', 'customer', 'pending', $4, false, 'sandbox', '/', $5) RETURNING id`,
      [customerId, accountId, amount, cardId, t.clock.now()],
    );
    return row.id;
  };

  it('when the acquirer charged the card but the process died before saving its id, then the reconciliation credits it exactly once', async () => {
    const customer = await t.createCustomer({ password: 'lost-pass-123' });
    const token = (await t.signIn(customer.phone, 'lost-pass-123')).accessToken;
    const { accountId } = await t.openMobileAccount(customer.id, { balance: 100_00 });
    const bind = await t.http.post('/api/v1/cards').set(t.bearer(token)).send({}).expect(201);
    await t.payOnAcquirerPage(bind.body.confirmation.url);
    const [card] = await t.query<{ id: string; token: string }>('SELECT id, token FROM saved_cards WHERE customer_id = $1', [customer.id]);

    // What PaymentsService.create had done when the process died: its row, then the acquirer's charge.
    const charged = await pendingPayment(customer.id, accountId, card.id, 250_00);
    const atAcquirer = await t.services.acquirer.create({ amount: 250_00n, description: 'top-up', method: 'saved_card', cardToken: card.token, saveMethod: false, returnUrl: '/', metadata: { paymentId: charged } });
    expect(atAcquirer.status).toBe('succeeded');
    // And a payment whose create never reached the acquirer.
    const neverSent = await pendingPayment(customer.id, accountId, card.id, 70_00);

    t.clock.advanceMinutes(2);
    await t.services.payments.reconcile();
    await t.services.payments.reconcile();
    const rows = await t.query<{ id: string; status: string; provider_payment_id: string | null }>('SELECT id, status, provider_payment_id FROM payments WHERE id = ANY($1::uuid[])', [[charged, neverSent]]);
    expect(rows.find((r) => r.id === charged)).toMatchObject({ status: 'succeeded', provider_payment_id: atAcquirer.id });
    // Too early to give up on the other: the acquirer may still be working on it.
    expect(rows.find((r) => r.id === neverSent)).toMatchObject({ status: 'pending', provider_payment_id: null });
    const entries = await t.query<{ n: number }>(`SELECT count(*)::int AS n FROM ledger_entries WHERE ref = $1`, [`payment:${charged}`]);
    expect(entries[0].n).toBe(1);
    const me = await t.http.get(`/api/v1/accounts/${accountId}`).set(t.bearer(token)).expect(200);
    expect(me.body.balance).toEqual({ amount: 350_00, currency: 'RUB' });

    t.clock.advanceMinutes(16);
    await t.services.payments.reconcile();
    const [gaveUp] = await t.query<{ status: string }>('SELECT status FROM payments WHERE id = $1', [neverSent]);
    expect(gaveUp.status).toBe('canceled');
    const again = (await t.signIn(customer.phone, 'lost-pass-123')).accessToken; // the first token has expired by now
    const after = await t.http.get(`/api/v1/accounts/${accountId}`).set(t.bearer(again)).expect(200);
    expect(after.body.balance).toEqual({ amount: 350_00, currency: 'RUB' });
    const [{ sum }] = await t.query<{ sum: string }>('SELECT sum(amount)::bigint AS sum FROM ledger_entries WHERE account_id = $1', [accountId]);
    expect(sum).toBe('35000');
  });
});
