import { createTestContext, type TestContext, type TestCustomer } from '../support';

describe('Idempotency-Key', () => {
  let t: TestContext;
  let owner: TestCustomer;
  let token: string;
  let optionId: string;

  const balance = async (accountId: string) => Number((await t.query<{ balance: string }>('SELECT balance FROM accounts WHERE id = $1', [accountId]))[0].balance);

  beforeAll(async () => {
    t = await createTestContext();
    owner = await t.createCustomer({ password: 'idem-pass-123' });
    [{ id: optionId }] = await t.query<{ id: string }>(`SELECT id FROM tariff_options WHERE code = 'megafon-plus-10gb'`);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    token = (await t.signIn(owner.phone, 'idem-pass-123')).accessToken;
  });

  it('when a money-moving request is retried with the same key, then the first response comes back and the money moves once', async () => {
    const acc = await t.openMobileAccount(owner.id, { balance: 500_00 });
    const url = `/api/v1/accounts/${acc.accountId}/lines/${acc.lineIds[0]}/options`;
    const first = await t.http.post(url).set(t.bearer(token)).set('Idempotency-Key', 'opt-1').send({ optionId }).expect(204);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await t.http.post(url).set(t.bearer(token)).set('Idempotency-Key', 'opt-1').send({ optionId }).expect(204);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await balance(acc.accountId)).toBe(300_00);
    // Without the key the same request is a new one, and is refused for its own reason.
    expect((await t.http.post(url).set(t.bearer(token)).send({ optionId }).expect(409)).body.code).toBe('option_already_active');
  });

  it('when the same key comes with other parameters, then 409 idempotency_key_reused and nothing happens', async () => {
    const acc = await t.openMobileAccount(owner.id, { balance: 500_00 });
    const url = `/api/v1/accounts/${acc.accountId}/lines/${acc.lineIds[0]}/tariff-change`;
    const [min] = await t.query<{ id: string }>(`SELECT id FROM tariffs WHERE code = 'megafon-minimum'`);
    await t.http.post(url).set(t.bearer(token)).set('Idempotency-Key', 'tc-1').send({ tariffId: min.id, when: 'next_period' }).expect(200);
    const res = await t.http.post(url).set(t.bearer(token)).set('Idempotency-Key', 'tc-1').send({ tariffId: min.id, when: 'now' }).expect(409);
    expect(res.body.code).toBe('idempotency_key_reused');
    expect(await balance(acc.accountId)).toBe(500_00);
  });

  it('when the first attempt was refused, then a retry with the key replays the refusal even after the reason is gone (Stripe semantics)', async () => {
    const acc = await t.openMobileAccount(owner.id, { balance: 10_00 });
    const url = `/api/v1/accounts/${acc.accountId}/lines/${acc.lineIds[0]}/options`;
    const first = await t.http.post(url).set(t.bearer(token)).set('Idempotency-Key', 'poor-1').send({ optionId }).expect(409);
    expect(first.body.code).toBe('insufficient_funds');
    await t.ds.transaction((em) => t.services.ledger.post(em, { accountId: acc.accountId, amount: 1000_00n, kind: 'adjustment', ref: 'top-up-test' }));
    const replay = await t.http.post(url).set(t.bearer(token)).set('Idempotency-Key', 'poor-1').send({ optionId }).expect(409);
    expect(replay.headers['content-type']).toMatch(/problem\+json/);
    expect(replay.body).toEqual(first.body);
    await t.http.post(url).set(t.bearer(token)).set('Idempotency-Key', 'poor-2').send({ optionId }).expect(204);
  });

  it('when keys are reused by another customer or after 24 hours, then they are new requests', async () => {
    const other = await t.createCustomer({ password: 'other-pass-12' });
    const acc = await t.openMobileAccount(other.id, { balance: 500_00 });
    const otherToken = (await t.signIn(other.phone, 'other-pass-12')).accessToken;
    const url = `/api/v1/accounts/${acc.accountId}/lines/${acc.lineIds[0]}/options`;
    // 'opt-1' was used by the first customer above: keys are per caller.
    await t.http.post(url).set(t.bearer(otherToken)).set('Idempotency-Key', 'opt-1').send({ optionId }).expect(204);
    await t.http.delete(`${url}/${optionId}`).set(t.bearer(otherToken)).expect(204);
    t.clock.advance(25 * 3600_000);
    const fresh = (await t.signIn(other.phone, 'other-pass-12')).accessToken;
    const res = await t.http.post(url).set(t.bearer(fresh)).set('Idempotency-Key', 'opt-1').send({ optionId }).expect(204);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    expect(await t.services.idempotency.purgeExpired()).toBeGreaterThan(0);
    t.clock.set('2026-11-22T09:00:00Z');
  });

  it('when an integrator retries a usage batch with its key, then the first result is replayed', async () => {
    const acc = await t.openMobileAccount(owner.id, { balance: 100_00 });
    const [{ msisdn }] = await t.query<{ msisdn: string }>('SELECT msisdn FROM mobile_lines WHERE id = $1', [acc.lineIds[0]]);
    const key = (await t.createApiKey(['usage:write'])).key;
    const body = { records: [{ id: 'idem-cdr-1', msisdn, type: 'sms', quantity: 1, occurredAt: '2026-11-22T08:00:00Z' }] };
    const first = await t.http.post('/api/v1/integrations/usage').set('Authorization', `Bearer ${key}`).set('Idempotency-Key', 'batch-1').send(body).expect(200);
    const again = await t.http.post('/api/v1/integrations/usage').set('Authorization', `Bearer ${key}`).set('Idempotency-Key', 'batch-1').send(body).expect(200);
    expect(again.body).toEqual(first.body);
    expect(again.body.accepted).toBe(1);
  });

  it('when the key is not a printable string of at most 255 characters, then 400 and nothing happens', async () => {
    const acc = await t.openMobileAccount(owner.id, { balance: 500_00 });
    const url = `/api/v1/accounts/${acc.accountId}/lines/${acc.lineIds[0]}/options`;
    const res = await t.http.post(url).set(t.bearer(token)).set('Idempotency-Key', 'x'.repeat(256)).send({ optionId }).expect(400);
    expect(res.body.errors[0].field).toBe('Idempotency-Key');
    expect(await balance(acc.accountId)).toBe(500_00);
  });
});
