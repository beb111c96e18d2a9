import { createTestContext, type TestContext, type TestCustomer } from '../support';

describe('options, voluntary block and devices', () => {
  let t: TestContext;
  let owner: TestCustomer;
  let token: string;
  let options: Record<string, { id: string }>;

  const balance = async (accountId: string) => Number((await t.query<{ balance: string }>('SELECT balance FROM accounts WHERE id = $1', [accountId]))[0].balance);

  beforeAll(async () => {
    t = await createTestContext();
    owner = await t.createCustomer({ password: 'owner-pass-12' });
    token = (await t.signIn(owner.phone, 'owner-pass-12')).accessToken;
    const all = await t.http.get('/api/v1/tariff-options').expect(200);
    options = Object.fromEntries(all.body.items.map((o: { code: string }) => [o.code, o]));
  });
  afterAll(() => t.close());

  describe('options', () => {
    it('when an option is turned on, then its fee is charged and its packages added; off and on again in the same period charges once', async () => {
      const acc = await t.openMobileAccount(owner.id, { balance: 500_00, lines: [{ tariffCode: 'megafon-vse' }] });
      const url = `/api/v1/accounts/${acc.accountId}/lines/${acc.lineIds[0]}/options`;
      await t.http.post(url).set(t.bearer(token)).send({ optionId: options['megafon-plus-10gb'].id }).expect(204);
      expect(await balance(acc.accountId)).toBe(300_00);
      let view = await t.http.get(`/api/v1/accounts/${acc.accountId}`).set(t.bearer(token)).expect(200);
      expect(view.body.lines[0].options.map((o: { code: string }) => o.code)).toEqual(['megafon-plus-10gb']);
      expect(view.body.lines[0].packages.mb).toEqual({ left: 40960 + 10240, total: 40960 + 10240 });

      expect((await t.http.post(url).set(t.bearer(token)).send({ optionId: options['megafon-plus-10gb'].id }).expect(409)).body.code).toBe('option_already_active');
      await t.http.delete(`${url}/${options['megafon-plus-10gb'].id}`).set(t.bearer(token)).expect(204);
      view = await t.http.get(`/api/v1/accounts/${acc.accountId}`).set(t.bearer(token)).expect(200);
      expect(view.body.lines[0].options).toEqual([]);
      expect(view.body.lines[0].packages.mb.left).toBe(40960);
      await t.http.post(url).set(t.bearer(token)).send({ optionId: options['megafon-plus-10gb'].id }).expect(204);
      expect(await balance(acc.accountId)).toBe(300_00);
      const entries = await t.query(`SELECT 1 FROM ledger_entries WHERE account_id = $1 AND kind = 'option_fee'`, [acc.accountId]);
      expect(entries).toHaveLength(1);
    });

    it('when the option is turned on again in the same period after the money ran low, then it is on again and nothing is charged', async () => {
      const acc = await t.openMobileAccount(owner.id, { balance: 250_00, lines: [{ tariffCode: 'megafon-vse' }] });
      const url = `/api/v1/accounts/${acc.accountId}/lines/${acc.lineIds[0]}/options`;
      const optionId = options['megafon-plus-10gb'].id;
      await t.http.post(url).set(t.bearer(token)).send({ optionId }).expect(204);
      expect(await balance(acc.accountId)).toBe(50_00);
      await t.http.delete(`${url}/${optionId}`).set(t.bearer(token)).expect(204);
      // 50 ₽ left would not pay the 200 ₽ fee, but this period's fee was paid already.
      await t.http.post(url).set(t.bearer(token)).send({ optionId }).expect(204);
      expect(await balance(acc.accountId)).toBe(50_00);
      const view = await t.http.get(`/api/v1/accounts/${acc.accountId}`).set(t.bearer(token)).expect(200);
      expect(view.body.lines[0].options.map((o: { code: string }) => o.code)).toEqual(['megafon-plus-10gb']);
    });

    it('when the option does not fit the tariff, the money is short or it is not on, then 409 and nothing changes', async () => {
      const acc = await t.openMobileAccount(owner.id, { balance: 100_00, lines: [{ tariffCode: 'megafon-vse' }] });
      const url = `/api/v1/accounts/${acc.accountId}/lines/${acc.lineIds[0]}/options`;
      expect((await t.http.post(url).set(t.bearer(token)).send({ optionId: options['tele2-sms-200'].id }).expect(409)).body.code).toBe('option_not_applicable');
      expect((await t.http.post(url).set(t.bearer(token)).send({ optionId: options['megafon-plus-10gb'].id }).expect(409)).body.code).toBe('insufficient_funds');
      expect((await t.http.delete(`${url}/${options['megafon-plus-10gb'].id}`).set(t.bearer(token)).expect(409)).body.code).toBe('option_not_active');
      expect(await balance(acc.accountId)).toBe(100_00);
      expect(await t.query('SELECT 1 FROM line_options WHERE line_id = $1', [acc.lineIds[0]])).toHaveLength(0);
    });
  });

  describe('voluntary block', () => {
    it('when the subscriber blocks a lost phone’s line, then it shows blocked, options cannot change, and the subscriber can unblock it', async () => {
      const acc = await t.openMobileAccount(owner.id, { balance: 500_00 });
      const line = `/api/v1/accounts/${acc.accountId}/lines/${acc.lineIds[0]}`;
      await t.http.post(`${line}/block`).set(t.bearer(token)).expect(204);
      let view = await t.http.get(`/api/v1/accounts/${acc.accountId}`).set(t.bearer(token)).expect(200);
      expect(view.body.lines[0]).toMatchObject({ status: 'blocked', blockReason: 'voluntary', blockedAt: '2026-11-22T09:00:00.000Z' });
      expect((await t.http.post(`${line}/block`).set(t.bearer(token)).expect(409)).body.code).toBe('already_blocked');
      expect((await t.http.post(`${line}/options`).set(t.bearer(token)).send({ optionId: options['megafon-plus-10gb'].id }).expect(409)).body.code).toBe('account_not_active');
      await t.http.post(`${line}/unblock`).set(t.bearer(token)).expect(204);
      view = await t.http.get(`/api/v1/accounts/${acc.accountId}`).set(t.bearer(token)).expect(200);
      expect(view.body.lines[0]).toMatchObject({ status: 'active', blockReason: null });
      expect((await t.http.post(`${line}/unblock`).set(t.bearer(token)).expect(409)).body.code).toBe('not_blocked');
    });

    it('when the line was blocked for a debt, then the subscriber cannot lift it', async () => {
      const acc = await t.openMobileAccount(owner.id);
      await t.query(`UPDATE mobile_lines SET status = 'blocked', block_reason = 'debt' WHERE id = $1`, [acc.lineIds[0]]);
      const res = await t.http.post(`/api/v1/accounts/${acc.accountId}/lines/${acc.lineIds[0]}/unblock`).set(t.bearer(token)).expect(403);
      expect(res.body.code).toBe('forbidden');
    });

    it('when an internet contract is suspended for a holiday, then it shows suspended until resumed', async () => {
      const acc = await t.openInternetAccount(owner.id);
      await t.http.post(`/api/v1/accounts/${acc.accountId}/contract/suspend`).set(t.bearer(token)).expect(204);
      expect((await t.http.get(`/api/v1/accounts/${acc.accountId}`).set(t.bearer(token)).expect(200)).body.contract.status).toBe('suspended');
      await t.http.post(`/api/v1/accounts/${acc.accountId}/contract/resume`).set(t.bearer(token)).expect(204);
      expect((await t.http.get(`/api/v1/accounts/${acc.accountId}`).set(t.bearer(token)).expect(200)).body.contract.status).toBe('active');
    });
  });

  describe('devices', () => {
    it('when devices are added by MAC in any notation, then they are listed normalised, renamed, removed; the 6th and a duplicate are refused', async () => {
      const acc = await t.openInternetAccount(owner.id);
      const url = `/api/v1/accounts/${acc.accountId}/contract/devices`;
      const first = await t.http.post(url).set(t.bearer(token)).send({ mac: 'aa-bb-cc-dd-ee-01', name: 'Ноутбук' }).expect(201);
      expect(first.body).toMatchObject({ mac: 'AA:BB:CC:DD:EE:01', name: 'Ноутбук' });
      expect((await t.http.post(url).set(t.bearer(token)).send({ mac: 'AABB.CCDD.EE01', name: 'Ещё раз' }).expect(409)).body.code).toBe('device_exists');
      for (const n of [2, 3, 4, 5]) await t.http.post(url).set(t.bearer(token)).send({ mac: `aa:bb:cc:dd:ee:0${n}`, name: `Устройство ${n}` }).expect(201);
      expect((await t.http.post(url).set(t.bearer(token)).send({ mac: 'aa:bb:cc:dd:ee:06', name: 'Шестое' }).expect(409)).body.code).toBe('device_limit_reached');
      for (const bad of ['not-a-mac', 'aa:bb:cc:dd:ee', '00:00:00:00:00:00', 'gg:bb:cc:dd:ee:ff']) {
        expect((await t.http.post(url).set(t.bearer(token)).send({ mac: bad, name: 'X' }).expect(400)).body.errors[0].field).toBe('mac');
      }
      const renamed = await t.http.patch(`${url}/${first.body.id}`).set(t.bearer(token)).send({ name: 'Рабочий ноутбук' }).expect(200);
      expect(renamed.body.name).toBe('Рабочий ноутбук');
      await t.http.delete(`${url}/${first.body.id}`).set(t.bearer(token)).expect(204);
      const list = await t.http.get(url).set(t.bearer(token)).expect(200);
      expect(list.body.items).toHaveLength(4);
      expect((await t.http.get(`/api/v1/accounts/${acc.accountId}`).set(t.bearer(token)).expect(200)).body.contract.deviceCount).toBe(4);
    });
  });
});
