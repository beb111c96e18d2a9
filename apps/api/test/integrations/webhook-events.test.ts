import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookEventType } from '@cabinet/shared-types';
import { apply, newBorrower, productIds } from '../loans/helpers';
import { createTestContext, type TestContext } from '../support';

/** The events of the modules built beside the integrator platform, as a partner's receiver gets them. */
describe('webhook events of loans, applications and the bonus program', () => {
  let t: TestContext;
  let server: http.Server;
  let url: string;
  const received: { type: WebhookEventType; data: Record<string, unknown> }[] = [];
  let partner: { id: string; key: string | null };

  const subscribe = (events: WebhookEventType[]) =>
    t.http.post('/api/v1/integrations/webhooks').set({ Authorization: `Bearer ${partner.key}` }).send({ url, events }).expect(201);
  const deliver = async () => {
    received.length = 0;
    await t.services.webhooks.deliverDue();
    return received.map((r): Record<string, unknown> => ({ type: r.type, ...r.data }));
  };

  beforeAll(async () => {
    t = await createTestContext();
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
    partner = await t.createPartner({ scopes: ['webhooks:manage'], contactEmail: 'hooks@partner.example' });
    await subscribe(['loan.status_changed', 'application.status_changed', 'bonus.accrued']);
  });
  afterAll(async () => {
    await new Promise((ok) => server.close(ok));
    await t.close();
  });

  it('when a loan is applied for and decided, then the receiver hears each status change, in order, with the one before it', async () => {
    const b = await newBorrower(t);
    const loan = await apply(t, b, { productId: (await productIds(t)).short, amount: 5_000_00, termDays: 14 });
    expect(loan.status).toBe('approved');
    const events = (await deliver()).filter((e) => e.type === 'loan.status_changed');
    expect(events.map((e) => [e.previousStatus, e.status])).toEqual([
      ['draft', 'submitted'],
      ['submitted', 'approved'],
    ]);
    expect(events[0]).toMatchObject({ loanId: loan.id, loanNumber: loan.number });
    expect(JSON.stringify(events)).not.toContain(b.customer.phone); // no personal data in the event
  });

  it('when a visitor applies for a tariff and an operator takes it, then the receiver hears "new" and "in_progress"', async () => {
    const [tariff] = await t.query<{ id: string }>(`SELECT id FROM tariffs WHERE code = 'tele2-black'`);
    const applied = await t.postPublic('/api/v1/applications/mobile', { name: 'Мария', phone: '8 (921) 555-07-07', tariffId: tariff.id, consent: true });
    expect(applied.status).toBe(201);
    const [app] = await t.query<{ id: string }>('SELECT id FROM applications WHERE number = $1', [applied.body.number]);
    const operator = await t.createStaff('operator');
    await t.http.post(`/api/v1/backoffice/applications/${app.id}/status`).set(t.bearer(operator.accessToken)).send({ status: 'in_progress' }).expect(200);
    const events = (await deliver()).filter((e) => e.type === 'application.status_changed');
    expect(events.map((e) => [e.applicationNumber, e.previousStatus, e.status])).toEqual([
      [applied.body.number, null, 'new'],
      [applied.body.number, 'new', 'in_progress'],
    ]);
  });

  it('when a till posts a receipt for a subscribed partner, then bonus.accrued carries the points and their expiry; a replayed receipt tells nothing new', async () => {
    const member = await t.createBonusMember();
    const till = await t.createTill();
    const receipt = { receiptId: `R-${randomUUID()}`, cardNumber: member.cardNumber, station: 'АЗС №3', occurredAt: t.clock.now().toISOString(), items: [{ name: 'АИ-95', category: 'fuel', amount: { amount: 2_500_00, currency: 'RUB' } }] };
    const post = () => t.http.post('/api/v1/integrations/bonus/purchases').set('Authorization', `Bearer ${till.key}`).send(receipt);
    expect((await post()).body).toMatchObject({ pointsAccrued: 25 });
    expect((await post()).body).toMatchObject({ pointsAccrued: 25 }); // the same receipt again: counted once
    const events = (await deliver()).filter((e) => e.type === 'bonus.accrued');
    expect(events).toEqual([expect.objectContaining({ cardNumber: member.cardNumber, receiptId: receipt.receiptId, points: 25, balance: 25 })]);
    expect(new Date(events[0].expiresAt as string).getTime()).toBeGreaterThan(t.clock.now().getTime() + 360 * 86_400_000);
  });

  it('when the period job suspends an internet contract that cannot pay its fee, then account.blocked names the contract and the reason', async () => {
    await subscribe(['account.blocked']);
    const owner = await t.createCustomer();
    const paying = await t.openInternetAccount(owner.id, { balance: 10_000_00 });
    const broke = await t.openInternetAccount(owner.id, { balance: 0 });
    const [c] = await t.query<{ period_end: Date; contract_number: string }>('SELECT period_end, contract_number FROM internet_contracts WHERE id = $1', [broke.contractId]);
    t.clock.set(new Date(c.period_end.getTime() + 1000));
    await t.services.periods.runDue();
    const events = (await deliver()).filter((e) => e.type === 'account.blocked');
    expect(events).toEqual([expect.objectContaining({ accountId: broke.accountId, contractId: broke.contractId, contractNumber: c.contract_number, reason: 'debt' })]);
    expect(events.some((e) => e.accountId === paying.accountId)).toBe(false);
    await t.services.periods.runDue(); // run again: the contract is suspended already, nothing new to tell
    expect((await deliver()).filter((e) => e.type === 'account.blocked')).toEqual([]);
  });
});
