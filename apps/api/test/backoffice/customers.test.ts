import { randomUUID } from 'node:crypto';
import { createTestContext, type TestContext } from '../support';

describe('the staff console: customers, money, staff, audit', () => {
  let t: TestContext;
  let operator: Awaited<ReturnType<TestContext['createStaff']>>;
  let admin: Awaited<ReturnType<TestContext['createStaff']>>;

  beforeAll(async () => {
    t = await createTestContext();
    operator = await t.createStaff('operator');
    admin = await t.createStaff('admin');
  });
  afterAll(() => t.close());

  describe('GET /backoffice/customers', () => {
    it('when searched by login phone, a line’s number, contract, account number or name, then the customer is found', async () => {
      const c = await t.createCustomer({ surname: 'Воронцова', name: 'Елизавета', patronymic: 'Павловна', contractNumber: '555000111' });
      const { accountId, lineIds } = await t.openMobileAccount(c.id);
      const [{ number }] = await t.query<{ number: string }>('SELECT number FROM accounts WHERE id = $1', [accountId]);
      const [{ msisdn }] = await t.query<{ msisdn: string }>('SELECT msisdn FROM mobile_lines WHERE id = $1', [lineIds[0]]);
      await t.createCustomer({ surname: 'Воронцов', name: 'Пётр' });
      const find = async (q: string) => (await t.http.get('/api/v1/backoffice/customers').query({ q }).set(t.bearer(operator.accessToken)).expect(200)).body.items.map((x: { id: string }) => x.id);

      expect(await find(c.phone.replace('+7', '8 '))).toEqual([c.id]);
      expect(await find(msisdn)).toEqual([c.id]);
      expect(await find('555000111')).toEqual([c.id]);
      expect(await find(number)).toEqual([c.id]);
      expect(await find('воронцова')).toEqual([c.id]);
      expect((await find('Воронцов')).length).toBe(2);
      expect(await find('Воронцов Ели')).toEqual([c.id]);
      expect(await find('Воронцов Пав')).toEqual([c.id]);
      expect(await find('Нетакой')).toEqual([]);
      expect(await find('%%')).toEqual([]);
      const res = await t.http.get('/api/v1/backoffice/customers').query({ q: number }).set(t.bearer(operator.accessToken)).expect(200);
      expect(res.body.items[0]).toMatchObject({ fullName: 'Воронцова Елизавета Павловна', accountNumbers: [number], role: 'subscriber' });
      await t.http.get('/api/v1/backoffice/customers').query({ q: 'x' }).set(t.bearer(operator.accessToken)).expect(400);
    });
  });

  describe('GET /backoffice/customers/:id — the card', () => {
    it('when opened, then it shows accounts with lines, payments, live sessions and the sections of other modules, and the viewing is audited', async () => {
      const c = await t.createCustomer();
      const { accountId } = await t.openMobileAccount(c.id, { balance: 50_000 });
      const s = await t.signIn(c.phone, c.password);
      const tariffId = (await t.query<{ id: string }>(`SELECT id FROM tariffs WHERE code = 'megafon-vse'`))[0].id;
      await t.http.post('/api/v1/orders/sim').set(t.bearer(s.accessToken)).send({ accountId, tariffId, delivery: 'pickup' }).expect(201);
      await t.http.post('/api/v1/payments').set(t.bearer(s.accessToken)).set('Idempotency-Key', randomUUID()).send({ accountId, amount: { amount: 10000, currency: 'RUB' }, method: 'sbp' }).expect(201);

      const card = await t.http.get(`/api/v1/backoffice/customers/${c.id}`).set(t.bearer(operator.accessToken)).expect(200);
      expect(card.body.customer).toMatchObject({ id: c.id, phone: c.phone });
      expect(card.body.accounts).toHaveLength(1);
      expect(card.body.accounts[0]).toMatchObject({ id: accountId, balance: { amount: 50_000 }, access: 'owner' });
      expect(card.body.accounts[0].lines).toHaveLength(1);
      expect(card.body.payments).toHaveLength(1);
      expect(card.body.sessions).toHaveLength(1);
      expect(card.body.sections.map((x: { key: string }) => x.key)).toEqual(['orders']);
      expect(card.body.sections[0].items[0]).toMatchObject({ status: 'new', link: expect.stringMatching(/^\/backoffice\/orders\//) });
      expect(await t.query(`SELECT actor_id FROM audit_log WHERE action = 'customer_card_viewed' AND customer_id = $1`, [c.id])).toEqual([{ actor_id: operator.id }]);
      await t.http.get(`/api/v1/backoffice/customers/${randomUUID()}`).set(t.bearer(operator.accessToken)).expect(404);
    });

    it('when the customer has a bonus card, then the bonus module’s section is on the card', async () => {
      const member = await t.createBonusMember({ points: 250 });
      const card = await t.http.get(`/api/v1/backoffice/customers/${member.id}`).set(t.bearer(operator.accessToken)).expect(200);
      const bonus = card.body.sections.find((x: { key: string }) => x.key === 'bonus');
      expect(bonus.title).toContain('250');
      expect(bonus.items.map((i: { title: string }) => i.title)).toEqual([expect.stringContaining(member.cardNumber)]);
    });

    it('when staff end a customer’s session, then that token stops working; ending all ends every one', async () => {
      const c = await t.createCustomer();
      const a = await t.signIn(c.phone, c.password);
      const b = await t.signIn(c.phone, c.password);
      const [{ id: sidA }] = await t.query<{ id: string }>('SELECT id FROM sessions WHERE customer_id = $1 ORDER BY created_at, id LIMIT 1', [c.id]);
      const sessions = (await t.http.get(`/api/v1/backoffice/customers/${c.id}`).set(t.bearer(operator.accessToken)).expect(200)).body.sessions;
      expect(sessions).toHaveLength(2);
      const first = sessions.find((x: { id: string }) => x.id === sidA);
      await t.http.delete(`/api/v1/backoffice/customers/${c.id}/sessions/${first.id}`).set(t.bearer(operator.accessToken)).expect(204);
      const tokens = [a, b];
      const results = await Promise.all(tokens.map((x) => t.http.get('/api/v1/me').set(t.bearer(x.accessToken))));
      expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
      await t.http.delete(`/api/v1/backoffice/customers/${c.id}/sessions/${first.id}`).set(t.bearer(operator.accessToken)).expect(404);
      const all = await t.http.delete(`/api/v1/backoffice/customers/${c.id}/sessions`).set(t.bearer(operator.accessToken)).expect(200);
      expect(all.body).toEqual({ endedSessions: 1 });
      for (const x of tokens) await t.http.get('/api/v1/me').set(t.bearer(x.accessToken)).expect(401);
      expect(await t.query(`SELECT actor_id, details->>'by' AS by FROM audit_log WHERE action = 'session_revoked' AND customer_id = $1 ORDER BY id`, [c.id])).toEqual([
        { actor_id: operator.id, by: 'staff' },
        { actor_id: operator.id, by: 'staff' },
      ]);
    });
  });

  describe('POST /backoffice/accounts/:id/adjustments', () => {
    it('when an admin credits and debits with a reason, then the ledger has the entries, balance = sum of entries, the customer is told; a debit below the limit is refused', async () => {
      const c = await t.createCustomer();
      const { accountId } = await t.openMobileAccount(c.id, { balance: 10_000 });
      const url = `/api/v1/backoffice/accounts/${accountId}/adjustments`;
      const as = t.bearer(admin.accessToken);

      expect((await t.http.post(url).set(as).send({ direction: 'credit', amount: { amount: 5000, currency: 'RUB' }, reason: 'x' }).expect(400)).body.code).toBe('idempotency_key_required');
      expect((await t.http.post(url).set(as).set('Idempotency-Key', randomUUID()).send({ direction: 'credit', amount: { amount: 5000, currency: 'RUB' }, reason: '  ' }).expect(400)).body.errors[0].field).toBe('reason');
      expect((await t.http.post(url).set(as).set('Idempotency-Key', randomUUID()).send({ direction: 'credit', amount: { amount: 5000, currency: 'RUB' } }).expect(400)).body.errors[0].field).toBe('reason');
      expect((await t.http.post(url).set(as).set('Idempotency-Key', randomUUID()).send({ direction: 'credit', amount: { amount: 0, currency: 'RUB' }, reason: 'ноль' }).expect(400)).body.code).toBe('validation_failed');

      const key = randomUUID();
      const credit = await t.http.post(url).set(as).set('Idempotency-Key', key).send({ direction: 'credit', amount: { amount: 15000, currency: 'RUB' }, reason: 'Компенсация за перерыв связи' }).expect(201);
      expect(credit.body).toMatchObject({ amount: { amount: 15000 }, balanceBefore: { amount: 10000 }, balanceAfter: { amount: 25000 }, reason: 'Компенсация за перерыв связи' });
      // The same key again: the same answer, no second credit.
      const replay = await t.http.post(url).set(as).set('Idempotency-Key', key).send({ direction: 'credit', amount: { amount: 15000, currency: 'RUB' }, reason: 'Компенсация за перерыв связи' }).expect(201);
      expect(replay.body.entryId).toBe(credit.body.entryId);
      t.clock.advanceMinutes(1);
      const debit = await t.http.post(url).set(as).set('Idempotency-Key', randomUUID()).send({ direction: 'debit', amount: { amount: 5000, currency: 'RUB' }, reason: 'Ошибочное зачисление' }).expect(201);
      expect(debit.body.balanceAfter.amount).toBe(20000);
      const tooMuch = await t.http.post(url).set(as).set('Idempotency-Key', randomUUID()).send({ direction: 'debit', amount: { amount: 50000, currency: 'RUB' }, reason: 'Слишком много' }).expect(409);
      expect(tooMuch.body.code).toBe('insufficient_funds');

      const [{ balance, sum }] = await t.query<{ balance: string; sum: string }>(
        `SELECT a.balance, (SELECT sum(amount) FROM ledger_entries e WHERE e.account_id = a.id) AS sum FROM accounts a WHERE a.id = $1`,
        [accountId],
      );
      expect([balance, sum]).toEqual(['20000', '20000']);
      expect(await t.query(`SELECT amount, description FROM ledger_entries WHERE account_id = $1 AND ref LIKE 'adjustment:%' ORDER BY created_at, amount DESC`, [accountId])).toEqual([
        { amount: '15000', description: 'Компенсация за перерыв связи' },
        { amount: '-5000', description: 'Ошибочное зачисление' },
      ]);
      const audits = await t.query<{ actor_id: string; details: { before: { balance: number }; after: { balance: number }; reason: string } }>(
        `SELECT actor_id, details FROM audit_log WHERE action = 'balance_adjusted' AND customer_id = $1 ORDER BY id`,
        [c.id],
      );
      expect(audits.map((a) => [a.actor_id, a.details.before.balance, a.details.after.balance, a.details.reason])).toEqual([
        [admin.id, 10000, 25000, 'Компенсация за перерыв связи'],
        [admin.id, 25000, 20000, 'Ошибочное зачисление'],
      ]);
      expect((await t.lastMessage(c.phone))?.body).toMatch(/списано 50,00\s₽ — Ошибочное зачисление/);
    });
  });

  describe('staff accounts', () => {
    it('when an admin opens a staff account, then the temporary password comes by SMS and must be changed; roles change, blocking ends sessions', async () => {
      const as = t.bearer(admin.accessToken);
      const created = await t.http.post('/api/v1/backoffice/staff').set(as).send({ phone: '8 921 444-44-01', surname: 'Лебедева', name: 'Нина', role: 'operator' }).expect(201);
      expect(created.body).toMatchObject({ phone: '+79214444401', fullName: 'Лебедева Нина', role: 'operator', status: 'active', mustChangePassword: true });
      const password = /пароль (\w{10})/.exec((await t.lastMessage('+79214444401'))!.body)![1];
      const s = await t.signIn('+79214444401', password);
      expect(s.mustChangePassword).toBe(true);
      expect((await t.http.get('/api/v1/backoffice/summary').set(t.bearer(s.accessToken)).expect(403)).body.code).toBe('password_change_required');
      await t.http.post('/api/v1/me/password').set(t.bearer(s.accessToken)).send({ currentPassword: password, newPassword: 'Operator-Nina-2026' }).expect(200);
      await t.http.get('/api/v1/backoffice/summary').set(t.bearer(s.accessToken)).expect(200);
      expect((await t.http.post('/api/v1/backoffice/staff').set(as).send({ phone: '8 921 444-44-01', surname: 'Дубль', name: 'Дубль', role: 'operator' }).expect(409)).body.code).toBe('phone_taken');

      const promoted = await t.http.patch(`/api/v1/backoffice/staff/${created.body.id}`).set(as).send({ role: 'admin' }).expect(200);
      expect(promoted.body.role).toBe('admin');
      await t.http.get('/api/v1/backoffice/summary').set(t.bearer(s.accessToken)).expect(401);
      const again = await t.signIn('+79214444401', 'Operator-Nina-2026');
      await t.http.get('/api/v1/backoffice/audit').set(t.bearer(again.accessToken)).expect(200);
      await t.http.patch(`/api/v1/backoffice/staff/${created.body.id}`).set(as).send({ status: 'blocked' }).expect(200);
      await t.http.get('/api/v1/backoffice/summary').set(t.bearer(again.accessToken)).expect(401);
      expect((await t.http.post('/api/v1/auth/login').send({ login: '+79214444401', password: 'Operator-Nina-2026' }).expect(403)).body.code).toBe('account_blocked');

      const list = await t.http.get('/api/v1/backoffice/staff').set(as).expect(200);
      expect(list.body.items.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([admin.id, operator.id, created.body.id]));
      const audit = await t.query<{ action: string; details: unknown }>(`SELECT action, details FROM audit_log WHERE customer_id = $1 AND action LIKE 'staff_%' ORDER BY id`, [created.body.id]);
      expect(audit).toEqual([
        { action: 'staff_created', details: { after: { role: 'operator', phone: '+79214444401', status: 'active' } } },
        { action: 'staff_updated', details: { before: { role: 'operator', status: 'active' }, after: { role: 'admin', status: 'active' } } },
        { action: 'staff_updated', details: { before: { role: 'admin', status: 'active' }, after: { role: 'admin', status: 'blocked' } } },
      ]);
    });

    it('when an admin changes their own access, or a subscriber is addressed as staff, then refused', async () => {
      const as = t.bearer(admin.accessToken);
      expect((await t.http.patch(`/api/v1/backoffice/staff/${admin.id}`).set(as).send({ role: 'operator' }).expect(409)).body.code).toBe('cannot_change_own_access');
      const subscriber = await t.createCustomer();
      await t.http.patch(`/api/v1/backoffice/staff/${subscriber.id}`).set(as).send({ role: 'admin' }).expect(404);
      expect(await t.query('SELECT role FROM customers WHERE id = $1', [subscriber.id])).toEqual([{ role: 'subscriber' }]);
    });
  });

  describe('GET /backoffice/audit', () => {
    it('when an admin reads it, then entries come newest first with who did it, filterable and paged; the database refuses to edit or delete them', async () => {
      const as = t.bearer(admin.accessToken);
      const all = await t.http.get('/api/v1/backoffice/audit').query({ actorId: admin.id, limit: 200 }).set(as).expect(200);
      expect(all.body.items.length).toBeGreaterThan(3);
      expect(all.body.items.every((e: { actor: { id: string; role: string } }) => e.actor.id === admin.id && e.actor.role === 'admin')).toBe(true);
      const first = await t.http.get('/api/v1/backoffice/audit').query({ actorId: admin.id, limit: 2 }).set(as).expect(200);
      const next = await t.http.get('/api/v1/backoffice/audit').query({ actorId: admin.id, limit: 2, cursor: first.body.nextCursor }).set(as).expect(200);
      expect([...first.body.items, ...next.body.items].map((e: { id: string }) => e.id)).toEqual(all.body.items.slice(0, 4).map((e: { id: string }) => e.id));
      const adjusted = await t.http.get('/api/v1/backoffice/audit').query({ action: 'balance_adjusted' }).set(as).expect(200);
      expect(adjusted.body.items.map((e: { action: string }) => e.action)).toEqual(['balance_adjusted', 'balance_adjusted']);
      expect(adjusted.body.items[0].details).toMatchObject({ before: { balance: 25000 }, after: { balance: 20000 } });

      await expect(t.query(`UPDATE audit_log SET action = 'nothing'`)).rejects.toThrow(/append-only/);
      await expect(t.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
      await expect(t.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
      // No route edits the log either.
      for (const m of ['put', 'patch', 'delete']) {
        const res = await (t.http as unknown as Record<string, (p: string) => ReturnType<typeof t.http.get>>)[m]('/api/v1/backoffice/audit').set(as);
        expect(res.status).toBe(404);
      }
    });
  });

  describe('GET /backoffice/summary', () => {
    it('when opened, then it counts the open and new items of each queue and the numbers in stock', async () => {
      await t.stockNumber({ category: 'gold' });
      const res = await t.http.get('/api/v1/backoffice/summary').set(t.bearer(operator.accessToken)).expect(200);
      expect(res.body.queues.map((q: { key: string }) => q.key)).toEqual(['mobile', 'internet', 'callback', 'sim', 'number']);
      expect(res.body.queues.find((q: { key: string }) => q.key === 'sim')).toEqual({ key: 'sim', open: 1, new: 1 });
      expect(res.body.numbersAvailable).toBe(1);
    });
  });
});
