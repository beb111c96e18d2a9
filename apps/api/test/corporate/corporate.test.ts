import type { Response } from 'supertest';
import { randomUUID } from 'node:crypto';
import { innWithCheckDigit, isValidInn } from '../../src/modules/corporate';
import { createTestContext, type TestContext, type TestCustomer } from '../support';

/** Collects a binary response body as a Buffer. */
const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const rub = (amount: number) => ({ amount, currency: 'RUB' });

describe('corporate cabinet', () => {
  let t: TestContext;
  let owner: TestCustomer;
  let ownerToken: string;
  let seq = 0;

  const api = (token: string) => ({
    get: (url: string) => t.http.get(`/api/v1${url}`).set(t.bearer(token)),
    put: (url: string, body: object) => t.http.put(`/api/v1${url}`).set(t.bearer(token)).send(body),
    post: (url: string, body: object) => t.http.post(`/api/v1${url}`).set(t.bearer(token)).send(body),
    del: (url: string) => t.http.delete(`/api/v1${url}`).set(t.bearer(token)),
  });
  /** A charge the way the product makes one for a line: its ref names the line. */
  const charge = async (accountId: string, lineId: string | null, amount: number, kind: 'usage' | 'option_fee' | 'adjustment' = 'usage') => {
    seq += 1;
    await t.ds.transaction((em) =>
      t.services.ledger.post(em, { accountId, amount: BigInt(-amount), kind, ref: lineId ? `usage:test:${lineId}:${seq}` : `test-account-charge:${seq}`, description: 'test charge' }),
    );
  };
  const tick = () => t.clock.advance(1000);
  const smsTo = (to: string) => t.query<{ body: string }>('SELECT body FROM notification_outbox WHERE recipient = $1 ORDER BY created_at, id', [to]);
  const restriction = async (lineId: string) => (await t.query<{ restriction: string | null; restriction_reason: string | null }>('SELECT restriction, restriction_reason FROM mobile_lines WHERE id = $1', [lineId]))[0];

  async function company(opts: { lines?: number; balance?: number } = {}) {
    const o = await t.createCustomer({ password: 'company-pass-1' });
    const token = (await t.signIn(o.phone, 'company-pass-1')).accessToken;
    const mobile = await t.openMobileAccount(o.id, { balance: opts.balance ?? 5000_00, lines: Array.from({ length: opts.lines ?? 2 }, () => ({ tariffCode: 'megafon-vse' })) });
    seq += 1;
    const inn = innWithCheckDigit(`77${String(100000 + seq).padStart(7, '0')}`);
    const res = await api(token).post('/corporate/companies', { accountId: mobile.accountId, name: 'ООО «Ромашка»', inn, kpp: '773601001', legalAddress: 'г. Москва, ул. Вавилова, д. 19' }).expect(201);
    const msisdns = await t.query<{ msisdn: string }>('SELECT msisdn FROM mobile_lines WHERE account_id = $1 ORDER BY created_at, msisdn', [mobile.accountId]);
    return { owner: o, token, accountId: mobile.accountId, lineIds: mobile.lineIds, msisdns: msisdns.map((m) => m.msisdn), id: res.body.id as string, inn };
  }

  beforeAll(async () => {
    t = await createTestContext();
    owner = await t.createCustomer({ password: 'owner-pass-12' });
    ownerToken = (await t.signIn(owner.phone, 'owner-pass-12')).accessToken;
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set('2026-11-22T09:00:00.000Z'));

  describe('POST /corporate/companies', () => {
    it('the INN check digit: known valid INNs pass, a changed digit fails', () => {
      for (const inn of ['7707083893', '7728168971', '7736207543']) expect(isValidInn(inn)).toBe(true);
      for (const inn of ['7707083890', '7707083894', '770708389', '77070838931', '0007083893', 'abcdefghij']) expect(isValidInn(inn)).toBe(false);
    });

    it('when the owner registers a mobile account with a valid INN and KPP, then 201 and the company is stored; a wrong INN or KPP is a 400 that stores nothing', async () => {
      const mobile = await t.openMobileAccount(owner.id, { lines: [{ tariffCode: 'megafon-vse' }] });
      const body = { accountId: mobile.accountId, name: 'ПАО Сбербанк', inn: '7707083893', kpp: '773601001', legalAddress: 'г. Москва, ул. Вавилова, д. 19' };
      const bad = await api(ownerToken).post('/corporate/companies', { ...body, inn: '7707083890' }).expect(400);
      expect(bad.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'inn', code: 'isInn' }] });
      expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
      expect((await api(ownerToken).post('/corporate/companies', { ...body, kpp: '77360100' }).expect(400)).body.errors[0]).toMatchObject({ field: 'kpp', code: 'isKpp' });
      expect((await api(ownerToken).post('/corporate/companies', { ...body, inn: '770708389X' }).expect(400)).body.errors[0]).toMatchObject({ field: 'inn' });
      expect(await t.query('SELECT 1 FROM companies WHERE account_id = $1', [mobile.accountId])).toHaveLength(0);

      const ok = await api(ownerToken).post('/corporate/companies', body).expect(201);
      expect(ok.body).toMatchObject({ accountId: mobile.accountId, name: 'ПАО Сбербанк', inn: '7707083893', kpp: '773601001', access: 'owner', lineCount: 1, balance: rub(0) });
      expect((await api(ownerToken).post('/corporate/companies', body).expect(409)).body.code).toBe('company_exists');
      expect(await t.query('SELECT inn, kpp FROM companies WHERE account_id = $1', [mobile.accountId])).toEqual([{ inn: '7707083893', kpp: '773601001' }]);
      expect((await api(ownerToken).get('/corporate/companies').expect(200)).body.items.map((c: { id: string }) => c.id)).toContain(ok.body.id);
    });

    it('when the account is not yours, then 404; when it is internet, then 400', async () => {
      const mobile = await t.openMobileAccount(owner.id, { lines: [{ tariffCode: 'megafon-vse' }] });
      const stranger = await t.createCustomer({ password: 'stranger-pass-1' });
      const s = (await t.signIn(stranger.phone, 'stranger-pass-1')).accessToken;
      const body = { accountId: mobile.accountId, name: 'ООО «Чужая»', inn: '7728168971', kpp: '772801001', legalAddress: 'г. Москва, ул. Тверская, д. 1' };
      expect((await api(s).post('/corporate/companies', body).expect(404)).body.code).toBe('not_found');
      const internet = await t.openInternetAccount(owner.id);
      expect((await api(ownerToken).post('/corporate/companies', { ...body, accountId: internet.accountId }).expect(400)).body.errors[0]).toMatchObject({ field: 'accountId', code: 'isMobileAccount' });
      expect(await t.query('SELECT 1 FROM companies WHERE account_id = ANY($1::uuid[])', [[mobile.accountId, internet.accountId]])).toHaveLength(0);
    });
  });

  describe('limits', () => {
    it('when a line spends over its limit, then the job restricts it to incoming calls and the employee gets one SMS; raising, lifting and a new period restore it', async () => {
      const c = await company();
      const [line, other] = c.lineIds;
      const msisdn = c.msisdns[0];
      const base = `/corporate/companies/${c.id}/lines/${line}`;
      const set = await api(c.token).put(`${base}/limit`, { amount: rub(700_00) }).expect(200);
      expect(set.body).toMatchObject({ lineId: line, monthlyLimit: rub(700_00), spent: rub(0), restriction: null });

      await charge(c.accountId, line, 500_00);
      await charge(c.accountId, other, 900_00); // another line's spending is not this line's
      expect(await t.services.corporate.enforce()).toEqual({ restricted: 0, restored: 0 });
      await charge(c.accountId, line, 250_00); // 750 ₽ > 700 ₽
      tick();
      expect(await t.services.corporate.enforce()).toEqual({ restricted: 1, restored: 0 });
      expect(await restriction(line)).toEqual({ restriction: 'incoming_only', restriction_reason: 'spending_limit' });
      expect(await restriction(other)).toEqual({ restriction: null, restriction_reason: null });
      const sms = await smsTo(msisdn);
      expect(sms).toHaveLength(1);
      expect(sms[0].body).toContain('превысили месячный лимит');
      expect(sms[0].body).toContain('только входящие');

      // Seen in the cabinet and by the integrator's line read.
      const lines = (await api(c.token).get(`/corporate/companies/${c.id}/lines`).expect(200)).body.items;
      expect(lines.find((l: { lineId: string }) => l.lineId === line)).toMatchObject({ restriction: 'incoming_only', restrictionReason: 'spending_limit', spent: rub(750_00), monthlyLimit: rub(700_00) });
      const acc = (await api(c.token).get(`/accounts/${c.accountId}`).expect(200)).body;
      expect(acc.lines.find((l: { id: string }) => l.id === line).restriction).toBe('incoming_only');
      const key = await t.createApiKey(['lines:read']);
      const read = await t.http.get(`/api/v1/integrations/lines/${encodeURIComponent(msisdn)}`).set(t.bearer(key.key)).expect(200);
      expect(read.body).toEqual({ msisdn, operator: 'megafon', status: 'active', blockReason: null, restriction: 'incoming_only', restrictionReason: 'spending_limit' });
      const noScope = await t.createApiKey(['usage:write']);
      await t.http.get(`/api/v1/integrations/lines/${encodeURIComponent(msisdn)}`).set(t.bearer(noScope.key)).expect(403);

      // Running again changes nothing and sends nothing.
      expect(await t.services.corporate.enforce()).toEqual({ restricted: 0, restored: 0 });
      expect(await smsTo(msisdn)).toHaveLength(1);

      // Raised above the spending: restored at once, and told.
      tick();
      expect((await api(c.token).put(`${base}/limit`, { amount: rub(800_00) }).expect(200)).body.restriction).toBeNull();
      expect(await restriction(line)).toEqual({ restriction: null, restriction_reason: null });
      expect((await smsTo(msisdn)).at(-1)!.body).toContain('снято');
      // Lowered below it: restricted at once.
      tick();
      expect((await api(c.token).put(`${base}/limit`, { amount: rub(700_00) }).expect(200)).body.restriction).toBe('incoming_only');
      // Lifted: restored.
      tick();
      await api(c.token).del(`${base}/limit`).expect(204);
      expect(await restriction(line)).toEqual({ restriction: null, restriction_reason: null });
      expect(await t.query('SELECT monthly_limit FROM corporate_lines WHERE line_id = $1', [line])).toEqual([{ monthly_limit: null }]);

      // A new billing period: spending starts again from the monthly fee (650 ₽ ≤ 700 ₽), so the line is restored.
      tick();
      await api(c.token).put(`${base}/limit`, { amount: rub(700_00) }).expect(200);
      expect(await restriction(line)).toMatchObject({ restriction: 'incoming_only' });
      const [{ period_end }] = await t.query<{ period_end: Date }>('SELECT period_end FROM mobile_lines WHERE id = $1', [line]);
      t.clock.set(new Date(period_end.getTime() + 60_000));
      await t.services.periods.runDue();
      expect(await t.services.corporate.enforce()).toMatchObject({ restored: 1 });
      expect(await restriction(line)).toEqual({ restriction: null, restriction_reason: null });
      const again = (await t.signIn(c.owner.phone, 'company-pass-1')).accessToken;
      expect((await api(again).get(`/corporate/companies/${c.id}/lines`).expect(200)).body.items[0]).toMatchObject({ spent: rub(650_00), restriction: null });
      expect((await smsTo(msisdn)).map((m) => m.body.includes('снято'))).toEqual([false, true, false, true, false, true]);
    });

    it('when a limit is out of range, then 400 and nothing is stored', async () => {
      const c = await company({ lines: 1 });
      for (const amount of [0, -100, 100_000_001]) {
        await api(c.token).put(`/corporate/companies/${c.id}/lines/${c.lineIds[0]}/limit`, { amount: rub(amount) }).expect(400);
      }
      await api(c.token).put(`/corporate/companies/${c.id}/lines/${c.lineIds[0]}/limit`, { amount: 100 }).expect(400);
      expect(await t.query('SELECT 1 FROM corporate_lines WHERE line_id = $1 AND monthly_limit IS NOT NULL', [c.lineIds[0]])).toHaveLength(0);
    });
  });

  describe('access', () => {
    it('when an employee bound with their phone signs in, then they see only their own line: not the others, not the reports, not the documents, and change nothing', async () => {
      const c = await company({ lines: 3 });
      const emp = await t.createCustomer({ password: 'employee-pass-1', name: 'Пётр', surname: 'Сидоров' });
      const bound = await api(c.token).put(`/corporate/companies/${c.id}/lines/${c.lineIds[1]}/employee`, { name: 'Пётр Сидоров', department: 'Продажи', phone: emp.phone }).expect(200);
      expect(bound.body.employee).toEqual({ name: 'Пётр Сидоров', department: 'Продажи', phone: emp.phone });
      expect(await t.query('SELECT level, line_id FROM account_grants WHERE grantee_id = $1 AND revoked_at IS NULL', [emp.id])).toEqual([{ level: 'line_manager', line_id: c.lineIds[1] }]);

      const e = api((await t.signIn(emp.phone, 'employee-pass-1')).accessToken);
      const lines = (await e.get(`/corporate/companies/${c.id}/lines`).expect(200)).body.items;
      expect(lines.map((l: { lineId: string }) => l.lineId)).toEqual([c.lineIds[1]]);
      const acc = (await e.get(`/accounts/${c.accountId}`).expect(200)).body;
      expect(acc.lines.map((l: { id: string }) => l.id)).toEqual([c.lineIds[1]]);
      expect((await e.get(`/corporate/companies/${c.id}`).expect(200)).body).toMatchObject({ access: 'line_manager', balance: null, lineCount: 1 });
      const before = await t.query('SELECT * FROM corporate_lines ORDER BY line_id');
      expect((await e.get(`/corporate/companies/${c.id}/spending?from=2026-11-01&to=2026-11-30`).expect(403)).body.code).toBe('forbidden');
      await e.get(`/corporate/companies/${c.id}/documents`).expect(403);
      await e.put(`/corporate/companies/${c.id}/lines/${c.lineIds[1]}/limit`, { amount: rub(100_00) }).expect(403);
      await e.put(`/corporate/companies/${c.id}/lines/${c.lineIds[0]}/employee`, { name: 'Я', department: 'Я' }).expect(403);
      expect(await t.query('SELECT * FROM corporate_lines ORDER BY line_id')).toEqual(before);

      // Moved to another line: the grant follows; unbound: it is gone.
      const rebound = await api(c.token).put(`/corporate/companies/${c.id}/lines/${c.lineIds[1]}/employee`, { name: 'Вакансия', department: 'Продажи' }).expect(200);
      expect(rebound.body.employee).toEqual({ name: 'Вакансия', department: 'Продажи', phone: null });
      await e.get(`/corporate/companies/${c.id}/lines`).expect(404);
      await api(c.token).put(`/corporate/companies/${c.id}/lines/${c.lineIds[2]}/employee`, { name: 'Пётр Сидоров', department: 'Продажи', phone: emp.phone }).expect(200);
      expect((await e.get(`/corporate/companies/${c.id}/lines`).expect(200)).body.items.map((l: { lineId: string }) => l.lineId)).toEqual([c.lineIds[2]]);
      await api(c.token).del(`/corporate/companies/${c.id}/lines/${c.lineIds[2]}/employee`).expect(204);
      await e.get(`/corporate/companies/${c.id}/lines`).expect(404);
    });

    it('when an accountant (viewer) signs in, then they read lines, spending and documents but change nothing; an account manager administers; a stranger gets 404 everywhere', async () => {
      const c = await company();
      const accountant = await t.createCustomer({ password: 'accountant-pass-1' });
      const manager = await t.createCustomer({ password: 'manager-pass-12' });
      await api(c.token).post(`/accounts/${c.accountId}/grants`, { phone: accountant.phone, level: 'viewer' }).expect(201);
      await api(c.token).post(`/accounts/${c.accountId}/grants`, { phone: manager.phone, level: 'account_manager' }).expect(201);
      const a = api((await t.signIn(accountant.phone, 'accountant-pass-1')).accessToken);
      const m = api((await t.signIn(manager.phone, 'manager-pass-12')).accessToken);
      expect((await a.get(`/corporate/companies/${c.id}/lines`).expect(200)).body.items).toHaveLength(2);
      await a.get(`/corporate/companies/${c.id}/spending?from=2026-11-01&to=2026-11-30`).expect(200);
      await a.get(`/corporate/companies/${c.id}/documents`).expect(200);
      expect((await a.put(`/corporate/companies/${c.id}/lines/${c.lineIds[0]}/limit`, { amount: rub(100_00) }).expect(403)).body.code).toBe('forbidden');
      await m.put(`/corporate/companies/${c.id}/lines/${c.lineIds[0]}/limit`, { amount: rub(100_00) }).expect(200);
      await m.put(`/corporate/companies/${c.id}/lines/${c.lineIds[0]}/employee`, { name: 'Анна Орлова', department: 'Бухгалтерия' }).expect(200);

      const stranger = await t.createCustomer({ password: 'stranger-pass-2' });
      const s = api((await t.signIn(stranger.phone, 'stranger-pass-2')).accessToken);
      const before = await t.query('SELECT * FROM corporate_lines ORDER BY line_id');
      const base = `/corporate/companies/${c.id}`;
      const answers = [
        await s.get(base), await s.get(`${base}/lines`), await s.get(`${base}/spending?from=2026-11-01&to=2026-11-30`), await s.get(`${base}/spending.csv?from=2026-11-01&to=2026-11-30`),
        await s.get(`${base}/documents`), await s.get(`${base}/documents/${randomUUID()}/pdf`),
        await s.put(`${base}/lines/${c.lineIds[0]}/limit`, { amount: rub(1_00) }), await s.del(`${base}/lines/${c.lineIds[0]}/limit`),
        await s.put(`${base}/lines/${c.lineIds[0]}/employee`, { name: 'X', department: 'Y' }), await s.del(`${base}/lines/${c.lineIds[0]}/employee`),
      ];
      expect(answers.map((r) => [r.status, r.body.code])).toEqual(answers.map(() => [404, 'not_found']));
      expect(await t.query('SELECT * FROM corporate_lines ORDER BY line_id')).toEqual(before);
      // A line of another account through this company: 404.
      const other = await company({ lines: 1 });
      await api(c.token).put(`${base}/lines/${other.lineIds[0]}/limit`, { amount: rub(1_00) }).expect(404);
    });
  });

  describe('GET /corporate/companies/:id/spending', () => {
    it('when lines and the account were charged, then per employee and department the sums are the ledger’s, and the CSV says the same', async () => {
      const c = await company({ lines: 3 });
      await api(c.token).put(`/corporate/companies/${c.id}/lines/${c.lineIds[0]}/employee`, { name: 'Анна Орлова', department: 'Продажи' }).expect(200);
      await api(c.token).put(`/corporate/companies/${c.id}/lines/${c.lineIds[1]}/employee`, { name: 'Борис Ким', department: 'Продажи' }).expect(200);
      const [option] = await t.query<{ id: string; monthly_fee: string }>(`SELECT id, monthly_fee FROM tariff_options WHERE code = 'megafon-plus-10gb'`);
      await api(c.token).post(`/accounts/${c.accountId}/lines/${c.lineIds[0]}/options`, { optionId: option.id }).expect(204); // the product's own charge
      await charge(c.accountId, c.lineIds[0], 123_45);
      await charge(c.accountId, c.lineIds[1], 50_00);
      await charge(c.accountId, c.lineIds[2], 7_77);
      await charge(c.accountId, null, 10_00, 'adjustment'); // the account's, not a line's
      const now = t.clock.now();
      t.clock.set('2026-12-05T12:00:00.000Z'); // a charge after the period is not counted
      await charge(c.accountId, c.lineIds[0], 999_00);
      t.clock.set(now);

      const r = (await api(c.token).get(`/corporate/companies/${c.id}/spending?from=2026-11-01&to=2026-11-30`).expect(200)).body;
      const ledger = async (lineId: string | null) =>
        Number((await t.query<{ s: string }>(
          `SELECT coalesce(-sum(amount), 0) AS s FROM ledger_entries WHERE account_id = $1 AND amount < 0 AND created_at < '2026-11-30T21:00:00Z' ${lineId ? 'AND ref LIKE $2' : ''}`,
          lineId ? [c.accountId, `%${lineId}%`] : [c.accountId],
        ))[0].s);
      const line0 = Number(option.monthly_fee) + 123_45;
      expect(await ledger(c.lineIds[0])).toBe(line0);
      expect(r.byLine).toEqual([
        { lineId: c.lineIds[0], msisdn: c.msisdns[0], employee: 'Анна Орлова', department: 'Продажи', spent: rub(line0) },
        { lineId: c.lineIds[1], msisdn: c.msisdns[1], employee: 'Борис Ким', department: 'Продажи', spent: rub(await ledger(c.lineIds[1])) },
        { lineId: c.lineIds[2], msisdn: c.msisdns[2], employee: null, department: null, spent: rub(7_77) },
      ]);
      expect(r.byDepartment).toEqual([
        { department: 'Продажи', lines: 2, spent: rub(line0 + 50_00) },
        { department: null, lines: 1, spent: rub(7_77) },
      ]);
      expect(r.accountWide).toEqual(rub(10_00));
      expect(r.total).toEqual(rub(await ledger(null)));
      expect(r.total.amount).toBe(line0 + 50_00 + 7_77 + 10_00);

      const csv = await api(c.token).get(`/corporate/companies/${c.id}/spending.csv?from=2026-11-01&to=2026-11-30`).buffer(true).parse(binary).expect(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const text = (csv.body as Buffer).toString('utf8');
      expect(text.startsWith('\uFEFF')).toBe(true);
      expect(text).toContain(`${c.msisdns[0]};Анна Орлова;Продажи;${Math.floor(line0 / 100)},${String(line0 % 100).padStart(2, '0')}`);
      expect(text).toContain(`Итого;;;${Math.floor(r.total.amount / 100)},${String(r.total.amount % 100).padStart(2, '0')}`);
    });

    it('when the period is wrong, then 400', async () => {
      const c = await company({ lines: 1 });
      await api(c.token).get(`/corporate/companies/${c.id}/spending?from=2026-11-30&to=2026-11-01`).expect(400);
      await api(c.token).get(`/corporate/companies/${c.id}/spending?from=2025-01-01&to=2026-11-01`).expect(400);
      await api(c.token).get(`/corporate/companies/${c.id}/spending?from=2026-13-01&to=2026-11-01`).expect(400);
      await api(c.token).get(`/corporate/companies/${c.id}/spending`).expect(400);
    });
  });

  describe('closing documents', () => {
    it('when the month ends, then the job makes one invoice and one act for it, however often it runs, and the act downloads as a PDF', async () => {
      t.clock.set(new Date('2026-11-22T09:00:00.000Z'));
      const c = await company({ lines: 2 });
      await charge(c.accountId, c.lineIds[0], 650_00);
      await charge(c.accountId, c.lineIds[1], 120_00);
      t.clock.set(new Date('2026-11-30T22:00:00.000Z')); // 1 December, 01:00 in Moscow
      const first = await Promise.all([t.services.closingDocuments.runDue(), t.services.closingDocuments.runDue()]);
      expect(first.map((r) => r.period)).toEqual(['2026-11', '2026-11']);
      expect(await t.services.closingDocuments.runDue()).toMatchObject({ issued: 0 });
      const rows = await t.query<{ kind: string; period: string; amount: string }>('SELECT kind, period, amount FROM closing_documents WHERE company_id = $1 ORDER BY kind', [c.id]);
      expect(rows).toEqual([{ kind: 'act', period: '2026-11', amount: '77000' }, { kind: 'invoice', period: '2026-11', amount: '77000' }]);

      const token = (await t.signIn(c.owner.phone, 'company-pass-1')).accessToken; // the first session idled out meanwhile
      const list = (await api(token).get(`/corporate/companies/${c.id}/documents`).expect(200)).body.items;
      expect(list).toEqual([
        expect.objectContaining({ kind: 'invoice', period: '2026-11', amount: rub(770_00), vat: rub(138_85) }),
        expect.objectContaining({ kind: 'act', period: '2026-11', amount: rub(770_00), vat: rub(138_85) }),
      ]);
      const act = list.find((d: { kind: string }) => d.kind === 'act');
      const pdf = await api(token).get(`/corporate/companies/${c.id}/documents/${act.id}/pdf`).buffer(true).parse(binary).expect(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['content-disposition']).toContain('attachment');
      const bytes = pdf.body as Buffer;
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(bytes.toString('latin1')).toContain('PTSans'); // the Cyrillic font is embedded
      expect(pdfTitle(bytes)).toBe(`Акт оказанных услуг № ${act.number} от 30.11.2026`);

      // Another company's document through this company: 404.
      const other = await company({ lines: 1 });
      await api(other.token).get(`/corporate/companies/${other.id}/documents/${act.id}/pdf`).expect(404);
      t.clock.set(new Date('2026-11-22T09:00:00.000Z'));
    });
  });
});

/** The document's Title from the PDF's info dictionary (pdfkit writes it as UTF-16BE with a BOM). */
function pdfTitle(pdf: Buffer): string {
  const s = pdf.toString('latin1');
  const ref = /\/Title (\d+) 0 R/.exec(s);
  if (!ref) throw new Error('no /Title in the PDF');
  const at = s.indexOf(`\n${ref[1]} 0 obj\n(`);
  if (at < 0) throw new Error('no Title object in the PDF');
  let i = at + `\n${ref[1]} 0 obj\n(`.length;
  const out: number[] = [];
  for (; s[i] !== ')'; i++) {
    if (s[i] === '\\') {
      i++;
      const esc: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
      if (/[0-7]/.test(s[i])) {
        const oct = s.slice(i, i + 3).match(/^[0-7]{1,3}/)![0];
        out.push(parseInt(oct, 8));
        i += oct.length - 1;
      } else out.push(esc[s[i]] ?? s.charCodeAt(i));
    } else out.push(s.charCodeAt(i));
  }
  const b = Buffer.from(out);
  if (b[0] === 0xfe && b[1] === 0xff) return b.subarray(2).swap16().toString('utf16le');
  return b.toString('latin1');
}
