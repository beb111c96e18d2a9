import { randomUUID } from 'node:crypto';
import { createTestContext, type TestContext, type TestCustomer } from '../support';

describe('paying without signing in (POST /pay)', () => {
  let t: TestContext;
  let owner: TestCustomer;
  let acc: { accountId: string; lineIds: string[] };
  let msisdn: string;
  let ipSeq = 0;

  const rub = (amount: number) => ({ amount, currency: 'RUB' });
  const balance = async () => Number((await t.query<{ balance: string }>('SELECT balance FROM accounts WHERE id = $1', [acc.accountId]))[0].balance);
  /** Each test comes from its own address, so the captcha and rate counters start afresh (the app trusts X-Forwarded-For from loopback). */
  let ip = '';
  const from = <T extends { set(k: string, v: string): T }>(r: T) => r.set('X-Forwarded-For', ip);

  beforeAll(async () => {
    t = await createTestContext();
  });
  beforeEach(async () => {
    ipSeq += 1;
    ip = `198.51.100.${ipSeq}`;
    owner = await t.createCustomer({ name: 'Иван', surname: 'Петров', password: 'owner-pass-123' });
    acc = await t.openMobileAccount(owner.id, { balance: 123_45 });
    [{ msisdn }] = await t.query<{ msisdn: string }>('SELECT msisdn FROM mobile_lines WHERE id = $1', [acc.lineIds[0]]);
  });
  afterAll(() => t.close());

  it('when a visitor looks up a number as typed, then only the masked owner name comes back — never the balance or the account', async () => {
    const typed = `8 (${msisdn.slice(2, 5)}) ${msisdn.slice(5, 8)}-${msisdn.slice(8, 10)}-${msisdn.slice(10)}`;
    const res = await from(t.http.post('/api/v1/pay/recipient')).send({ number: typed }).expect(200);
    expect(res.body).toEqual({ number: msisdn, kind: 'mobile', maskedName: 'Иван П.' });
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('12345');
    expect(text).not.toContain('Петров');
    expect(text).not.toContain(acc.accountId);
  });

  it('when the number is an internet contract, then it is found too; an unknown one is 404; garbage is 400', async () => {
    const net = await t.openInternetAccount(owner.id, { balance: 500_00, contractNumber: `77${process.pid}${ipSeq}` });
    const [{ contract_number }] = await t.query<{ contract_number: string }>('SELECT contract_number FROM internet_contracts WHERE id = $1', [net.contractId]);
    expect((await from(t.http.post('/api/v1/pay/recipient')).send({ number: contract_number }).expect(200)).body).toEqual({ number: contract_number, kind: 'internet', maskedName: 'Иван П.' });
    expect((await from(t.http.post('/api/v1/pay/recipient')).send({ number: '+7 900 000-00-00' }).expect(404)).body.code).toBe('recipient_not_found');
    expect((await from(t.http.post('/api/v1/pay/recipient')).send({ number: 'DROP TABLE' }).expect(400)).body.errors[0].field).toBe('number');
  });

  it('when a visitor pays by card, then the account is credited once, the owner sees a third-party payment, and the payer sees no balance', async () => {
    const key = randomUUID();
    const body = { number: msisdn, amount: rub(500_00), method: 'bank_card' };
    const created = await from(t.http.post('/api/v1/pay')).set('Idempotency-Key', key).send(body).expect(201);
    expect(created.body).toMatchObject({ status: 'pending', amount: rub(500_00), recipient: { maskedName: 'Иван П.', number: msisdn }, confirmation: { type: 'redirect' } });
    // A retry with the same key pays nothing more.
    const replay = await from(t.http.post('/api/v1/pay')).set('Idempotency-Key', key).send(body).expect(201);
    expect(replay.body.id).toBe(created.body.id);
    expect(replay.headers['idempotent-replayed']).toBe('true');

    const back = await t.payOnAcquirerPage(created.body.confirmation.url);
    expect(back).toBe(`/pay/${created.body.id}`);
    await t.deliverCallbacks(); // a second callback changes nothing
    const status = await t.http.get(`/api/v1/pay/${created.body.id}`).expect(200);
    expect(status.body).toMatchObject({ status: 'succeeded', confirmation: null, recipient: { maskedName: 'Иван П.' } });
    expect(JSON.stringify(status.body)).not.toMatch(/balance|623|accountId/i);

    expect(await balance()).toBe(123_45 + 500_00);
    const credits = await t.query<{ description: string }>(`SELECT description FROM ledger_entries WHERE account_id = $1 AND kind = 'payment'`, [acc.accountId]);
    expect(credits).toHaveLength(1);
    expect(credits[0].description).toMatch(/^Оплата без входа картой/);
    const [row] = await t.query<{ customer_id: string | null; source: string }>('SELECT customer_id, source FROM payments WHERE id = $1', [created.body.id]);
    expect(row).toEqual({ customer_id: null, source: 'third_party' });

    // The owner sees it in the account's payments and its history as a third party's.
    const token = (await t.signIn(owner.phone, 'owner-pass-123')).accessToken;
    const list = await t.http.get(`/api/v1/payments?accountId=${acc.accountId}`).set(t.bearer(token)).expect(200);
    expect(list.body.items).toEqual([expect.objectContaining({ id: created.body.id, source: 'third_party', status: 'succeeded' })]);
    const history = await t.http.get(`/api/v1/accounts/${acc.accountId}/transactions`).set(t.bearer(token)).expect(200);
    expect(JSON.stringify(history.body)).toContain('Оплата без входа');
    expect((await t.lastMessage(owner.phone))?.body).toContain('зачислен');
  });

  it('when a visitor pays by SBP and declines in the bank app, then nothing is credited', async () => {
    const created = await from(t.http.post('/api/v1/pay')).set('Idempotency-Key', randomUUID()).send({ number: msisdn, amount: rub(100_00), method: 'sbp' }).expect(201);
    expect(created.body.confirmation).toMatchObject({ type: 'qr' });
    await t.http.post(`/api/sandbox/acquirer/decide/${created.body.confirmation.url.split('/').pop()}`).type('form').send({ approve: '0' }).expect(303);
    expect((await t.http.get(`/api/v1/pay/${created.body.id}`).expect(200)).body).toMatchObject({ status: 'canceled', cancellationReason: 'canceled_by_user' });
    expect(await balance()).toBe(123_45);
  });

  it('when a payment has no key, a saved card, a wrong amount or an unknown number, then it is refused and nothing is stored', async () => {
    const before = (await t.query('SELECT 1 FROM payments')).length;
    expect((await from(t.http.post('/api/v1/pay')).send({ number: msisdn, amount: rub(100_00), method: 'bank_card' }).expect(400)).body.code).toBe('idempotency_key_required');
    await from(t.http.post('/api/v1/pay')).set('Idempotency-Key', randomUUID()).send({ number: msisdn, amount: rub(100_00), method: 'saved_card' }).expect(400);
    await from(t.http.post('/api/v1/pay')).set('Idempotency-Key', randomUUID()).send({ number: msisdn, amount: rub(5_00), method: 'bank_card' }).expect(400);
    const unknown = await from(t.http.post('/api/v1/pay')).set('Idempotency-Key', randomUUID()).send({ number: '+79000000000', amount: rub(100_00), method: 'bank_card' }).expect(404);
    expect(unknown.body.code).toBe('recipient_not_found');
    expect((await t.query('SELECT 1 FROM payments')).length).toBe(before);
  });

  it('when an address looks up more than the free few an hour, then a captcha is required; the right answer passes, a wrong one does not', async () => {
    for (let i = 0; i < 3; i++) await from(t.http.post('/api/v1/pay/recipient')).send({ number: msisdn }).expect(200);
    const gated = await from(t.http.post('/api/v1/pay/recipient')).send({ number: msisdn }).expect(428);
    expect(gated.body.code).toBe('captcha_required');
    expect(gated.body.maskedName).toBeUndefined();
    const wrong = await from(t.http.post('/api/v1/pay/recipient')).send({ number: msisdn, captcha: { id: gated.body.captcha.id, answer: 'zzzzz' } }).expect(428);
    expect(wrong.body.code).toBe('captcha_invalid');
    const answer = await t.captchaAnswer(wrong.body.captcha.id);
    expect((await from(t.http.post('/api/v1/pay/recipient')).send({ number: msisdn, captcha: { id: wrong.body.captcha.id, answer } }).expect(200)).body.maskedName).toBe('Иван П.');
    // A challenge is single-use.
    expect((await from(t.http.post('/api/v1/pay/recipient')).send({ number: msisdn, captcha: { id: wrong.body.captcha.id, answer } }).expect(428)).body.code).toBe('captcha_invalid');
  });

  it('when an address sends more than 10 a minute, then it gets 429 with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await from(t.http.post('/api/v1/pay/recipient')).send({ number: msisdn })).status);
    expect(statuses.slice(0, 10)).not.toContain(429);
    const limited = await from(t.http.post('/api/v1/pay/recipient')).send({ number: msisdn }).expect(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.body.code).toBe('rate_limited');
  });

  it('when a signed-in customer looks up a payment by id that was not made without signing in, then /pay/:id answers 404', async () => {
    const token = (await t.signIn(owner.phone, 'owner-pass-123')).accessToken;
    const own = await t.http.post('/api/v1/payments').set(t.bearer(token)).set('Idempotency-Key', randomUUID()).send({ accountId: acc.accountId, amount: rub(100_00), method: 'bank_card' }).expect(201);
    await t.http.get(`/api/v1/pay/${own.body.id}`).expect(404);
    await t.http.get(`/api/v1/pay/${randomUUID()}`).expect(404);
  });
});

describe('topping up another number from the cabinet (POST /payments/other)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('when a customer tops up a friend’s number, then they see only the masked name, the friend is credited and sees a third party; the payer sees it in their payments', async () => {
    const friend = await t.createCustomer({ name: 'Мария', surname: 'Сидорова' });
    const friendAcc = await t.openMobileAccount(friend.id, { balance: 10_00 });
    const [{ msisdn }] = await t.query<{ msisdn: string }>('SELECT msisdn FROM mobile_lines WHERE id = $1', [friendAcc.lineIds[0]]);
    const payer = await t.createCustomer({ password: 'payer-pass-123' });
    const token = (await t.signIn(payer.phone, 'payer-pass-123')).accessToken;

    const who = await t.http.get(`/api/v1/payments/recipient?number=${encodeURIComponent(msisdn)}`).set(t.bearer(token)).expect(200);
    expect(who.body).toEqual({ number: msisdn, kind: 'mobile', maskedName: 'Мария С.' });
    await t.http.get('/api/v1/payments/recipient?number=%2B79000000000').set(t.bearer(token)).expect(404);
    await t.http.get(`/api/v1/payments/recipient?number=${encodeURIComponent(msisdn)}`).expect(401);

    const p = await t.http.post('/api/v1/payments/other').set(t.bearer(token)).set('Idempotency-Key', randomUUID()).send({ number: msisdn, amount: rub(250_00), method: 'bank_card' }).expect(201);
    expect(p.body).toMatchObject({ source: 'third_party', status: 'pending' });
    await t.payOnAcquirerPage(p.body.confirmation.url);
    expect((await t.http.get(`/api/v1/payments/${p.body.id}`).set(t.bearer(token)).expect(200)).body.status).toBe('succeeded');
    const [{ balance }] = await t.query<{ balance: string }>('SELECT balance FROM accounts WHERE id = $1', [friendAcc.accountId]);
    expect(Number(balance)).toBe(260_00);
    const [entry] = await t.query<{ description: string }>(`SELECT description FROM ledger_entries WHERE account_id = $1 AND kind = 'payment'`, [friendAcc.accountId]);
    expect(entry.description).toMatch(/^Пополнение от другого абонента/);
    expect((await t.http.get('/api/v1/payments').set(t.bearer(token)).expect(200)).body.items.map((i: { id: string }) => i.id)).toContain(p.body.id);
    // The payer may not read the friend's account.
    await t.http.get(`/api/v1/accounts/${friendAcc.accountId}`).set(t.bearer(token)).expect(404);
  });

  function rub(amount: number) {
    return { amount, currency: 'RUB' };
  }
});
