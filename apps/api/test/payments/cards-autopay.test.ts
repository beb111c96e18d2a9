import { randomUUID } from 'node:crypto';
import { createTestContext, type TestContext, type TestCustomer } from '../support';

describe('saved cards and autopay', () => {
  let t: TestContext;
  let ivan: TestCustomer;
  let token: string;

  const balance = async (accountId: string) => Number((await t.query<{ balance: string }>('SELECT balance FROM accounts WHERE id = $1', [accountId]))[0].balance);
  const rub = (amount: number) => ({ amount, currency: 'RUB' });
  const auth = () => t.bearer(token);

  /** Binds a card through the acquirer's page; returns the saved card's id. */
  const bindCard = async (number = '4111111111111111') => {
    const bind = await t.http.post('/api/v1/cards').set(auth()).send({}).expect(201);
    const back = await t.payOnAcquirerPage(bind.body.confirmation.url, { number });
    expect(back).toBe(`/cards?bound=${bind.body.paymentId}`);
    const cards = await t.http.get('/api/v1/cards').set(auth()).expect(200);
    return { cardId: cards.body.items[0].id as string, paymentId: bind.body.paymentId as string, cards: cards.body.items };
  };

  beforeAll(async () => {
    t = await createTestContext();
  });
  beforeEach(async () => {
    ivan = await t.createCustomer({ password: 'ivan-pass-123' });
    token = (await t.signIn(ivan.phone, 'ivan-pass-123')).accessToken;
  });
  afterAll(() => t.close());

  describe('cards', () => {
    it('when a card is bound, then it is kept without its number, the 1 ₽ is refunded and the balance does not move', async () => {
      const acc = await t.openMobileAccount(ivan.id, { balance: 10_00 });
      const { cards, paymentId } = await bindCard('2200 0000 0000 0004');
      expect(cards).toEqual([expect.objectContaining({ last4: '0004', brand: 'mir', expMonth: 12, expYear: 2030, holder: 'IVAN IVANOV', isDefault: true })]);
      const stored = await t.query<Record<string, unknown>>('SELECT * FROM saved_cards WHERE customer_id = $1', [ivan.id]);
      expect(JSON.stringify(stored)).not.toContain('2200000000000004');
      expect((await t.http.get(`/api/v1/payments/${paymentId}`).set(auth()).expect(200)).body).toMatchObject({ purpose: 'card_binding', status: 'succeeded', amount: rub(1_00) });
      const [acquirer] = await t.query<{ refunded: string }>('SELECT a.refunded FROM sandbox_acquirer_payments a JOIN payments p ON p.provider_payment_id = a.id WHERE p.id = $1', [paymentId]);
      expect(acquirer.refunded).toBe('100');
      expect(await balance(acc.accountId)).toBe(10_00);
      expect(await t.query('SELECT 1 FROM ledger_entries WHERE account_id = $1 AND kind <> $2', [acc.accountId, 'adjustment'])).toHaveLength(0);
      await t.http.get(`/api/v1/payments/${paymentId}/receipt`).set(auth()).expect(404);
    });

    it('when a declined card is bound, then nothing is saved', async () => {
      await t.openMobileAccount(ivan.id);
      const bind = await t.http.post('/api/v1/cards').set(auth()).send({}).expect(201);
      await t.payOnAcquirerPage(bind.body.confirmation.url, { number: '4000000000000002' });
      expect((await t.http.get('/api/v1/cards').set(auth()).expect(200)).body.items).toEqual([]);
    });

    it('when a top-up asks to save the card, then it is saved; a saved card pays at once; default and delete work and are private', async () => {
      const acc = await t.openMobileAccount(ivan.id);
      const p = await t.http.post('/api/v1/payments').set(auth()).set('Idempotency-Key', randomUUID()).send({ accountId: acc.accountId, amount: rub(300_00), method: 'bank_card', saveCard: true }).expect(201);
      await t.payOnAcquirerPage(p.body.confirmation.url, { number: '5555555555554444' });
      const second = await bindCard('4111111111111111');
      const list = second.cards as { id: string; last4: string; isDefault: boolean }[];
      expect(list.map((c) => [c.last4, c.isDefault])).toEqual([['4444', true], ['1111', false]]);
      const visa = list.find((c) => c.last4 === '1111') as { id: string };

      const saved = await t.http.post('/api/v1/payments').set(auth()).set('Idempotency-Key', randomUUID()).send({ accountId: acc.accountId, amount: rub(200_00), method: 'saved_card', cardId: visa.id }).expect(201);
      expect(saved.body).toMatchObject({ status: 'succeeded', card: { last4: '1111' } });
      expect(await balance(acc.accountId)).toBe(500_00);

      await t.http.post(`/api/v1/cards/${visa.id}/default`).set(auth()).expect(204);
      expect((await t.http.get('/api/v1/cards').set(auth()).expect(200)).body.items[0]).toMatchObject({ id: visa.id, isDefault: true });

      const stranger = await t.createCustomer({ password: 'stranger-pass-1' });
      const strangerToken = (await t.signIn(stranger.phone, 'stranger-pass-1')).accessToken;
      expect((await t.http.get('/api/v1/cards').set(t.bearer(strangerToken)).expect(200)).body.items).toEqual([]);
      expect((await t.http.delete(`/api/v1/cards/${visa.id}`).set(t.bearer(strangerToken)).expect(404)).body.code).toBe('card_not_found');
      await t.http.post(`/api/v1/cards/${visa.id}/default`).set(t.bearer(strangerToken)).expect(404);
      const strangerAcc = await t.openMobileAccount(stranger.id);
      // Paying into one's own account with somebody else's saved card is refused.
      const foreign = await t.http.post('/api/v1/payments').set(t.bearer(strangerToken)).set('Idempotency-Key', randomUUID()).send({ accountId: strangerAcc.accountId, amount: rub(100_00), method: 'saved_card', cardId: visa.id }).expect(404);
      expect(foreign.body.code).toBe('card_not_found');

      await t.http.delete(`/api/v1/cards/${visa.id}`).set(auth()).expect(204);
      expect((await t.http.get('/api/v1/cards').set(auth()).expect(200)).body.items.map((c: { last4: string }) => c.last4)).toEqual(['4444']);
      await t.http.post('/api/v1/payments').set(auth()).set('Idempotency-Key', randomUUID()).send({ accountId: acc.accountId, amount: rub(100_00), method: 'saved_card', cardId: visa.id }).expect(404);
    });
  });

  describe('autopay', () => {
    // The job sees every rule in the database: each test leaves none running for the next.
    afterEach(() => t.query(`UPDATE autopay_rules SET status = 'paused'`));

    it('when the balance falls below the threshold, then the job tops it up once from the saved card', async () => {
      const acc = await t.openMobileAccount(ivan.id, { balance: 50_00 });
      const { cardId } = await bindCard();
      const rule = await t.http.post(`/api/v1/accounts/${acc.accountId}/autopay`).set(auth()).send({ kind: 'threshold', cardId, amount: rub(300_00), threshold: rub(100_00) }).expect(201);
      expect(rule.body).toMatchObject({ kind: 'threshold', status: 'active', amount: rub(300_00), threshold: rub(100_00), card: { id: cardId }, failures: 0 });
      await t.http.post(`/api/v1/accounts/${acc.accountId}/autopay`).set(auth()).send({ kind: 'threshold', cardId, amount: rub(300_00), threshold: rub(100_00) }).expect(409);

      expect(await t.services.autopay.runDue()).toBe(1);
      expect(await balance(acc.accountId)).toBe(350_00);
      expect(await t.services.autopay.runDue()).toBe(0);
      const payments = await t.http.get(`/api/v1/payments?accountId=${acc.accountId}`).set(auth()).expect(200);
      expect(payments.body.items).toEqual([expect.objectContaining({ source: 'autopay', status: 'succeeded', method: 'saved_card' })]);

      // Paused, it does nothing even below the threshold.
      await t.services.ledger.post(t.ds.manager, { accountId: acc.accountId, amount: -300_00n, kind: 'adjustment', ref: 'test-spend' });
      await t.http.patch(`/api/v1/accounts/${acc.accountId}/autopay/${rule.body.id}`).set(auth()).send({ status: 'paused' }).expect(200);
      t.clock.advanceMinutes(61);
      token = (await t.signIn(ivan.phone, 'ivan-pass-123')).accessToken;
      expect(await t.services.autopay.runDue()).toBe(0);
      await t.http.patch(`/api/v1/accounts/${acc.accountId}/autopay/${rule.body.id}`).set(auth()).send({ status: 'active' }).expect(200);
      expect(await t.services.autopay.runDue()).toBe(1);
      expect(await balance(acc.accountId)).toBe(350_00);
    });

    it('when the day comes by the clock, then a monthly autopay pays the internet fee, once that month', async () => {
      const acc = await t.openInternetAccount(ivan.id);
      const { cardId } = await bindCard();
      const rule = await t.http.post(`/api/v1/accounts/${acc.accountId}/autopay`).set(auth()).send({ kind: 'monthly', cardId, amount: rub(600_00), dayOfMonth: 25 }).expect(201);
      // 10:00 Moscow on the 25th.
      expect(rule.body.nextRunAt).toBe('2026-11-25T07:00:00.000Z');
      expect(await t.services.autopay.runDue()).toBe(0);
      t.clock.set(new Date('2026-11-25T07:00:00.000Z'));
      expect(await t.services.autopay.runDue()).toBe(1);
      expect(await t.services.autopay.runDue()).toBe(0);
      expect(await balance(acc.accountId)).toBe(600_00);
      token = (await t.signIn(ivan.phone, 'ivan-pass-123')).accessToken;
      expect((await t.http.get(`/api/v1/accounts/${acc.accountId}/autopay`).set(auth()).expect(200)).body.items[0].nextRunAt).toBe('2026-12-25T07:00:00.000Z');
    });

    it('when the card keeps failing, then each failure is told by SMS, retried the next day, and after 3 the rule stops', async () => {
      const acc = await t.openMobileAccount(ivan.id);
      const { cardId } = await bindCard();
      const rule = await t.http.post(`/api/v1/accounts/${acc.accountId}/autopay`).set(auth()).send({ kind: 'threshold', cardId, amount: rub(300_00), threshold: rub(100_00) }).expect(201);
      // The bank now declines this card.
      await t.query(`UPDATE sandbox_acquirer_cards SET behaviour = 'decline'`);
      for (let i = 1; i <= 3; i++) {
        expect(await t.services.autopay.runDue()).toBe(1);
        expect(await t.services.autopay.runDue()).toBe(0); // not again the same day
        t.clock.advanceMinutes(24 * 60 + 1);
      }
      expect(await t.services.autopay.runDue()).toBe(0);
      const [row] = await t.query<{ status: string; failures: number }>('SELECT status, failures FROM autopay_rules WHERE id = $1', [rule.body.id]);
      expect(row).toEqual({ status: 'stopped', failures: 3 });
      expect((await t.lastMessage(ivan.phone))?.body).toMatch(/не прошёл 3 раза подряд и остановлен/);
      expect(await balance(acc.accountId)).toBe(0);
    });

    it('when the input is wrong or the caller may only view, then 4xx and no rule', async () => {
      const acc = await t.openMobileAccount(ivan.id);
      const { cardId } = await bindCard();
      const url = `/api/v1/accounts/${acc.accountId}/autopay`;
      const bad: object[] = [
        { kind: 'threshold', cardId, amount: rub(300_00) },
        { kind: 'monthly', cardId, amount: rub(300_00) },
        { kind: 'monthly', cardId, amount: rub(300_00), dayOfMonth: 31 },
        { kind: 'threshold', cardId, amount: rub(1_00), threshold: rub(100_00) },
        { kind: 'threshold', cardId, amount: rub(300_00), threshold: rub(100_00), dayOfMonth: 3 },
        { kind: 'weekly', cardId, amount: rub(300_00) },
      ];
      for (const body of bad) expect((await t.http.post(url).set(auth()).send(body)).status).toBe(400);
      expect((await t.http.post(url).set(auth()).send({ kind: 'threshold', cardId: randomUUID(), amount: rub(300_00), threshold: rub(100_00) }).expect(404)).body.code).toBe('card_not_found');

      const viewer = await t.createCustomer({ password: 'viewer-pass-1' });
      await t.http.post(`/api/v1/accounts/${acc.accountId}/grants`).set(auth()).send({ phone: viewer.phone, level: 'viewer' }).expect(201);
      const viewerToken = (await t.signIn(viewer.phone, 'viewer-pass-1')).accessToken;
      expect((await t.http.post(url).set(t.bearer(viewerToken)).send({ kind: 'threshold', cardId, amount: rub(300_00), threshold: rub(100_00) }).expect(403)).body.code).toBe('forbidden');
      await t.http.get(url).set(t.bearer(viewerToken)).expect(200);
      const stranger = await t.createCustomer({ password: 'stranger-pass-1' });
      await t.http.get(url).set(t.bearer((await t.signIn(stranger.phone, 'stranger-pass-1')).accessToken)).expect(404);
      expect(await t.query('SELECT 1 FROM autopay_rules WHERE account_id = $1', [acc.accountId])).toHaveLength(0);
    });
  });
});
