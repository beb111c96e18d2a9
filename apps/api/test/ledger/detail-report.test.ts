import type { Response } from 'supertest';
import { DetailReportLimits } from '@cabinet/shared-types';
import { jobTable } from '../../src/app';
import { startJobs } from '../../src/platform/jobs';
import { createLogger } from '../../src/platform/logger';
import { createTestContext, type TestContext, type TestCustomer } from '../support';

/** Collects a binary response body as a Buffer (supertest would parse text/csv as a string). */
const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

interface OutboxItem {
  id: string;
  channel: string;
  to: string;
  subject: string | null;
  body: string;
  status: string;
  attachments?: { id: string; filename: string; contentType: string; size: number }[];
}

describe('detail report by e-mail (POST/GET /accounts/:id/detail-reports and the detail-reports job)', () => {
  let t: TestContext;
  let owner: TestCustomer;
  let ownerToken: string;
  let accountId: string;
  let accountNumber: string;

  const order = (token: string, body: unknown, id = accountId) => t.http.post(`/api/v1/accounts/${id}/detail-reports`).set(t.bearer(token)).send(body as object);
  const orders = (token: string, id = accountId) => t.http.get(`/api/v1/accounts/${id}/detail-reports`).set(t.bearer(token));
  const inbox = async (to: string): Promise<OutboxItem[]> => (await t.http.get('/api/v1/dev/outbox').query({ to }).expect(200)).body.items;
  const download = async (m: OutboxItem, i = 0): Promise<Buffer> =>
    (await t.http.get(`/api/v1/dev/outbox/${m.id}/attachments/${m.attachments![i].id}`).buffer(true).parse(binary).expect(200)).body;
  const storedOrders = async (customerId: string) => Number((await t.query<{ n: string }>('SELECT count(*) AS n FROM detail_reports WHERE customer_id = $1', [customerId]))[0].n);

  beforeAll(async () => {
    t = await createTestContext();
    owner = await t.createCustomer({ password: 'detail-pass-1', email: 'ivan.detail@example.ru' });
    ({ accountId } = await t.openMobileAccount(owner.id));
    [{ number: accountNumber }] = await t.query<{ number: string }>('SELECT number FROM accounts WHERE id = $1', [accountId]);
    // October in Moscow is 2026-09-30T21:00Z … 2026-10-31T21:00Z: one entry just outside each end, three inside.
    const steps: [string, number, string, string][] = [
      ['2026-09-30T20:59:00Z', 1000_00, 'adjustment', 'Остаток на конец сентября'],
      ['2026-09-30T21:00:00Z', -450_00, 'monthly_fee', 'Абонентская плата за октябрь'],
      ['2026-10-15T09:30:00Z', 500_00, 'payment', 'Пополнение картой'],
      ['2026-10-31T20:59:00Z', -12_50, 'usage', 'Звонки сверх пакета'],
      ['2026-10-31T21:00:00Z', -450_00, 'monthly_fee', 'Абонентская плата за ноябрь'],
    ];
    for (const [at, amount, kind, description] of steps) {
      t.clock.set(at);
      await t.ds.transaction((em) => t.services.ledger.post(em, { accountId, amount: BigInt(amount), kind: kind as never, ref: `seed-${at}`, description }));
    }
    t.clock.set('2026-11-22T09:00:00Z');
    ownerToken = (await t.signIn(owner.phone, 'detail-pass-1')).accessToken;
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.advanceMinutes(1)); // orders and mails of one test are newer than the last one's

  it("when the owner orders October as CSV and the job runs, then one mail with the CSV of that period's entries goes to the owner's e-mail", async () => {
    const res = await order(ownerToken, { from: '2026-10-01', to: '2026-10-31', format: 'csv' }).expect(202);
    expect(res.body).toMatchObject({ id: expect.any(String), status: 'queued', email: 'ivan.detail@example.ru', from: '2026-10-01', to: '2026-10-31', format: 'csv', sentAt: null });
    expect((await orders(ownerToken).expect(200)).body.items).toEqual([expect.objectContaining({ id: res.body.id, status: 'queued' })]);
    expect(await inbox('ivan.detail@example.ru')).toEqual([]);

    expect(await t.services.detailReports.runQueued()).toEqual({ sent: 1, failed: 0, retry: 0 });

    const [mail, ...more] = await inbox('ivan.detail@example.ru');
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ channel: 'email', status: 'sent', subject: 'Детализация по счёту за 01.10.2026–31.10.2026' });
    expect(mail.attachments).toEqual([{ id: expect.any(String), filename: `detail-${accountNumber}-2026-10-01-2026-10-31.csv`, contentType: 'text/csv; charset=utf-8', size: expect.any(Number) }]);
    const csv = await download(mail);
    expect(csv.length).toBe(mail.attachments![0].size);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM: Excel reads the Cyrillic right
    expect(csv.subarray(3).toString('utf8').trim().split(/\r?\n/)).toEqual([
      'Дата и время (МСК);Операция;Сумма, ₽;Описание;Остаток, ₽',
      '01.10.2026, 00:00;Абонентская плата;-450,00;Абонентская плата за октябрь;550,00',
      '15.10.2026, 12:30;Пополнение;500,00;Пополнение картой;1050,00',
      '31.10.2026, 23:59;Сверх пакета;-12,50;Звонки сверх пакета;1037,50',
    ]);
    const [listed] = (await orders(ownerToken).expect(200)).body.items;
    expect(listed).toMatchObject({ id: res.body.id, status: 'sent', sentAt: t.clock.now().toISOString() });

    // Run again: nothing is queued, nothing is sent twice.
    expect(await t.services.detailReports.runQueued()).toEqual({ sent: 0, failed: 0, retry: 0 });
    expect(await inbox('ivan.detail@example.ru')).toHaveLength(1);
  });

  it('when ordered as PDF, then the attachment is a PDF file', async () => {
    const res = await order(ownerToken, { from: '2026-09-01', to: '2026-11-22', format: 'pdf' }).expect(202);
    expect(await t.services.detailReports.runQueued()).toEqual({ sent: 1, failed: 0, retry: 0 });
    const [mail] = await inbox('ivan.detail@example.ru');
    expect(mail.attachments).toEqual([expect.objectContaining({ filename: `detail-${accountNumber}-2026-09-01-2026-11-22.pdf`, contentType: 'application/pdf' })]);
    const pdf = await download(mail);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-8).toString('latin1')).toMatch(/%%EOF\s*$/);
    expect(pdf.toString('latin1')).toContain('PTSans'); // the Cyrillic font is embedded
    expect((await orders(ownerToken).expect(200)).body.items[0]).toMatchObject({ id: res.body.id, format: 'pdf', status: 'sent' });
  });

  it('when the period is bad, then 400 with the field, and nothing is queued', async () => {
    const before = await storedOrders(owner.id);
    const bad: [unknown, string][] = [
      [{ from: '2026-10-31', to: '2026-10-01', format: 'csv' }, 'to'], // from after to
      [{ from: '2026-11-01', to: '2026-11-23', format: 'csv' }, 'to'], // tomorrow in Moscow
      [{ from: '2025-10-31', to: '2026-10-31', format: 'csv' }, 'to'], // 12 months and a day
      [{ from: '2026-13-01', to: '2026-10-31', format: 'csv' }, 'from'],
      [{ from: '01.10.2026', to: '2026-10-31', format: 'csv' }, 'from'],
      [{ from: '2026-10-01T00:00:00Z', to: '2026-10-31', format: 'csv' }, 'from'],
      [{ from: '2026-10-01', to: '2026-10-31', format: 'xlsx' }, 'format'],
      [{ from: '2026-10-01', format: 'csv' }, 'to'],
    ];
    for (const [body, field] of bad) {
      const res = await order(ownerToken, body).expect(400);
      expect(res.body).toMatchObject({ code: 'validation_failed' });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await storedOrders(owner.id)).toBe(before);
    // Exactly 12 months, ending today, is fine.
    await order(ownerToken, { from: '2025-11-23', to: '2026-11-22', format: 'csv' }).expect(202);
    expect(await storedOrders(owner.id)).toBe(before + 1);
    await t.services.detailReports.runQueued();
  });

  it('when a viewer of the account orders it, then it goes to the viewer’s e-mail and only the viewer sees that order', async () => {
    const friend = await t.createCustomer({ password: 'friend-pass-1', email: 'olga.viewer@example.ru' });
    const grant = await t.http.post(`/api/v1/accounts/${accountId}/grants`).set(t.bearer(ownerToken)).send({ phone: friend.phone, level: 'viewer' }).expect(201);
    const friendToken = (await t.signIn(friend.phone, 'friend-pass-1')).accessToken;
    const res = await order(friendToken, { from: '2026-10-01', to: '2026-10-31', format: 'csv' }).expect(202);
    expect(res.body.email).toBe('olga.viewer@example.ru');
    expect((await orders(friendToken).expect(200)).body.items.map((o: { id: string }) => o.id)).toEqual([res.body.id]);
    expect((await orders(ownerToken).expect(200)).body.items.map((o: { id: string }) => o.id)).not.toContain(res.body.id);

    await t.services.detailReports.runQueued();
    const [mail] = await inbox('olga.viewer@example.ru');
    expect(mail.attachments?.[0].filename).toMatch(/\.csv$/);
    expect((await download(mail)).toString('utf8')).toContain('Пополнение картой');

    // Access revoked before the job runs: the order fails and no mail goes out.
    const second = await order(friendToken, { from: '2026-10-01', to: '2026-10-31', format: 'pdf' }).expect(202);
    await t.http.delete(`/api/v1/accounts/${accountId}/grants/${grant.body.id}`).set(t.bearer(ownerToken)).expect(204);
    expect(await t.services.detailReports.runQueued()).toEqual({ sent: 0, failed: 1, retry: 0 });
    expect(await inbox('olga.viewer@example.ru')).toHaveLength(1);
    expect((await t.query('SELECT status, message_id FROM detail_reports WHERE id = $1', [second.body.id]))[0]).toEqual({ status: 'failed', message_id: null });
    await orders(friendToken).expect(404);
  });

  it('when a stranger orders or lists, then 404 as for any account that is not theirs, and nothing is stored', async () => {
    const stranger = await t.createCustomer({ password: 'stranger-pass-1', email: 'stranger@example.ru' });
    const token = (await t.signIn(stranger.phone, 'stranger-pass-1')).accessToken;
    expect((await order(token, { from: '2026-10-01', to: '2026-10-31', format: 'csv' }).expect(404)).body.code).toBe('not_found');
    await orders(token).expect(404);
    await order(token, { from: '2026-10-01', to: '2026-10-31', format: 'csv' }, '00000000-0000-4000-8000-000000000000').expect(404);
    expect(await storedOrders(stranger.id)).toBe(0);
    await t.http.post(`/api/v1/accounts/${accountId}/detail-reports`).send({ from: '2026-10-01', to: '2026-10-31', format: 'csv' }).expect(401);
  });

  it('when the customer has no e-mail, then 409 email_required and nothing is queued', async () => {
    const noMail = await t.createCustomer({ password: 'nomail-pass-1' });
    const acc = await t.openMobileAccount(noMail.id, { balance: 100_00 });
    const token = (await t.signIn(noMail.phone, 'nomail-pass-1')).accessToken;
    const res = await order(token, { from: '2026-10-01', to: '2026-10-31', format: 'csv' }, acc.accountId).expect(409);
    expect(res.body).toMatchObject({ code: 'email_required', status: 409 });
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(await storedOrders(noMail.id)).toBe(0);
  });

  it('when a PDF would hold more entries than one report may, then 409 detail_report_too_large; CSV of the same period is accepted', async () => {
    const heavy = await t.createCustomer({ password: 'heavy-pass-1', email: 'heavy@example.ru' });
    const acc = await t.openMobileAccount(heavy.id);
    const n = DetailReportLimits.maxEntries.pdf + 1;
    // Many small charges in October, written the way the ledger writes them (balance = sum of entries).
    await t.query(
      `INSERT INTO ledger_entries (id, customer_id, account_id, amount, kind, ref, description, balance_after, created_at)
       SELECT gen_random_uuid(), $1, $2, -1, 'usage', 'bulk-' || g, 'СМС', -g, '2026-10-02T00:00:00Z'::timestamptz + g * interval '1 second'
         FROM generate_series(1, $3::int) g`,
      [heavy.id, acc.accountId, n],
    );
    await t.query('UPDATE accounts SET credit_limit = $2::bigint, balance = -($2::bigint) WHERE id = $1', [acc.accountId, n]);
    const token = (await t.signIn(heavy.phone, 'heavy-pass-1')).accessToken;
    const res = await order(token, { from: '2026-10-01', to: '2026-10-31', format: 'pdf' }, acc.accountId).expect(409);
    expect(res.body.code).toBe('detail_report_too_large');
    expect(await storedOrders(heavy.id)).toBe(0);
    await order(token, { from: '2026-10-01', to: '2026-10-31', format: 'csv' }, acc.accountId).expect(202);
    expect(await t.services.detailReports.runQueued()).toEqual({ sent: 1, failed: 0, retry: 0 });
    const [mail] = await inbox('heavy@example.ru');
    expect((await download(mail)).toString('utf8').trim().split('\n')).toHaveLength(n + 1);
  });

  it('when the order is retried with the same Idempotency-Key, then one order is queued', async () => {
    const before = await storedOrders(owner.id);
    const first = await order(ownerToken, { from: '2026-10-01', to: '2026-10-10', format: 'csv' }).set('Idempotency-Key', 'detail-1').expect(202);
    const again = await order(ownerToken, { from: '2026-10-01', to: '2026-10-10', format: 'csv' }).set('Idempotency-Key', 'detail-1').expect(202);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await storedOrders(owner.id)).toBe(before + 1);
    await t.services.detailReports.runQueued();
  });

  it('when pg-boss runs the detail-reports job, then a queued order is sent', async () => {
    const res = await order(ownerToken, { from: '2026-11-01', to: '2026-11-22', format: 'csv' }).expect(202);
    const boss = await startJobs(t.config.databaseUrl!, jobTable(t.services), createLogger('silent'), { pollingIntervalSeconds: 0.5 });
    try {
      await boss.send('detail-reports', {});
      const status = async () => (await t.query<{ status: string }>('SELECT status FROM detail_reports WHERE id = $1', [res.body.id]))[0].status;
      const deadline = Date.now() + 15_000;
      while ((await status()) === 'queued' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(await status()).toBe('sent');
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
    const [mail] = await inbox('ivan.detail@example.ru');
    expect(mail.attachments?.[0].filename).toBe(`detail-${accountNumber}-2026-11-01-2026-11-22.csv`);
    expect((await download(mail)).toString('utf8')).toContain('Абонентская плата за ноябрь');
  });
});
