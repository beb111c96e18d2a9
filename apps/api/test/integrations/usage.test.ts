import { createTestContext, type TestContext, type TestCustomer } from '../support';

describe('POST /api/v1/integrations/usage', () => {
  let t: TestContext;
  let owner: TestCustomer;
  let key: string;

  const state = async (accountId: string) => {
    const [a] = await t.query<{ balance: string }>('SELECT balance FROM accounts WHERE id = $1', [accountId]);
    const [s] = await t.query<{ s: string }>('SELECT coalesce(sum(amount), 0) AS s FROM ledger_entries WHERE account_id = $1', [accountId]);
    const lines = await t.query<{ msisdn: string; minutes_left: number; sms_left: number; mb_left: number; status: string; block_reason: string | null }>(
      'SELECT msisdn, minutes_left, sms_left, mb_left, status, block_reason FROM mobile_lines WHERE account_id = $1 ORDER BY msisdn',
      [accountId],
    );
    return { balance: Number(a.balance), sumOfEntries: Number(s.s), lines };
  };
  const msisdnOf = async (lineId: string) => (await t.query<{ msisdn: string }>('SELECT msisdn FROM mobile_lines WHERE id = $1', [lineId]))[0].msisdn;
  const post = (body: object, k = key) => t.http.post('/api/v1/integrations/usage').set('Authorization', `Bearer ${k}`).send(body);

  beforeAll(async () => {
    t = await createTestContext();
    owner = await t.createCustomer({ password: 'usage-owner-1' });
    key = (await t.createApiKey(['usage:write'], 'Network CDR feed')).key;
  });
  afterAll(() => t.close());

  it('when usage stays within the packages, then the packages go down and nothing is charged', async () => {
    const acc = await t.openMobileAccount(owner.id, { balance: 100_00 });
    const msisdn = await msisdnOf(acc.lineIds[0]);
    const res = await post({
      records: [
        { id: 'cdr-1', msisdn, type: 'minutes', quantity: 12, occurredAt: '2026-11-22T08:00:00Z' },
        { id: 'cdr-2', msisdn: `8${msisdn.slice(2)}`, type: 'sms', quantity: 3, occurredAt: '2026-11-22T08:01:00Z' },
        { id: 'cdr-3', msisdn, type: 'mb', quantity: 500, occurredAt: '2026-11-22T08:02:00Z' },
      ],
    }).expect(200);
    expect(res.body).toEqual({ accepted: 3, duplicates: 0, rejected: [], charged: { amount: 0, currency: 'RUB' } });
    const s = await state(acc.accountId);
    expect(s.lines[0]).toMatchObject({ minutes_left: 1500 - 12, sms_left: 500 - 3, mb_left: 40960 - 500 });
    expect(s.balance).toBe(100_00);
  });

  it('when usage goes past a package, then each unit beyond it is charged by the tariff through the ledger', async () => {
    const acc = await t.openMobileAccount(owner.id, { balance: 100_00 });
    const msisdn = await msisdnOf(acc.lineIds[0]);
    await t.query('UPDATE mobile_lines SET minutes_left = 5 WHERE id = $1', [acc.lineIds[0]]);
    const res = await post({ records: [{ id: 'over-1', msisdn, type: 'minutes', quantity: 15, occurredAt: '2026-11-22T08:00:00Z' }] }).expect(200);
    // 5 minutes from the package, 10 at 2.50 ₽.
    expect(res.body.charged).toEqual({ amount: 2500, currency: 'RUB' });
    const s = await state(acc.accountId);
    expect(s.lines[0].minutes_left).toBe(-10); // 10 minutes past the package, charged
    expect(s.balance).toBe(100_00 - 2500);
    expect(s.sumOfEntries).toBe(s.balance);
    const token = (await t.signIn(owner.phone, 'usage-owner-1')).accessToken;
    const view = await t.http.get(`/api/v1/accounts/${acc.accountId}`).set(t.bearer(token)).expect(200);
    expect(view.body.lines[0].packages.minutes).toEqual({ left: 0, total: 1500 });
    // Past the package already: every further minute is charged.
    expect((await post({ records: [{ id: 'over-2', msisdn, type: 'minutes', quantity: 2, occurredAt: '2026-11-22T08:05:00Z' }] }).expect(200)).body.charged.amount).toBe(500);
  });

  it('when the same batch is posted again, then it counts once: nothing more is used or charged', async () => {
    const acc = await t.openMobileAccount(owner.id, { balance: 100_00 });
    const msisdn = await msisdnOf(acc.lineIds[0]);
    await t.query('UPDATE mobile_lines SET sms_left = 0 WHERE id = $1', [acc.lineIds[0]]);
    const batch = { records: [1, 2, 3].map((n) => ({ id: `replay-${n}`, msisdn, type: 'sms', quantity: 1, occurredAt: '2026-11-22T08:00:00Z' })) };
    expect((await post(batch).expect(200)).body).toMatchObject({ accepted: 3, duplicates: 0, charged: { amount: 750 } });
    const after1 = await state(acc.accountId);
    expect((await post(batch).expect(200)).body).toMatchObject({ accepted: 0, duplicates: 3, charged: { amount: 0 } });
    expect(await state(acc.accountId)).toEqual(after1);
    expect(await t.query(`SELECT 1 FROM usage_records WHERE record_id LIKE 'replay-%'`)).toHaveLength(3);
  });

  it('when a batch repeats some records posted before among new ones, then only the new ones count', async () => {
    const acc = await t.openMobileAccount(owner.id, { balance: 100_00 });
    const msisdn = await msisdnOf(acc.lineIds[0]);
    const rec = (n: number) => ({ id: `part-${n}`, msisdn, type: 'minutes', quantity: n, occurredAt: '2026-11-22T08:00:00Z' });
    expect((await post({ records: [rec(1), rec(2), rec(3)] }).expect(200)).body).toMatchObject({ accepted: 3, duplicates: 0 });
    expect((await post({ records: [rec(2), rec(3), rec(4), rec(5)] }).expect(200)).body).toMatchObject({ accepted: 2, duplicates: 2, rejected: [] });
    expect((await state(acc.accountId)).lines[0].minutes_left).toBe(1500 - (1 + 2 + 3 + 4 + 5));
    expect(await t.query(`SELECT 1 FROM usage_records WHERE record_id LIKE 'part-%'`)).toHaveLength(5);
  });

  it('when the same batch is posted twice at the same moment, then it counts once and the overage is charged once', async () => {
    const acc = await t.openMobileAccount(owner.id, { balance: 1000_00, lines: [{ tariffCode: 'megafon-vse' }, { tariffCode: 'megafon-vse' }] });
    await t.query('UPDATE mobile_lines SET minutes_left = 0 WHERE account_id = $1', [acc.accountId]);
    const numbers = await Promise.all(acc.lineIds.map(msisdnOf));
    const batch = { records: Array.from({ length: 20 }, (_, n) => ({ id: `race-${n}`, msisdn: numbers[n % 2], type: 'minutes', quantity: 1, occurredAt: '2026-11-22T08:00:00Z' })) };
    const [a, b] = await Promise.all([post(batch), post(batch)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.accepted + b.body.accepted).toBe(20);
    expect(a.body.duplicates + b.body.duplicates).toBe(20);
    expect(a.body.charged.amount + b.body.charged.amount).toBe(20 * 250); // 2.50 ₽ a minute past the package
    const s = await state(acc.accountId);
    expect(s.lines.map((l) => l.minutes_left)).toEqual([-10, -10]);
    expect(s.balance).toBe(1000_00 - 20 * 250);
    expect(s.sumOfEntries).toBe(s.balance);
    expect(await t.query(`SELECT 1 FROM usage_records WHERE record_id LIKE 'race-%'`)).toHaveLength(20);
  });

  it('when many batches over the same lines run at once, some of them replays, then each succeeds and counters and charges are exact', async () => {
    const acc = await t.openMobileAccount(owner.id, { balance: 10_000_00, lines: Array.from({ length: 4 }, () => ({ tariffCode: 'megafon-vse' })) });
    await t.query('UPDATE mobile_lines SET minutes_left = 50 WHERE account_id = $1', [acc.accountId]);
    const numbers = await Promise.all(acc.lineIds.map(msisdnOf));
    // Each batch names the four lines in its own order, so concurrent batches contend for the same rows.
    const batches = Array.from({ length: 9 }, (_, b) => ({
      records: Array.from({ length: 60 }, (_, n) => ({ id: `load-${b}-${n}`, msisdn: numbers[(n * (b + 1) + b) % 4], type: 'minutes', quantity: 1 + ((n + b) % 3), occurredAt: '2026-11-22T08:00:00Z' })),
    }));
    const posted = [...batches, batches[0], batches[4], batches[8]];
    const results = await Promise.all(posted.map((body) => post(body)));
    expect(results.map((r) => r.status)).toEqual(posted.map(() => 200));
    expect(results.reduce((n, r) => n + r.body.accepted, 0)).toBe(9 * 60);
    expect(results.reduce((n, r) => n + r.body.duplicates, 0)).toBe(3 * 60);
    const used = numbers.map((m) => batches.flatMap((b) => b.records).filter((r) => r.msisdn === m).reduce((q, r) => q + r.quantity, 0));
    const s = await state(acc.accountId);
    const left = new Map(s.lines.map((l) => [l.msisdn, l.minutes_left]));
    expect(numbers.map((m) => left.get(m))).toEqual(used.map((u) => 50 - u));
    const overage = used.reduce((sum, u) => sum + Math.max(0, u - 50) * 250, 0);
    expect(results.reduce((n, r) => n + r.body.charged.amount, 0)).toBe(overage);
    expect(s.balance).toBe(10_000_00 - overage);
    expect(s.sumOfEntries).toBe(s.balance);
  });

  it('when a record names an unknown line, then it alone is rejected; a repeated id within one batch counts once', async () => {
    const acc = await t.openMobileAccount(owner.id, { balance: 100_00 });
    const msisdn = await msisdnOf(acc.lineIds[0]);
    const res = await post({
      records: [
        { id: 'mix-1', msisdn, type: 'minutes', quantity: 1, occurredAt: '2026-11-22T08:00:00Z' },
        { id: 'mix-2', msisdn: '+79990000000', type: 'minutes', quantity: 1, occurredAt: '2026-11-22T08:00:00Z' },
        { id: 'mix-1', msisdn, type: 'minutes', quantity: 1, occurredAt: '2026-11-22T08:00:00Z' },
      ],
    }).expect(200);
    expect(res.body).toMatchObject({ accepted: 1, duplicates: 1, rejected: [{ index: 1, id: 'mix-2', code: 'unknown_line' }] });
    expect((await state(acc.accountId)).lines[0].minutes_left).toBe(1499);
  });

  it('when the balance cannot cover the overage, then the charge stops at the credit limit and the line is blocked for debt', async () => {
    const acc = await t.openMobileAccount(owner.id, { balance: 10_00, creditLimit: 5_00 });
    const msisdn = await msisdnOf(acc.lineIds[0]);
    await t.query('UPDATE mobile_lines SET mb_left = 0 WHERE id = $1', [acc.lineIds[0]]);
    const res = await post({ records: [{ id: 'debt-1', msisdn, type: 'mb', quantity: 5000, occurredAt: '2026-11-22T08:00:00Z' }] }).expect(200);
    expect(res.body.charged.amount).toBe(15_00);
    const s = await state(acc.accountId);
    expect(s.balance).toBe(-5_00);
    expect(s.sumOfEntries).toBe(s.balance);
    expect(s.lines[0]).toMatchObject({ status: 'blocked', block_reason: 'debt' });
  });

  it('when the key is missing, wrong, revoked or lacks the scope, then 401/403 and nothing is recorded', async () => {
    const acc = await t.openMobileAccount(owner.id, { balance: 100_00 });
    const msisdn = await msisdnOf(acc.lineIds[0]);
    const body = { records: [{ id: 'auth-1', msisdn, type: 'minutes', quantity: 1, occurredAt: '2026-11-22T08:00:00Z' }] };
    expect((await t.http.post('/api/v1/integrations/usage').send(body).expect(401)).body.code).toBe('authentication_required');
    expect((await post(body, `${key.slice(0, -4)}AAAA`).expect(401)).body.code).toBe('authentication_required');
    const other = await t.createApiKey(['bonus:purchases']);
    expect((await post(body, other.key).expect(403)).body.code).toBe('forbidden');
    const revoked = await t.createApiKey(['usage:write']);
    await t.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [revoked.id]);
    expect((await post(body, revoked.key).expect(401)).body.code).toBe('invalid_token');
    // A customer's access token is no API key.
    const c = await t.createCustomer({ password: 'cust-pass-123' });
    const s = await t.signIn(c.phone, 'cust-pass-123');
    await t.http.post('/api/v1/integrations/usage').set(t.bearer(s.accessToken)).send(body).expect(401);
    expect(await t.query(`SELECT 1 FROM usage_records WHERE record_id = 'auth-1'`)).toHaveLength(0);
  });

  it('when the batch is malformed or too large, then 400 naming the field and nothing is recorded', async () => {
    const acc = await t.openMobileAccount(owner.id, { balance: 100_00 });
    const msisdn = await msisdnOf(acc.lineIds[0]);
    const good = { id: 'x', msisdn, type: 'minutes', quantity: 1, occurredAt: '2026-11-22T08:00:00Z' };
    const cases: [object, string][] = [
      [{}, 'records'],
      [{ records: [] }, 'records'],
      [{ records: Array.from({ length: 1001 }, (_, i) => ({ ...good, id: `big-${i}` })) }, 'records'],
      [{ records: [{ ...good, type: 'calls' }] }, 'records.0.type'],
      [{ records: [{ ...good, quantity: -1 }] }, 'records.0.quantity'],
      [{ records: [{ ...good, quantity: 1.5 }] }, 'records.0.quantity'],
      [{ records: [{ ...good, occurredAt: 'yesterday' }] }, 'records.0.occurredAt'],
      [{ records: [{ ...good, extra: true }] }, 'records.0.extra'],
    ];
    for (const [body, field] of cases) {
      const res = await post(body).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await t.query('SELECT 1 FROM usage_records WHERE line_id = $1', [acc.lineIds[0]])).toHaveLength(0);
  });
});
