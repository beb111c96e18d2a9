import { randomUUID } from 'node:crypto';
import { LineExtrasLimits } from '@cabinet/shared-types';
import { createTestContext, type TestContext, type TestCustomer } from '../support';

describe('line extras: the call blacklist and paid content services', () => {
  let t: TestContext;
  let owner: TestCustomer;
  let token: string;
  let acc: { accountId: string; lineIds: string[] };
  let base: string;

  const balance = async () => Number((await t.query<{ balance: string }>('SELECT balance FROM accounts WHERE id = $1', [acc.accountId]))[0].balance);
  const fees = () => t.query<{ amount: string; ref: string }>(`SELECT amount, ref FROM ledger_entries WHERE account_id = $1 AND kind = 'service_fee' ORDER BY created_at, ref`, [acc.accountId]);
  const auth = () => t.bearer(token);

  beforeAll(async () => {
    t = await createTestContext();
  });
  beforeEach(async () => {
    owner = await t.createCustomer({ password: 'owner-pass-123' });
    token = (await t.signIn(owner.phone, 'owner-pass-123')).accessToken;
    acc = await t.openMobileAccount(owner.id, { balance: 1000_00 });
    base = `/api/v1/accounts/${acc.accountId}/lines/${acc.lineIds[0]}`;
  });
  afterAll(() => t.close());

  describe('blacklist', () => {
    it('when the blacklist is switched on, then the fee is charged once per period through the ledger; off and on again charges nothing more', async () => {
      expect((await t.http.get(`${base}/blacklist`).set(auth()).expect(200)).body).toMatchObject({ enabled: false, count: 0, max: 300, fee: { amount: LineExtrasLimits.blacklistFee } });
      expect((await t.http.put(`${base}/blacklist`).set(auth()).send({ enabled: true }).expect(200)).body.enabled).toBe(true);
      expect(await balance()).toBe(1000_00 - LineExtrasLimits.blacklistFee);
      await t.http.put(`${base}/blacklist`).set(auth()).send({ enabled: false }).expect(200);
      await t.http.put(`${base}/blacklist`).set(auth()).send({ enabled: true }).expect(200);
      expect(await balance()).toBe(1000_00 - LineExtrasLimits.blacklistFee);
      expect(await fees()).toHaveLength(1);
      // balance = sum of entries
      const [{ sum }] = await t.query<{ sum: string }>('SELECT sum(amount)::text AS sum FROM ledger_entries WHERE account_id = $1', [acc.accountId]);
      expect(Number(sum)).toBe(await balance());

      // The next period: the job charges it again, once.
      const [{ period_end }] = await t.query<{ period_end: Date }>('SELECT period_end FROM mobile_lines WHERE id = $1', [acc.lineIds[0]]);
      t.clock.set(new Date(period_end.getTime() + 3600_000));
      await t.services.periods.runDue();
      const before = await balance();
      expect((await t.services.lineExtras.chargeDue()).charged).toBe(1);
      expect((await t.services.lineExtras.chargeDue()).charged).toBe(0);
      expect(await balance()).toBe(before - LineExtrasLimits.blacklistFee);
      t.clock.set(new Date('2026-11-22T09:00:00.000Z'));
    });

    it('when the balance cannot pay the fee, then switching on is refused with 409 and nothing changes', async () => {
      const poor = await t.openMobileAccount(owner.id);
      const res = await t.http.put(`/api/v1/accounts/${poor.accountId}/lines/${poor.lineIds[0]}/blacklist`).set(auth()).send({ enabled: true }).expect(409);
      expect(res.body.code).toBe('insufficient_funds');
      expect((await t.http.get(`/api/v1/accounts/${poor.accountId}/lines/${poor.lineIds[0]}/blacklist`).set(auth()).expect(200)).body.enabled).toBe(false);
      expect(await t.query(`SELECT 1 FROM ledger_entries WHERE account_id = $1 AND kind = 'service_fee'`, [poor.accountId])).toHaveLength(0);
    });

    it('when numbers are added as typed, then they are kept as E.164; a duplicate is 409; removing works; own number and garbage are 400', async () => {
      const added = await t.http.post(`${base}/blacklist/numbers`).set(auth()).send({ msisdn: '8 (921) 555-00-01', note: 'Коллекторы' }).expect(201);
      expect(added.body.items).toEqual([expect.objectContaining({ msisdn: '+79215550001', note: 'Коллекторы' })]);
      expect((await t.http.post(`${base}/blacklist/numbers`).set(auth()).send({ msisdn: '+79215550001' }).expect(409)).body.code).toBe('blacklist_number_exists');
      await t.http.post(`${base}/blacklist/numbers`).set(auth()).send({ msisdn: 'not a phone' }).expect(400);
      const [{ msisdn: own }] = await t.query<{ msisdn: string }>('SELECT msisdn FROM mobile_lines WHERE id = $1', [acc.lineIds[0]]);
      await t.http.post(`${base}/blacklist/numbers`).set(auth()).send({ msisdn: own }).expect(400);
      await t.http.delete(`${base}/blacklist/numbers/${encodeURIComponent('+79215550001')}`).set(auth()).expect(204);
      await t.http.delete(`${base}/blacklist/numbers/${encodeURIComponent('+79215550001')}`).set(auth()).expect(404);
      expect((await t.http.get(`${base}/blacklist`).set(auth()).expect(200)).body.count).toBe(0);
    });

    it('when the list holds 300 numbers, then the 301st is refused with 409 and not stored', async () => {
      await t.query(
        `INSERT INTO line_blacklist_numbers (line_id, msisdn, customer_id, created_at)
         SELECT $1, '+7911' || lpad(g::text, 7, '0'), $2, now() FROM generate_series(1, $3::int - 1) g`,
        [acc.lineIds[0], owner.id, LineExtrasLimits.blacklistMax],
      );
      expect((await t.http.post(`${base}/blacklist/numbers`).set(auth()).send({ msisdn: '+79219999999' }).expect(201)).body.count).toBe(300);
      const full = await t.http.post(`${base}/blacklist/numbers`).set(auth()).send({ msisdn: '+79219999998' }).expect(409);
      expect(full.body.code).toBe('blacklist_full');
      const [{ n }] = await t.query<{ n: number }>('SELECT count(*)::int AS n FROM line_blacklist_numbers WHERE line_id = $1', [acc.lineIds[0]]);
      expect(n).toBe(300);
    });

    it('when additions race at the cap, then the list never goes above 300', async () => {
      await t.query(
        `INSERT INTO line_blacklist_numbers (line_id, msisdn, customer_id, created_at)
         SELECT $1, '+7911' || lpad(g::text, 7, '0'), $2, now() FROM generate_series(1, 298) g`,
        [acc.lineIds[0], owner.id],
      );
      const results = await Promise.all([1, 2, 3, 4, 5].map((i) => t.http.post(`${base}/blacklist/numbers`).set(auth()).send({ msisdn: `+7921888000${i}` })));
      expect(results.map((r) => r.status).sort()).toEqual([201, 201, 409, 409, 409]);
      const [{ n }] = await t.query<{ n: number }>('SELECT count(*)::int AS n FROM line_blacklist_numbers WHERE line_id = $1', [acc.lineIds[0]]);
      expect(n).toBe(300);
    });

    it('when the integrator reads a line’s blacklist, then it needs the lines:read scope (403 without)', async () => {
      await t.http.post(`${base}/blacklist/numbers`).set(auth()).send({ msisdn: '+79215550002' }).expect(201);
      await t.http.put(`${base}/blacklist`).set(auth()).send({ enabled: true }).expect(200);
      const [{ msisdn }] = await t.query<{ msisdn: string }>('SELECT msisdn FROM mobile_lines WHERE id = $1', [acc.lineIds[0]]);
      const reader = await t.createApiKey(['lines:read']);
      const other = await t.createApiKey(['usage:write']);
      const res = await t.http.get(`/api/v1/integrations/lines/${encodeURIComponent(msisdn)}/blacklist`).set('Authorization', `Bearer ${reader.key}`).expect(200);
      expect(res.body).toMatchObject({ msisdn, enabled: true, numbers: ['+79215550002'] });
      expect((await t.http.get(`/api/v1/integrations/lines/${encodeURIComponent(msisdn)}/blacklist`).set('Authorization', `Bearer ${other.key}`).expect(403)).body.code).toBe('forbidden');
      await t.http.get(`/api/v1/integrations/lines/${encodeURIComponent(msisdn)}/blacklist`).expect(401);
      await t.http.get('/api/v1/integrations/lines/%2B79000000000/blacklist').set('Authorization', `Bearer ${reader.key}`).expect(404);
    });

    it('when a viewer or a stranger touches the blacklist, then a viewer gets 403 and a stranger 404, and nothing changes', async () => {
      const viewer = await t.createCustomer({ password: 'viewer-pass-123' });
      await t.http.post(`/api/v1/accounts/${acc.accountId}/grants`).set(auth()).send({ phone: viewer.phone, level: 'viewer' }).expect(201);
      const vToken = (await t.signIn(viewer.phone, 'viewer-pass-123')).accessToken;
      await t.http.get(`${base}/blacklist`).set(t.bearer(vToken)).expect(200);
      await t.http.put(`${base}/blacklist`).set(t.bearer(vToken)).send({ enabled: true }).expect(403);
      const stranger = await t.createCustomer({ password: 'stranger-pass-1' });
      const sToken = (await t.signIn(stranger.phone, 'stranger-pass-1')).accessToken;
      await t.http.post(`${base}/blacklist/numbers`).set(t.bearer(sToken)).send({ msisdn: '+79215550003' }).expect(404);
      expect(await fees()).toHaveLength(0);
      expect(await t.query('SELECT 1 FROM line_blacklist_numbers WHERE line_id = $1', [acc.lineIds[0]])).toHaveLength(0);
    });
  });

  describe('content services', () => {
    it('when a paid service is on a line, then it is listed with its price and cost; one click switches it off and it charges no more', async () => {
      const id = await t.ds.transaction((em) => t.services.lineExtras.connectContent(em, { lineId: acc.lineIds[0], title: 'Гороскоп', provider: 'Астро', kind: 'subscription', price: 99_00n }));
      await t.ds.transaction((em) => t.services.lineExtras.connectContent(em, { lineId: acc.lineIds[0], title: 'Музыка', provider: 'Звук', kind: 'content', price: 199_00n }));
      expect(await balance()).toBe(1000_00 - 99_00 - 199_00);
      const list = await t.http.get(`${base}/content-services`).set(auth()).expect(200);
      expect(list.body.monthlyTotal).toEqual({ amount: 298_00, currency: 'RUB' });
      expect(list.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id, title: 'Гороскоп', price: { amount: 99_00, currency: 'RUB' }, charged: { amount: 99_00, currency: 'RUB' }, status: 'active' })]));

      const off = await t.http.post(`${base}/content-services/${id}/off`).set(auth()).set('Idempotency-Key', randomUUID()).expect(200);
      expect(off.body).toMatchObject({ id, status: 'off', switchedOffAt: expect.any(String) });
      expect((await t.http.post(`${base}/content-services/${id}/off`).set(auth()).expect(409)).body.code).toBe('content_service_off');
      expect((await t.http.get(`${base}/content-services`).set(auth()).expect(200)).body.monthlyTotal.amount).toBe(199_00);

      // Money for the next period's tariff fee, so the line stays active.
      await t.ds.transaction((em) => t.services.ledger.post(em, { accountId: acc.accountId, amount: 5000_00n, kind: 'adjustment', ref: 'test-top-up' }));
      const [{ period_end }] = await t.query<{ period_end: Date }>('SELECT period_end FROM mobile_lines WHERE id = $1', [acc.lineIds[0]]);
      t.clock.set(new Date(period_end.getTime() + 3600_000));
      await t.services.periods.runDue();
      await t.services.lineExtras.chargeDue();
      const refs = (await fees()).map((f) => f.ref);
      expect(refs.filter((r) => r.startsWith(`content:${id}:`))).toHaveLength(1); // the switched-off one: nothing more
      expect(refs.filter((r) => !r.startsWith(`content:${id}:`))).toHaveLength(2); // the other: this period and the next
      t.clock.set(new Date('2026-11-22T09:00:00.000Z'));
    });

    it('when a stranger switches someone’s service off, then 404 and it stays on', async () => {
      const id = await t.ds.transaction((em) => t.services.lineExtras.connectContent(em, { lineId: acc.lineIds[0], title: 'Гороскоп', provider: 'Астро', kind: 'subscription', price: 10_00n }));
      const stranger = await t.createCustomer({ password: 'stranger-pass-2' });
      const sToken = (await t.signIn(stranger.phone, 'stranger-pass-2')).accessToken;
      await t.http.post(`${base}/content-services/${id}/off`).set(t.bearer(sToken)).expect(404);
      await t.http.post(`${base}/content-services/${randomUUID()}/off`).set(auth()).expect(404);
      const [{ status }] = await t.query<{ status: string }>('SELECT status FROM line_content_services WHERE id = $1', [id]);
      expect(status).toBe('active');
    });
  });
});
