import { createTestContext, type TestContext } from '../support';

describe('the notification centre and preferences', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const lowBalanceCustomer = async () => {
    const c = await t.createCustomer();
    const { accountId } = await t.openMobileAccount(c.id, { balance: 100_00 });
    await t.query('UPDATE accounts SET low_balance_threshold = 50000 WHERE id = $1', [accountId]);
    const { accessToken } = await t.signIn(c.phone, c.password);
    return { c, accountId, auth: t.bearer(accessToken) };
  };
  const smsRows = (phone: string) => t.query(`SELECT body FROM notification_outbox WHERE recipient = $1 AND channel = 'sms' AND event_type = 'balance.low'`, [phone]);

  describe('PUT /me/notification-preferences', () => {
    it('when a customer mutes low-balance SMS, then the alert writes no SMS row but still reaches the centre; a customer on defaults gets the SMS', async () => {
      const muted = await lowBalanceCustomer();
      const plain = await lowBalanceCustomer();
      const prefs = await t.http.put('/api/v1/me/notification-preferences').set(muted.auth).send({ changes: [{ type: 'balance.low', channel: 'sms', enabled: false }] }).expect(200);
      expect(prefs.body.items.find((p: { type: string }) => p.type === 'balance.low')).toMatchObject({ locked: false, channels: { sms: false, email: true, in_app: true } });

      await t.services.alerts.run();

      expect(await smsRows(muted.c.phone)).toEqual([]);
      expect(await smsRows(plain.c.phone)).toHaveLength(1);
      const centre = await t.http.get('/api/v1/me/notifications').set(muted.auth).expect(200);
      expect(centre.body.items[0]).toMatchObject({ type: 'balance.low', link: `/accounts/${muted.accountId}`, readAt: null });
      expect(centre.body.items[0].body).toContain('Пополните');
    });

    it('when a customer tries to switch a security event off, then 409 notification_locked and nothing is stored; the password-change SMS still goes', async () => {
      const { c, auth } = await lowBalanceCustomer();
      const res = await t.http.put('/api/v1/me/notification-preferences').set(auth).send({ changes: [{ type: 'balance.low', channel: 'email', enabled: false }, { type: 'security.password_changed', channel: 'sms', enabled: false }] }).expect(409);
      expect(res.body.code).toBe('notification_locked');
      expect(await t.query('SELECT * FROM notification_preferences WHERE customer_id = $1', [c.id])).toEqual([]);
      const unknown = await t.http.put('/api/v1/me/notification-preferences').set(auth).send({ changes: [{ type: 'no.such_event', channel: 'sms', enabled: false }] }).expect(400);
      expect(unknown.body.errors[0].field).toBe('changes.0.type');

      const view = (await t.http.get('/api/v1/me/notification-preferences').set(auth).expect(200)).body.items;
      expect(view.find((p: { type: string }) => p.type === 'security.password_changed')).toMatchObject({ locked: true, channels: { sms: true } });
      await t.http.post('/api/v1/me/password').set(auth).send({ currentPassword: c.password, newPassword: 'another-horse-77' }).expect(200);
      expect((await t.lastMessage(c.phone))?.body).toContain('Пароль от личного кабинета изменён');
    });
  });

  describe('GET /me/notifications', () => {
    it('when entries are unread, then the count says so; marking one and then all read brings it to zero; another customer’s entry is a 404', async () => {
      const { c, auth } = await lowBalanceCustomer();
      await t.ds.transaction(async (em) => {
        for (const title of ['Первое', 'Второе', 'Третье']) {
          await t.services.notifications.notify(em, { event: 'payment.succeeded', customerId: c.id, title, body: `${title} сообщение` });
          t.clock.advance(1000);
        }
      });
      expect((await t.http.get('/api/v1/me/notifications/unread-count').set(auth).expect(200)).body).toEqual({ count: 3 });
      const list = await t.http.get('/api/v1/me/notifications?limit=2').set(auth).expect(200);
      expect(list.body.items.map((n: { title: string }) => n.title)).toEqual(['Третье', 'Второе']);
      const rest = await t.http.get(`/api/v1/me/notifications?limit=2&cursor=${list.body.nextCursor}`).set(auth).expect(200);
      expect(rest.body.items.map((n: { title: string }) => n.title)).toEqual(['Первое']);

      const other = await lowBalanceCustomer();
      await t.http.post(`/api/v1/me/notifications/${list.body.items[0].id}/read`).set(other.auth).expect(404);
      await t.http.post(`/api/v1/me/notifications/${list.body.items[0].id}/read`).set(auth).expect(204);
      expect((await t.http.get('/api/v1/me/notifications/unread-count').set(auth).expect(200)).body.count).toBe(2);
      expect((await t.http.get('/api/v1/me/notifications?unread=true').set(auth).expect(200)).body.items).toHaveLength(2);
      await t.http.post('/api/v1/me/notifications/read-all').set(auth).expect(204);
      expect((await t.http.get('/api/v1/me/notifications/unread-count').set(auth).expect(200)).body.count).toBe(0);
      expect((await t.http.get('/api/v1/me/notifications/unread-count').set(other.auth).expect(200)).body.count).toBe(0);
    });

    it('when a customer signs in from a new browser, then the centre shows a security notice; the same browser again adds none', async () => {
      const c = await t.createCustomer();
      const login = (ua: string) => t.http.post('/api/v1/auth/login').set('User-Agent', ua).send({ login: c.phone, password: c.password }).expect(200);
      await login('Firefox/140');
      await login('Firefox/140');
      const third = await login('Chrome/150 (Android)');
      await login('Chrome/150 (Android)');
      const items = (await t.http.get('/api/v1/me/notifications').set(t.bearer(third.body.accessToken)).expect(200)).body.items;
      expect(items.filter((n: { type: string }) => n.type === 'security.new_device')).toHaveLength(1);
      expect(items[0].body).toContain('Chrome/150');
    });
  });

  describe('the event-type registry', () => {
    it('when another module registers an event type, then customers see it in their preferences and notify() honours their choice', async () => {
      t.services.notifications.events.register({ type: 'support.chat_closed', label: 'Чат закрыт', defaults: { sms: false, email: false, in_app: true } });
      const { c, auth } = await lowBalanceCustomer();
      const view = (await t.http.get('/api/v1/me/notification-preferences').set(auth).expect(200)).body.items;
      expect(view.find((p: { type: string }) => p.type === 'support.chat_closed')).toEqual({ type: 'support.chat_closed', label: 'Чат закрыт', locked: false, channels: { sms: false, email: false, in_app: true } });
      await t.http.put('/api/v1/me/notification-preferences').set(auth).send({ changes: [{ type: 'support.chat_closed', channel: 'sms', enabled: true }] }).expect(200);
      await t.ds.transaction((em) => t.services.notifications.notify(em, { event: 'support.chat_closed', customerId: c.id, title: 'Чат закрыт', body: 'Оцените ответ', sms: c.phone }));
      // One SMS row (the ids notify returns also name the centre entry, for the push channel that fans out from it).
      expect(await t.query(`SELECT count(*)::int AS n FROM notification_outbox WHERE event_type = 'support.chat_closed' AND recipient = $1`, [c.phone])).toEqual([{ n: 1 }]);
      expect((await t.lastMessage(c.phone))?.body).toBe('Оцените ответ');
      await expect(t.ds.transaction((em) => t.services.notifications.notify(em, { event: 'no.such_event', customerId: c.id, title: 'x', body: 'y' }))).rejects.toThrow(/Unknown notification event type/);
    });
  });
});
