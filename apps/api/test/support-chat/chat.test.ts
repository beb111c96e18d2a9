import { createApp, createServices } from '../../src/app';
import { openDatabase } from '../../src/db/data-source';
import { createTestContext, type TestContext, type TestCustomer } from '../support';
import { listen, openStream } from './sse';

type Staff = TestCustomer & { accessToken: string };

describe('support chat: customer ↔ operator', () => {
  let t: TestContext;
  let ivan: TestCustomer & { token: string };
  let stranger: TestCustomer & { token: string };
  let tech: Staff; // technical and general
  let money: Staff; // financial only
  let admin: Staff;
  /** A second API node on the same database: its own pool, its own LISTEN connection. */
  let nodeB: { url: string; close(): Promise<void>; stop(): Promise<void> };
  let nodeA: { url: string; close(): Promise<void> };

  const signedIn = async () => {
    const c = await t.createCustomer({ password: 'support-pass-1' });
    return { ...c, token: (await t.signIn(c.phone, 'support-pass-1')).accessToken };
  };
  const topics = (s: Staff, list: string[]) => t.http.put(`/api/v1/backoffice/support/operators/${s.id}/topics`).set(t.bearer(admin.accessToken)).send({ topics: list });
  const open = async (who: { token: string }, topic = 'technical', text = 'Не работает интернет') =>
    (await t.http.post('/api/v1/support/chats').set(t.bearer(who.token)).send({ topic, text }).expect(201)).body;

  beforeAll(async () => {
    t = await createTestContext();
    ivan = await signedIn();
    stranger = await signedIn();
    tech = await t.createStaff('operator');
    money = await t.createStaff('operator');
    admin = await t.createStaff('admin');
    await topics(tech, ['technical', 'general']).expect(200);
    await topics(money, ['financial']).expect(200);

    const config = { ...t.config, support: { streamSeconds: 15, heartbeatSeconds: 5 } };
    nodeA = await listen(createApp({ config, ds: t.ds, clock: t.clock, services: createServices({ config, ds: t.ds, clock: t.clock }) }));
    const ds = await openDatabase(t.config.databaseUrl!, { poolSize: 3 });
    const services = createServices({ config, ds, clock: t.clock });
    const server = await listen(createApp({ config, ds, clock: t.clock, services }));
    nodeB = {
      ...server,
      stop: async () => {
        await server.close();
        await services.support.bus.close();
        await ds.destroy();
      },
    };
  });
  afterAll(async () => {
    await nodeA.close();
    await nodeB.stop();
    await t.close();
  });

  it('when a customer opens a chat, then it waits in the queue of operators with its topic (oldest first), not in others; an admin sees all', async () => {
    const first = await open(ivan, 'technical', 'Роутер мигает красным');
    t.clock.advanceMinutes(3);
    const second = await open(stranger, 'technical', 'Медленно грузятся страницы');
    const financial = await open(ivan, 'financial', 'Списали дважды');
    expect(first).toMatchObject({ status: 'waiting', topic: 'technical', number: expect.stringMatching(/^S-\d+$/), operatorName: null });
    expect(first.messages).toEqual([expect.objectContaining({ kind: 'message', author: 'customer', text: 'Роутер мигает красным' })]);

    const queueOf = async (s: Staff, q = '') => (await t.http.get(`/api/v1/backoffice/support/chats${q}`).set(t.bearer(s.accessToken)).expect(200)).body.items.map((c: { id: string }) => c.id);
    const techQueue = await queueOf(tech);
    expect(techQueue.indexOf(first.id)).toBeLessThan(techQueue.indexOf(second.id));
    expect(techQueue).not.toContain(financial.id);
    expect(await queueOf(money)).toEqual([financial.id]);
    expect(await queueOf(admin)).toEqual(expect.arrayContaining([first.id, second.id, financial.id]));
    expect(await queueOf(admin, '?topic=financial')).toEqual([financial.id]);

    const item = (await t.http.get('/api/v1/backoffice/support/chats').set(t.bearer(tech.accessToken)).expect(200)).body.items[0];
    expect(item).toMatchObject({ id: first.id, requesterPhone: ivan.phone, customerId: ivan.id, preview: 'Роутер мигает красным', waitingSeconds: 180 });
  });

  it('when an operator outside the chat’s topics reads, takes or writes in it, then 404 as for a chat that does not exist, and nothing changes', async () => {
    const chat = await open(ivan, 'technical');
    const as = t.bearer(money.accessToken);
    const before = await t.query('SELECT status, operator_id FROM support_chats WHERE id = $1', [chat.id]);
    for (const res of [
      await t.http.get(`/api/v1/backoffice/support/chats/${chat.id}`).set(as),
      await t.http.post(`/api/v1/backoffice/support/chats/${chat.id}/take`).set(as),
      await t.http.post(`/api/v1/backoffice/support/chats/${chat.id}/messages`).set(as).send({ text: 'Здравствуйте' }),
      await t.http.get(`/api/v1/backoffice/support/chats/${chat.id}/events`).set(as),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('not_found');
    }
    expect(await t.query('SELECT status, operator_id FROM support_chats WHERE id = $1', [chat.id])).toEqual(before);
    expect(await t.query('SELECT count(*)::int AS n FROM support_messages WHERE chat_id = $1', [chat.id])).toEqual([{ n: 1 }]);
  });

  it('when another customer (or nobody with a token) asks for a chat, then 404 everywhere and nothing is written', async () => {
    const chat = await open(ivan);
    const as = t.bearer(stranger.token);
    for (const res of [
      await t.http.get(`/api/v1/support/chats/${chat.id}`).set(as),
      await t.http.post(`/api/v1/support/chats/${chat.id}/messages`).set(as).send({ text: 'чужое' }),
      await t.http.get(`/api/v1/support/chats/${chat.id}/events`).set(as),
      await t.http.post(`/api/v1/support/chats/${chat.id}/close`).set(as).send({ rating: 1 }),
      // A customer's chat is not a visitor's, whatever token is sent.
      await t.http.get(`/api/v1/support/visitor/chats/${chat.id}`).set('X-Support-Token', 'guess'),
    ]) {
      expect(res.status).toBe(404);
    }
    expect((await t.http.get('/api/v1/support/chats').set(as).expect(200)).body.items.map((c: { id: string }) => c.id)).not.toContain(chat.id);
    expect(await t.query('SELECT count(*)::int AS n FROM support_messages WHERE chat_id = $1', [chat.id])).toEqual([{ n: 1 }]);
  });

  it('when the operator replies on one API node, then the customer streaming from another node gets it live, and an SMS (support.reply) is recorded', async () => {
    const chat = await open(ivan, 'technical', 'Нет интернета');
    const stream = openStream(`${nodeB.url}/api/v1/support/chats/${chat.id}/events`, t.bearer(ivan.token));
    expect(await stream.ready).toBe(200);
    await stream.until(1); // the first message, from the start
    const reply = await t.http.post(`/api/v1/backoffice/support/chats/${chat.id}/messages`).set(t.bearer(tech.accessToken)).send({ text: 'Перезагрузите роутер, пожалуйста' }).expect(201);
    const events = await stream.until(3); // "taken" (writing takes a waiting chat) and the reply
    stream.close();
    expect(events.map((e) => [e.event, e.data.author, e.data.text])).toEqual([
      ['message', 'customer', 'Нет интернета'],
      ['taken', 'system', null],
      ['message', 'operator', 'Перезагрузите роутер, пожалуйста'],
    ]);
    expect(events[2].id).toBe(reply.body.seq);
    expect(events.map((e) => Number(e.id))).toEqual([...events.map((e) => Number(e.id))].sort((a, b) => a - b));

    const view = (await t.http.get(`/api/v1/support/chats/${chat.id}`).set(t.bearer(ivan.token)).expect(200)).body;
    expect(view).toMatchObject({ status: 'active', operatorName: expect.any(String) });
    const sms = await t.query<{ body: string; event_type: string; customer_id: string }>(`SELECT body, event_type, customer_id FROM notification_outbox WHERE recipient = $1 ORDER BY created_at DESC LIMIT 1`, [ivan.phone]);
    expect(sms[0]).toMatchObject({ event_type: 'support.reply', customer_id: ivan.id });
    // …and the notification centre lists it, linking to the chat.
    const centre = await t.query<{ title: string }>(`SELECT title FROM customer_notifications WHERE customer_id = $1 AND event_type = 'support.reply' AND link = $2`, [ivan.id, `/support/${chat.id}`]);
    expect(centre).toEqual([{ title: `Ответ поддержки: ${chat.number}` }]);
    expect(sms[0].body).toContain(chat.number);
  });

  it('when a message is sent while the other side is reconnecting, then the reconnect with Last-Event-ID gets exactly what it missed, once', async () => {
    const chat = await open(ivan, 'general', 'Вопрос по договору');
    await t.http.post(`/api/v1/backoffice/support/chats/${chat.id}/take`).set(t.bearer(tech.accessToken)).expect(200);

    // The customer's stream on node B sees the chat so far, then drops.
    const first = openStream(`${nodeB.url}/api/v1/support/chats/${chat.id}/events`, t.bearer(ivan.token));
    const seen = await first.until(2);
    first.close();
    const lastId = seen[seen.length - 1].id;

    // Meanwhile the operator writes twice (node A).
    for (const text of ['Уточните номер договора', 'И адрес подключения']) {
      await t.http.post(`/api/v1/backoffice/support/chats/${chat.id}/messages`).set(t.bearer(tech.accessToken)).send({ text }).expect(201);
    }

    // The customer reconnects to the other node with the last id seen.
    const again = openStream(`${nodeA.url}/api/v1/support/chats/${chat.id}/events`, { ...t.bearer(ivan.token), 'Last-Event-ID': lastId });
    const missed = await again.until(2);
    expect(missed.map((e) => e.data.text)).toEqual(['Уточните номер договора', 'И адрес подключения']);
    // …and stays live: the operator's stream (node B) meanwhile drops and comes back while the customer writes.
    const op = openStream(`${nodeB.url}/api/v1/backoffice/support/chats/${chat.id}/events`, t.bearer(tech.accessToken));
    const opSeen = await op.until(4);
    op.close();
    await t.http.post(`/api/v1/support/chats/${chat.id}/messages`).set(t.bearer(ivan.token)).send({ text: '100200300, Садовая 10' }).expect(201);
    const opAgain = openStream(`${nodeB.url}/api/v1/backoffice/support/chats/${chat.id}/events?lastEventId=${opSeen[3].id}`, t.bearer(tech.accessToken));
    expect((await opAgain.until(1)).map((e) => e.data.text)).toEqual(['100200300, Садовая 10']);
    expect((await again.until(3)).map((e) => e.data.text)).toEqual(['Уточните номер договора', 'И адрес подключения', '100200300, Садовая 10']);
    await new Promise((r) => setTimeout(r, 300));
    expect(again.events).toHaveLength(3); // nothing doubled
    expect(opAgain.events).toHaveLength(1);
    again.close();
    opAgain.close();
  });

  it('when a stream’s Last-Event-ID is not an event id, then 400; with the newest id, then nothing old comes back', async () => {
    const chat = await open(ivan);
    const bad = await t.http.get(`/api/v1/support/chats/${chat.id}/events`).set(t.bearer(ivan.token)).set('Last-Event-ID', 'abc');
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    // The test node ends a stream after a second: supertest reads the whole of it.
    const res = await t.http.get(`/api/v1/support/chats/${chat.id}/events`).set(t.bearer(ivan.token)).set('Last-Event-ID', chat.messages[0].seq).buffer(true).parse((r, cb) => {
      let text = '';
      r.on('data', (c: Buffer) => (text += c.toString()));
      r.on('end', () => cb(null, text));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(res.body).not.toContain('data:');
  });

  it('when the customer closes with a rating, then the chat is closed, rated once, and takes no more messages', async () => {
    const chat = await open(ivan);
    const as = t.bearer(ivan.token);
    const wrong = await t.http.post(`/api/v1/support/chats/${chat.id}/close`).set(as).send({ rating: 6 }).expect(400);
    expect(wrong.body.errors[0].field).toBe('rating');
    expect(await t.query('SELECT status, rating FROM support_chats WHERE id = $1', [chat.id])).toEqual([{ status: 'waiting', rating: null }]);

    const closed = await t.http.post(`/api/v1/support/chats/${chat.id}/close`).set(as).send({ rating: 5, comment: 'Спасибо!' }).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', rating: 5, closedAt: expect.any(String) });
    expect(closed.body.messages.map((m: { kind: string }) => m.kind)).toEqual(['message', 'closed', 'rated']);
    expect((await t.http.post(`/api/v1/support/chats/${chat.id}/close`).set(as).send({ rating: 1 }).expect(409)).body.code).toBe('chat_already_rated');
    expect((await t.http.post(`/api/v1/support/chats/${chat.id}/messages`).set(as).send({ text: 'ещё' }).expect(409)).body.code).toBe('chat_closed');
    expect(await t.query('SELECT rating, rating_comment FROM support_chats WHERE id = $1', [chat.id])).toEqual([{ rating: 5, rating_comment: 'Спасибо!' }]);

    // An operator closes another one; the customer may still rate it.
    const other = await open(ivan);
    await t.http.post(`/api/v1/backoffice/support/chats/${other.id}/close`).set(t.bearer(tech.accessToken)).expect(200);
    await t.http.post(`/api/v1/support/chats/${other.id}/close`).set(as).send({ rating: 3 }).expect(200);
    expect(await t.query('SELECT status, rating FROM support_chats WHERE id = $1', [other.id])).toEqual([{ status: 'closed', rating: 3 }]);
  });

  it('when a second operator takes a chat another has taken, then 409 chat_taken; an admin may take it over', async () => {
    const chat = await open(ivan, 'general');
    const other = await t.createStaff('operator');
    await topics(other, ['general']).expect(200);
    await t.http.post(`/api/v1/backoffice/support/chats/${chat.id}/take`).set(t.bearer(tech.accessToken)).expect(200);
    expect((await t.http.post(`/api/v1/backoffice/support/chats/${chat.id}/take`).set(t.bearer(other.accessToken)).expect(409)).body.code).toBe('chat_taken');
    expect((await t.http.post(`/api/v1/backoffice/support/chats/${chat.id}/messages`).set(t.bearer(other.accessToken)).send({ text: 'я' }).expect(409)).body.code).toBe('chat_taken');
    const mine = await t.http.get('/api/v1/backoffice/support/chats?status=mine').set(t.bearer(tech.accessToken)).expect(200);
    expect(mine.body.items.map((c: { id: string }) => c.id)).toContain(chat.id);
    const taken = await t.http.post(`/api/v1/backoffice/support/chats/${chat.id}/take`).set(t.bearer(admin.accessToken)).expect(200);
    expect(taken.body.operatorId).toBe(admin.id);
  });

  it('when an operator (not an admin) sets queue rules, then 403 and nothing changes', async () => {
    const res = await t.http.put(`/api/v1/backoffice/support/operators/${money.id}/topics`).set(t.bearer(tech.accessToken)).send({ topics: ['technical'] }).expect(403);
    expect(res.body.code).toBe('forbidden');
    const list = (await t.http.get('/api/v1/backoffice/support/operators').set(t.bearer(tech.accessToken)).expect(200)).body.items;
    expect(list.find((o: { id: string }) => o.id === money.id).topics).toEqual(['financial']);
  });

  describe('a visitor of the public site', () => {
    const ip = (n: number) => ({ 'X-Forwarded-For': `203.0.113.${n}` });

    it('when a visitor opens a chat with a name and phone, then the token reads and writes it; without it 404; the operator answers and the visitor sees it', async () => {
      const res = await t.http.post('/api/v1/support/visitor/chats').set(ip(1)).send({ name: 'Мария', phone: '8 921 555-12-34', topic: 'connection', text: 'Можно подключить интернет на Садовой?' }).expect(201);
      const { chat, token } = res.body;
      expect(token).toMatch(/^[\w-]{40,}$/);
      expect(await t.query('SELECT customer_id, visitor_name, visitor_phone, visitor_token_hash <> $2 AS hashed FROM support_chats WHERE id = $1', [chat.id, token])).toEqual([
        { customer_id: null, visitor_name: 'Мария', visitor_phone: '+79215551234', hashed: true },
      ]);
      await t.http.get(`/api/v1/support/visitor/chats/${chat.id}`).expect(404);
      await t.http.get(`/api/v1/support/visitor/chats/${chat.id}`).set('X-Support-Token', `${token}x`).expect(404);
      // A customer cannot read it as theirs either.
      await t.http.get(`/api/v1/support/chats/${chat.id}`).set(t.bearer(ivan.token)).expect(404);

      const conn = await t.createStaff('operator');
      await topics(conn, ['connection']).expect(200);
      const queue = (await t.http.get('/api/v1/backoffice/support/chats').set(t.bearer(conn.accessToken)).expect(200)).body.items;
      expect(queue.find((c: { id: string }) => c.id === chat.id)).toMatchObject({ requesterName: 'Мария', requesterPhone: '+79215551234', customerId: null });

      const stream = openStream(`${nodeB.url}/api/v1/support/visitor/chats/${chat.id}/events`, { 'X-Support-Token': token });
      await stream.until(1);
      await t.http.post(`/api/v1/backoffice/support/chats/${chat.id}/messages`).set(t.bearer(conn.accessToken)).send({ text: 'Да, дом подключён' }).expect(201);
      expect((await stream.until(3))[2].data.text).toBe('Да, дом подключён');
      stream.close();
      await t.http.post(`/api/v1/support/visitor/chats/${chat.id}/messages`).set('X-Support-Token', token).send({ text: 'Спасибо' }).expect(201);
      await t.http.post(`/api/v1/support/visitor/chats/${chat.id}/close`).set('X-Support-Token', token).send({ rating: 4 }).expect(200);
      expect(await t.lastMessage('+79215551234')).toMatchObject({ body: expect.stringContaining('Ответ поддержки') });
    });

    it('when the same address opens another chat within the hour, then a captcha is asked for (428) and nothing is stored until it is answered', async () => {
      const body = { name: 'Олег', phone: '+79215550000', topic: 'general', text: 'Вопрос' };
      t.clock.advanceMinutes(61);
      await t.http.post('/api/v1/support/visitor/chats').set(ip(2)).send(body).expect(201);
      const count = async () => (await t.query<{ n: number }>(`SELECT count(*)::int AS n FROM support_chats WHERE visitor_phone = '+79215550000'`))[0].n;
      const second = await t.http.post('/api/v1/support/visitor/chats').set(ip(2)).send(body).expect(428);
      expect(second.body.code).toBe('captcha_required');
      expect(await count()).toBe(1);
      const answer = await t.captchaAnswer(second.body.captcha.id);
      await t.http.post('/api/v1/support/visitor/chats').set(ip(2)).send({ ...body, captcha: { id: second.body.captcha.id, answer } }).expect(201);
      expect(await count()).toBe(2);
      const bad = await t.http.post('/api/v1/support/visitor/chats').set(ip(3)).send({ ...body, phone: '12345' }).expect(400);
      expect(bad.body.errors[0].field).toBe('phone');
    });
  });
});
