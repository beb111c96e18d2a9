import { randomUUID } from 'node:crypto';
import { createTestContext, type TestContext, type TestCustomer } from '../support';

describe('promised and deferred payments, low-balance alert', () => {
  let t: TestContext;
  let ivan: TestCustomer;
  let token: string;

  const balance = async (accountId: string) => Number((await t.query<{ balance: string }>('SELECT balance FROM accounts WHERE id = $1', [accountId]))[0].balance);
  const rub = (amount: number) => ({ amount, currency: 'RUB' });
  const auth = () => t.bearer(token);
  const topUp = async (accountId: string, amount: number) => {
    const p = await t.http.post('/api/v1/payments').set(auth()).set('Idempotency-Key', randomUUID()).send({ accountId, amount: rub(amount), method: 'bank_card' }).expect(201);
    await t.payOnAcquirerPage(p.body.confirmation.url);
  };
  const lineStatus = async (lineId: string) => (await t.query<{ status: string; block_reason: string | null }>('SELECT status, block_reason FROM mobile_lines WHERE id = $1', [lineId]))[0];

  beforeAll(async () => {
    t = await createTestContext();
  });
  beforeEach(async () => {
    ivan = await t.createCustomer({ password: 'ivan-pass-123' });
    token = (await t.signIn(ivan.phone, 'ivan-pass-123')).accessToken;
  });
  afterAll(() => t.close());

  describe('promised payment', () => {
    it('when taken, then the money arrives with its fee, a second one is refused, and the next top-up repays it', async () => {
      const acc = await t.openMobileAccount(ivan.id);
      const url = `/api/v1/accounts/${acc.accountId}/promised-payment`;
      const offer = await t.http.get(url).set(auth()).expect(200);
      expect(offer.body).toMatchObject({ available: true, reason: null, maxAmount: rub(300_00), days: 3, open: null });
      expect(offer.body.fees[0]).toEqual({ upTo: rub(100_00), fee: rub(10_00) });

      const taken = await t.http.post(url).set(auth()).send({ amount: rub(200_00) }).expect(201);
      expect(taken.body).toMatchObject({ amount: rub(200_00), fee: rub(25_00), outstanding: rub(200_00), status: 'open', dueAt: '2026-11-25T09:00:00.000Z' });
      expect(await balance(acc.accountId)).toBe(175_00);
      expect((await t.http.post(url).set(auth()).send({ amount: rub(50_00) }).expect(409)).body.code).toBe('promised_payment_open');
      expect((await t.http.get(url).set(auth()).expect(200)).body).toMatchObject({ available: false, reason: 'already_open', open: { id: taken.body.id } });

      await topUp(acc.accountId, 500_00);
      expect(await balance(acc.accountId)).toBe(175_00 + 500_00 - 200_00);
      const [row] = await t.query<{ status: string; outstanding: string }>('SELECT status, outstanding FROM promised_payments WHERE id = $1', [taken.body.id]);
      expect(row).toEqual({ status: 'repaid', outstanding: '0' });
      const kinds = await t.query<{ kind: string; amount: string }>('SELECT kind, amount FROM ledger_entries WHERE account_id = $1 ORDER BY created_at, kind', [acc.accountId]);
      expect(kinds.map((k) => [k.kind, Number(k.amount)]).sort()).toEqual([['payment', 500_00], ['promised_fee', -25_00], ['promised_payment', 200_00], ['promised_repayment', -200_00]].sort());
      expect((await t.http.get(url).set(auth()).expect(200)).body.available).toBe(true);
    });

    it('when the due date passes unpaid by the clock, then what the balance holds is taken, the lines are blocked, and a top-up repays the rest and unblocks', async () => {
      const acc = await t.openMobileAccount(ivan.id);
      const url = `/api/v1/accounts/${acc.accountId}/promised-payment`;
      await t.http.post(url).set(auth()).send({ amount: rub(300_00) }).expect(201);
      expect(await balance(acc.accountId)).toBe(275_00);
      await t.services.ledger.post(t.ds.manager, { accountId: acc.accountId, amount: -200_00n, kind: 'adjustment', ref: 'spent-on-calls' });

      t.clock.advanceMinutes(3 * 24 * 60 - 1);
      await t.services.promised.runDue();
      expect(await lineStatus(acc.lineIds[0])).toEqual({ status: 'active', block_reason: null });
      t.clock.advanceMinutes(2);
      await t.services.promised.runDue();
      expect(await balance(acc.accountId)).toBe(0);
      expect(await lineStatus(acc.lineIds[0])).toEqual({ status: 'blocked', block_reason: 'debt' });
      const [row] = await t.query<{ status: string; outstanding: string }>(`SELECT status, outstanding FROM promised_payments WHERE account_id = $1`, [acc.accountId]);
      expect(row).toEqual({ status: 'overdue', outstanding: '22500' });
      expect((await t.lastMessage(ivan.phone))?.body).toMatch(/не погашен: осталось 225,00/);

      token = (await t.signIn(ivan.phone, 'ivan-pass-123')).accessToken;
      await topUp(acc.accountId, 100_00); // not enough: still blocked
      expect(await lineStatus(acc.lineIds[0])).toEqual({ status: 'blocked', block_reason: 'debt' });
      await topUp(acc.accountId, 300_00);
      expect(await lineStatus(acc.lineIds[0])).toEqual({ status: 'active', block_reason: null });
      expect(await balance(acc.accountId)).toBe(400_00 - 225_00);
    });

    it('when the amount is out of range, the account is internet, or the caller only views, then 4xx and nothing is credited', async () => {
      const acc = await t.openMobileAccount(ivan.id);
      const url = `/api/v1/accounts/${acc.accountId}/promised-payment`;
      for (const amount of [0, 5_00, 301_00, -100]) expect((await t.http.post(url).set(auth()).send({ amount: rub(amount) })).status).toBe(400);
      const net = await t.openInternetAccount(ivan.id);
      expect((await t.http.post(`/api/v1/accounts/${net.accountId}/promised-payment`).set(auth()).send({ amount: rub(100_00) }).expect(409)).body.code).toBe('promised_payment_unavailable');
      const viewer = await t.createCustomer({ password: 'viewer-pass-1' });
      await t.http.post(`/api/v1/accounts/${acc.accountId}/grants`).set(auth()).send({ phone: viewer.phone, level: 'viewer' }).expect(201);
      await t.http.post(url).set(t.bearer((await t.signIn(viewer.phone, 'viewer-pass-1')).accessToken)).send({ amount: rub(100_00) }).expect(403);
      expect(await balance(acc.accountId)).toBe(0);
      expect(await t.query('SELECT 1 FROM promised_payments WHERE account_id = ANY($1::uuid[])', [[acc.accountId, net.accountId]])).toHaveLength(0);
    });
  });

  describe('deferred payment', () => {
    it('when the balance is short, then paid-until moves by up to 5 days once a month; at the period end the contract stays on, and a top-up pays the fee', async () => {
      const acc = await t.openInternetAccount(ivan.id, { balance: 100_00 });
      const url = `/api/v1/accounts/${acc.accountId}/deferred-payment`;
      const [{ paid_until: before, period_end: periodEnd }] = await t.query<{ paid_until: string; period_end: Date }>(
        'SELECT a.paid_until, c.period_end FROM accounts a JOIN internet_contracts c ON c.account_id = a.id WHERE a.id = $1',
        [acc.accountId],
      );
      const offer = await t.http.get(url).set(auth()).expect(200);
      expect(offer.body).toMatchObject({ available: true, maxDays: 5, paidUntil: before });
      expect((await t.http.post(url).set(auth()).send({ days: 6 }).expect(400)).body.code).toBe('validation_failed');
      const taken = await t.http.post(url).set(auth()).send({ days: 5 }).expect(201);
      expect(taken.body.paidUntil > before).toBe(true);
      expect((await t.http.post(url).set(auth()).send({ days: 1 }).expect(409)).body.code).toBe('deferred_payment_unavailable');
      expect((await t.http.get(url).set(auth()).expect(200)).body).toMatchObject({ available: false, reason: 'used_this_month', last: { days: 5 } });

      // The period ends: the fee cannot be paid, but the deferral keeps the contract on.
      t.clock.set(new Date(periodEnd.getTime() + 60_000));
      await t.services.periods.runDue();
      expect((await t.query<{ status: string }>('SELECT status FROM internet_contracts WHERE id = $1', [acc.contractId]))[0].status).toBe('active');
      token = (await t.signIn(ivan.phone, 'ivan-pass-123')).accessToken;
      await topUp(acc.accountId, 1000_00);
      const fees = await t.query(`SELECT 1 FROM ledger_entries WHERE account_id = $1 AND kind = 'monthly_fee'`, [acc.accountId]);
      expect(fees).toHaveLength(1);
      expect((await t.query<{ deferred_until: string | null }>('SELECT deferred_until FROM internet_contracts WHERE id = $1', [acc.contractId]))[0].deferred_until).toBeNull();
    });

    it('when the deferred days run out unpaid, then the job suspends the contract; with enough money there is nothing to defer', async () => {
      const acc = await t.openInternetAccount(ivan.id);
      const url = `/api/v1/accounts/${acc.accountId}/deferred-payment`;
      const [{ period_end: periodEnd }] = await t.query<{ period_end: Date }>('SELECT period_end FROM internet_contracts WHERE id = $1', [acc.contractId]);
      t.clock.set(new Date(periodEnd.getTime() - 3600_000));
      token = (await t.signIn(ivan.phone, 'ivan-pass-123')).accessToken;
      await t.http.post(url).set(auth()).send({ days: 2 }).expect(201);
      t.clock.set(new Date(periodEnd.getTime() + 60_000));
      await t.services.periods.runDue();
      t.clock.set(new Date(periodEnd.getTime() + 4 * 24 * 3600_000));
      expect(await t.services.promised.runDeferredDue()).toBeGreaterThanOrEqual(1);
      expect((await t.query('SELECT status, suspend_reason FROM internet_contracts WHERE id = $1', [acc.contractId]))[0]).toEqual({ status: 'suspended', suspend_reason: 'debt' });

      const rich = await t.openInternetAccount(ivan.id, { balance: 5000_00 });
      token = (await t.signIn(ivan.phone, 'ivan-pass-123')).accessToken;
      expect((await t.http.get(`/api/v1/accounts/${rich.accountId}/deferred-payment`).set(auth()).expect(200)).body).toMatchObject({ available: false, reason: 'balance_sufficient' });
      expect((await t.http.post(`/api/v1/accounts/${rich.accountId}/deferred-payment`).set(auth()).send({ days: 1 }).expect(409)).body.code).toBe('deferred_payment_unavailable');
    });
  });

  describe('low-balance alert', () => {
    it('when the balance falls below the threshold, then one SMS; re-armed after a top-up above it', async () => {
      const acc = await t.openMobileAccount(ivan.id, { balance: 300_00 });
      const url = `/api/v1/accounts/${acc.accountId}/notification-settings`;
      expect((await t.http.get(url).set(auth()).expect(200)).body).toEqual({ lowBalanceThreshold: null });
      expect((await t.http.put(url).set(auth()).send({ lowBalanceThreshold: rub(200_00) }).expect(200)).body).toEqual({ lowBalanceThreshold: rub(200_00) });
      const sms = async () => (await t.query<{ n: number }>(`SELECT count(*)::int AS n FROM notification_outbox WHERE recipient = $1 AND body LIKE 'На счёте%'`, [ivan.phone]))[0].n;
      await t.services.alerts.run();
      expect(await sms()).toBe(0);
      await t.services.ledger.post(t.ds.manager, { accountId: acc.accountId, amount: -150_00n, kind: 'adjustment', ref: 'spend-1' });
      await t.services.alerts.run();
      await t.services.ledger.post(t.ds.manager, { accountId: acc.accountId, amount: -10_00n, kind: 'adjustment', ref: 'spend-2' });
      await t.services.alerts.run();
      expect(await sms()).toBe(1);
      expect((await t.lastMessage(ivan.phone))?.body).toMatch(/осталось 150,00/);
      await t.services.ledger.post(t.ds.manager, { accountId: acc.accountId, amount: 500_00n, kind: 'adjustment', ref: 'top-1' });
      await t.services.alerts.run();
      await t.services.ledger.post(t.ds.manager, { accountId: acc.accountId, amount: -600_00n, kind: 'adjustment', ref: 'spend-3' });
      await t.services.alerts.run();
      expect(await sms()).toBe(2);
      expect((await t.http.put(url).set(auth()).send({ lowBalanceThreshold: rub(-1) }).expect(400)).body.code).toBe('validation_failed');
      await t.http.put(url).set(auth()).send({ lowBalanceThreshold: null }).expect(200);
    });
  });
});
