import { createHmac, randomUUID } from 'node:crypto';
import { createTestContext, type TestContext, type TestCustomer } from '../support';

describe('top-ups through the sandbox acquirer', () => {
  let t: TestContext;
  let ivan: TestCustomer;
  let token: string;

  const balance = async (accountId: string) => Number((await t.query<{ balance: string }>('SELECT balance FROM accounts WHERE id = $1', [accountId]))[0].balance);
  const paymentEntries = (accountId: string) => t.query(`SELECT amount FROM ledger_entries WHERE account_id = $1 AND kind = 'payment'`, [accountId]);
  const pay = (body: object, key: string = randomUUID()) => t.http.post('/api/v1/payments').set(t.bearer(token)).set('Idempotency-Key', key).send(body);
  const rub = (amount: number) => ({ amount, currency: 'RUB' });

  beforeAll(async () => {
    t = await createTestContext();
    ivan = await t.createCustomer({ password: 'ivan-pass-123' });
  });
  // The clock moves in some tests; a fresh sign-in keeps the access token valid.
  beforeEach(async () => {
    token = (await t.signIn(ivan.phone, 'ivan-pass-123')).accessToken;
  });
  afterAll(() => t.close());

  it('when a card without 3-D Secure pays, then the payment succeeds once, the balance grows, an SMS says so and the receipt is there', async () => {
    const acc = await t.openMobileAccount(ivan.id, { balance: 100_00 });
    const created = await pay({ accountId: acc.accountId, amount: rub(500_00), method: 'bank_card' }).expect(201);
    expect(created.body).toMatchObject({ status: 'pending', purpose: 'top_up', method: 'bank_card', amount: rub(500_00), confirmation: { type: 'redirect' } });
    expect(await balance(acc.accountId)).toBe(100_00);

    const page = await t.http.get(created.body.confirmation.url).expect(200);
    expect(page.text).toContain('500,00');
    const back = await t.payOnAcquirerPage(created.body.confirmation.url);
    expect(back).toBe(`/payments/${created.body.id}`);

    expect(await balance(acc.accountId)).toBe(600_00);
    const view = await t.http.get(`/api/v1/payments/${created.body.id}`).set(t.bearer(token)).expect(200);
    expect(view.body).toMatchObject({ status: 'succeeded', confirmation: null, card: { last4: '1111', brand: 'visa' } });
    expect((await t.lastMessage(ivan.phone))?.body).toMatch(/Платёж 500,00\s₽ зачислен.*Баланс: 600,00\s₽/);

    const receipt = await t.http.get(`/api/v1/payments/${created.body.id}/receipt`).set(t.bearer(token)).expect(200);
    expect(receipt.body).toMatchObject({ paymentId: created.body.id, total: rub(500_00), method: 'bank_card', card: { last4: '1111' }, fiscal: { fn: null } });
    expect(receipt.body.number).toMatch(/^R-\d{8}$/);
    expect(receipt.body.items[0]).toMatchObject({ quantity: 1, amount: rub(500_00), paymentSubject: 'service' });

    // Poll and a second callback change nothing.
    await t.http.get(`/api/v1/payments/${created.body.id}`).set(t.bearer(token)).expect(200);
    await t.query(`UPDATE sandbox_acquirer_callbacks SET delivered_at = NULL`);
    await t.deliverCallbacks();
    expect(await paymentEntries(acc.accountId)).toHaveLength(1);
    expect(await balance(acc.accountId)).toBe(600_00);
  });

  it('when the Idempotency-Key is missing, then 400 and nothing is created; replayed, the first answer comes back; with another body, 409', async () => {
    const acc = await t.openMobileAccount(ivan.id);
    const none = await t.http.post('/api/v1/payments').set(t.bearer(token)).send({ accountId: acc.accountId, amount: rub(300_00), method: 'bank_card' }).expect(400);
    expect(none.body.code).toBe('idempotency_key_required');
    expect(await t.query('SELECT 1 FROM payments WHERE account_id = $1', [acc.accountId])).toHaveLength(0);

    const key = randomUUID();
    const first = await pay({ accountId: acc.accountId, amount: rub(300_00), method: 'bank_card' }, key).expect(201);
    const again = await pay({ accountId: acc.accountId, amount: rub(300_00), method: 'bank_card' }, key).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    const other = await pay({ accountId: acc.accountId, amount: rub(999_00), method: 'bank_card' }, key).expect(409);
    expect(other.body.code).toBe('idempotency_key_reused');
    expect(await t.query('SELECT 1 FROM payments WHERE account_id = $1', [acc.accountId])).toHaveLength(1);

    await t.payOnAcquirerPage(first.body.confirmation.url);
    await pay({ accountId: acc.accountId, amount: rub(300_00), method: 'bank_card' }, key).expect(201);
    expect(await balance(acc.accountId)).toBe(300_00);
  });

  it('when the card asks for 3-D Secure, then a wrong code cancels it with nothing credited and the right code pays', async () => {
    const acc = await t.openMobileAccount(ivan.id);
    const failed = await pay({ accountId: acc.accountId, amount: rub(200_00), method: 'bank_card' }).expect(201);
    const cardPage = await t.http.post(failed.body.confirmation.url).type('form').send({ number: '5555555555554444', exp: '12/30', cvc: '123', holder: 'IVAN IVANOV' }).expect(303);
    expect(cardPage.headers.location).toMatch(/^\/api\/sandbox\/acquirer\/3ds\//);
    expect((await t.http.get(cardPage.headers.location).expect(200)).text).toContain('Подтвердите покупку');
    await t.http.post(cardPage.headers.location).type('form').send({ code: '000000' }).expect(303);
    await t.deliverCallbacks();
    const canceled = await t.http.get(`/api/v1/payments/${failed.body.id}`).set(t.bearer(token)).expect(200);
    expect(canceled.body).toMatchObject({ status: 'canceled', cancellationReason: '3d_secure_failed' });
    expect(await balance(acc.accountId)).toBe(0);
    await t.http.get(`/api/v1/payments/${failed.body.id}/receipt`).set(t.bearer(token)).expect(409);

    const ok = await pay({ accountId: acc.accountId, amount: rub(200_00), method: 'bank_card' }).expect(201);
    await t.payOnAcquirerPage(ok.body.confirmation.url, { number: '5555 5555 5555 4444', code: '123456' });
    expect((await t.http.get(`/api/v1/payments/${ok.body.id}`).set(t.bearer(token)).expect(200)).body.status).toBe('succeeded');
    expect(await balance(acc.accountId)).toBe(200_00);
  });

  it('when the card is declined or times out, then the balance stays; the timed-out one is canceled as expired by the clock', async () => {
    const acc = await t.openMobileAccount(ivan.id, { balance: 50_00 });
    const declined = await pay({ accountId: acc.accountId, amount: rub(100_00), method: 'bank_card' }).expect(201);
    await t.payOnAcquirerPage(declined.body.confirmation.url, { number: '4000000000000002' });
    expect((await t.http.get(`/api/v1/payments/${declined.body.id}`).set(t.bearer(token)).expect(200)).body).toMatchObject({ status: 'canceled', cancellationReason: 'insufficient_funds' });

    const slow = await pay({ accountId: acc.accountId, amount: rub(100_00), method: 'bank_card' }).expect(201);
    const back = await t.payOnAcquirerPage(slow.body.confirmation.url, { number: '4000000000000119' });
    expect(back).toBe(`/payments/${slow.body.id}`);
    expect((await t.http.get(`/api/v1/payments/${slow.body.id}`).set(t.bearer(token)).expect(200)).body.status).toBe('pending');
    t.clock.advanceMinutes(16);
    token = (await t.signIn(ivan.phone, 'ivan-pass-123')).accessToken;
    expect((await t.http.get(`/api/v1/payments/${slow.body.id}`).set(t.bearer(token)).expect(200)).body).toMatchObject({ status: 'canceled', cancellationReason: 'expired_on_confirmation' });
    expect(await balance(acc.accountId)).toBe(50_00);
    expect(await paymentEntries(acc.accountId)).toHaveLength(0);
  });

  it('when a callback has a bad, stale or missing signature, then 401 and the payment stays pending with nothing credited', async () => {
    const acc = await t.openMobileAccount(ivan.id);
    const p = await pay({ accountId: acc.accountId, amount: rub(100_00), method: 'bank_card' }).expect(201);
    await t.payOnAcquirerPage(p.body.confirmation.url, { deliver: false });
    const [{ body, provider_payment_id: providerId }] = await t.query<{ body: string; provider_payment_id: string }>(
      'SELECT c.body, p.provider_payment_id FROM sandbox_acquirer_callbacks c JOIN payments p ON p.provider_payment_id = c.payment_id WHERE p.id = $1',
      [p.body.id],
    );
    const now = String(Math.floor(t.clock.now().getTime() / 1000));
    const sign = (ts: string, secret = t.config.payments.sandboxSecret) => createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex');
    const send = (sig?: string) => {
      const req = t.http.post('/api/v1/payments/callbacks/sandbox').set('content-type', 'application/json');
      return (sig ? req.set('X-Sandbox-Signature', sig) : req).send(body);
    };
    for (const sig of [undefined, `t=${now},v1=${sign(now, 'another-secret-another')}`, `t=${Number(now) - 600},v1=${sign(String(Number(now) - 600))}`, `t=${now},v1=${'0'.repeat(64)}`]) {
      expect((await send(sig).expect(401)).body.code).toBe('invalid_signature');
    }
    // A forged body under a good signature of another body does not pass either.
    const forged = body.replace(providerId, 'sbx_forged');
    expect((await t.http.post('/api/v1/payments/callbacks/sandbox').set('content-type', 'application/json').set('X-Sandbox-Signature', `t=${now},v1=${sign(now)}`).send(forged).expect(401)).body.code).toBe('invalid_signature');
    expect(await t.query(`SELECT status FROM payments WHERE id = $1`, [p.body.id])).toEqual([{ status: 'pending' }]);
    expect(await balance(acc.accountId)).toBe(0);

    await send(`t=${now},v1=${sign(now)}`).expect(204);
    expect(await balance(acc.accountId)).toBe(100_00);
  });

  it('when the callback and several polls race, then the account is credited exactly once', async () => {
    const acc = await t.openMobileAccount(ivan.id);
    for (let round = 0; round < 5; round++) {
      const p = await pay({ accountId: acc.accountId, amount: rub(100_00), method: 'bank_card' }).expect(201);
      await t.payOnAcquirerPage(p.body.confirmation.url, { deliver: false });
      await Promise.all([
        t.deliverCallbacks(),
        ...Array.from({ length: 4 }, () => t.http.get(`/api/v1/payments/${p.body.id}`).set(t.bearer(token)).expect(200)),
        t.services.payments.reconcile(0),
      ]);
    }
    expect(await paymentEntries(acc.accountId)).toHaveLength(5);
    expect(await balance(acc.accountId)).toBe(500_00);
  });

  it('when paying by SBP or wallet, then the payer confirms in the bank app, or declines and nothing is credited', async () => {
    const acc = await t.openMobileAccount(ivan.id);
    const sbp = await pay({ accountId: acc.accountId, amount: rub(150_00), method: 'sbp' }).expect(201);
    expect(sbp.body.confirmation).toMatchObject({ type: 'qr', url: expect.stringMatching(/\/sbp\//), qrData: expect.stringMatching(/^https:\/\/qr\.nspk\.ru\//) });
    expect((await t.http.get(sbp.body.confirmation.url).expect(200)).text).toContain('СБП');
    const id = sbp.body.confirmation.url.split('/').pop();
    await t.http.post(`/api/sandbox/acquirer/decide/${id}`).type('form').send({ approve: '1' }).expect(303);
    expect((await t.http.get(`/api/v1/payments/${sbp.body.id}`).set(t.bearer(token)).expect(200)).body.status).toBe('succeeded');

    const wallet = await pay({ accountId: acc.accountId, amount: rub(150_00), method: 'wallet' }).expect(201);
    await t.http.post(`/api/sandbox/acquirer/decide/${wallet.body.confirmation.url.split('/').pop()}`).type('form').send({ approve: '0' }).expect(303);
    expect((await t.http.get(`/api/v1/payments/${wallet.body.id}`).set(t.bearer(token)).expect(200)).body).toMatchObject({ status: 'canceled', cancellationReason: 'canceled_by_user' });
    expect(await balance(acc.accountId)).toBe(150_00);
  });

  it('when the input is wrong, then a clear 4xx and no payment: amount out of range, unknown or foreign account, saved_card without a card, a foreign return URL', async () => {
    const acc = await t.openMobileAccount(ivan.id);
    const stranger = await t.createCustomer({ password: 'stranger-pass-1' });
    const strangerAcc = await t.openMobileAccount(stranger.id);
    const cases: [object, number, string][] = [
      [{ accountId: acc.accountId, amount: rub(5_00), method: 'bank_card' }, 400, 'validation_failed'],
      [{ accountId: acc.accountId, amount: rub(20_000_00), method: 'bank_card' }, 400, 'validation_failed'],
      [{ accountId: acc.accountId, amount: { amount: 100.5, currency: 'RUB' }, method: 'bank_card' }, 400, 'validation_failed'],
      [{ accountId: acc.accountId, amount: rub(100_00), method: 'cash' }, 400, 'validation_failed'],
      [{ accountId: acc.accountId, amount: rub(100_00), method: 'saved_card' }, 400, 'validation_failed'],
      [{ accountId: acc.accountId, amount: rub(100_00), method: 'saved_card', cardId: randomUUID() }, 404, 'card_not_found'],
      [{ accountId: acc.accountId, amount: rub(100_00), method: 'bank_card', returnUrl: 'https://evil.example/' }, 400, 'validation_failed'],
      [{ accountId: acc.accountId, amount: rub(100_00), method: 'bank_card', returnUrl: '//evil.example/' }, 400, 'validation_failed'],
      [{ accountId: randomUUID(), amount: rub(100_00), method: 'bank_card' }, 404, 'not_found'],
      [{ accountId: strangerAcc.accountId, amount: rub(100_00), method: 'bank_card' }, 404, 'not_found'],
    ];
    for (const [body, status, code] of cases) {
      const res = await pay(body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status, code });
    }
    expect(await t.query('SELECT 1 FROM payments WHERE account_id = ANY($1::uuid[])', [[acc.accountId, strangerAcc.accountId]])).toHaveLength(0);

    // Someone else's payment is a 404, as if it did not exist.
    const mine = await pay({ accountId: acc.accountId, amount: rub(100_00), method: 'bank_card' }).expect(201);
    const strangerToken = (await t.signIn(stranger.phone, 'stranger-pass-1')).accessToken;
    await t.http.get(`/api/v1/payments/${mine.body.id}`).set(t.bearer(strangerToken)).expect(404);
    await t.http.get(`/api/v1/payments/${mine.body.id}/receipt`).set(t.bearer(strangerToken)).expect(404);
    await t.http.get(`/api/v1/payments?accountId=${acc.accountId}`).set(t.bearer(strangerToken)).expect(404);
    const list = await t.http.get(`/api/v1/payments?accountId=${acc.accountId}`).set(t.bearer(token)).expect(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([mine.body.id]);
  });
});
