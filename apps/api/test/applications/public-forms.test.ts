import { createTestContext, type TestContext } from '../support';

describe('public application forms', () => {
  let t: TestContext;
  let megafon: string;
  let tele2: string;
  let internet: string;
  let phoneSeq = 0;
  const phone = () => `+7921666${String(++phoneSeq).padStart(4, '0')}`;
  const count = async (sql: string, params: unknown[] = []) => (await t.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n;

  beforeAll(async () => {
    t = await createTestContext();
    const rows = await t.query<{ id: string; code: string }>(`SELECT id, code FROM tariffs`);
    megafon = rows.find((r) => r.code === 'megafon-vse')!.id;
    tele2 = rows.find((r) => r.code === 'tele2-black')!.id;
    internet = rows.find((r) => r.code === 'skynet-100')!.id;
  });
  afterAll(() => t.close());
  // Each case starts in a fresh minute, so the per-address limit (10 a minute) is not what answers.
  beforeEach(() => t.clock.advanceMinutes(1));

  describe('POST /applications/mobile', () => {
    it('when the same phone applies a fourth time within 24 hours, then 429 application_limit_reached and nothing is stored; the next day it may again', async () => {
      const p = phone();
      for (let i = 0; i < 3; i++) {
        expect((await t.postPublic('/api/v1/applications/mobile', { name: 'Анна', phone: p, tariffId: megafon, consent: true })).status).toBe(201);
      }
      const fourth = await t.postPublic('/api/v1/applications/mobile', { name: 'Анна', phone: p.replace('+7', '8'), tariffId: megafon, consent: true });
      expect(fourth.status).toBe(429);
      expect(fourth.body.code).toBe('application_limit_reached');
      expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(0);
      expect(await count('applications WHERE phone = $1', [p])).toBe(3);

      t.clock.advanceMinutes(24 * 60);
      expect((await t.postPublic('/api/v1/applications/mobile', { name: 'Анна', phone: p, tariffId: megafon, consent: true })).status).toBe(201);
    });

    it('when an address submits again within the hour, then a captcha is asked for (428), a wrong answer is refused, the right one passes', async () => {
      t.clock.advanceMinutes(61); // a fresh hour: the first one is free
      const body = { name: 'Олег', phone: phone(), tariffId: megafon, consent: true };
      await t.http.post('/api/v1/applications/mobile').send(body).expect(201);

      const second = await t.http.post('/api/v1/applications/mobile').send({ ...body, phone: phone() }).expect(428);
      expect(second.body.code).toBe('captcha_required');
      expect(second.body.captcha.image).toMatch(/^data:image\/svg\+xml;base64,/);
      const wrong = await t.http.post('/api/v1/applications/mobile').send({ ...body, phone: phone(), captcha: { id: second.body.captcha.id, answer: 'zzzzz' } }).expect(428);
      expect(wrong.body.code).toBe('captcha_invalid');
      const answer = await t.captchaAnswer(wrong.body.captcha.id);
      const ok = await t.http.post('/api/v1/applications/mobile').send({ ...body, phone: phone(), captcha: { id: wrong.body.captcha.id, answer } }).expect(201);
      expect(ok.body.status).toBe('new');
      // A challenge is single-use.
      const again = await t.http.post('/api/v1/applications/mobile').send({ ...body, phone: phone(), captcha: { id: wrong.body.captcha.id, answer } }).expect(428);
      expect(again.body.code).toBe('captcha_invalid');
    });

    it.each([
      [{ name: 'Анна', phone: '12345', consent: true }, 'phone'],
      [{ name: 'Анна', consent: false }, 'consent'],
      [{ name: '', consent: true }, 'name'],
      [{ name: 'Анна', consent: true, tariffId: 'not-a-uuid' }, 'tariffId'],
      [{ name: 'Анна', consent: true, email: 'nope' }, 'email'],
      [{ name: 'Анна', consent: true, extra: 1 }, 'extra'],
    ])('when the form is %j, then 400 on %s and nothing is stored', async (over, field) => {
      const before = await count('applications');
      const res = await t.postPublic('/api/v1/applications/mobile', { phone: phone(), tariffId: megafon, ...over });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await count('applications')).toBe(before);
    });

    it('when the tariff is archived or is an internet plan, then it is refused', async () => {
      const [archived] = await t.query<{ id: string }>(`SELECT id FROM tariffs WHERE archived LIMIT 1`);
      expect((await t.postPublic('/api/v1/applications/mobile', { name: 'А', phone: phone(), tariffId: archived.id, consent: true })).body.code).toBe('tariff_archived');
      const wrongKind = await t.postPublic('/api/v1/applications/mobile', { name: 'А', phone: phone(), tariffId: internet, consent: true });
      expect(wrongKind.status).toBe(400);
      expect(wrongKind.body.errors[0].field).toBe('tariffId');
    });

    it('when a beautiful number is chosen, then it is reserved for the application; another operator’s number or a taken one is refused', async () => {
      const gold = await t.stockNumber({ operator: 'megafon', category: 'gold' });
      const res = await t.postPublic('/api/v1/applications/mobile', { name: 'Анна', phone: phone(), tariffId: megafon, numberId: gold.id, consent: true });
      expect(res.status).toBe(201);
      expect(res.body.chosenNumber).toBe(gold.msisdn);
      expect(await t.query('SELECT status, held_by FROM phone_numbers WHERE id = $1', [gold.id])).toEqual([{ status: 'reserved', held_by: `application:${res.body.number}` }]);
      const catalog = await t.http.get('/api/v1/numbers').query({ operator: 'megafon' }).expect(200);
      expect(catalog.body.items.map((n: { id: string }) => n.id)).not.toContain(gold.id);

      const taken = await t.postPublic('/api/v1/applications/mobile', { name: 'Борис', phone: phone(), tariffId: megafon, numberId: gold.id, consent: true });
      expect(taken.status).toBe(409);
      expect(taken.body.code).toBe('number_unavailable');
      const mismatch = await t.postPublic('/api/v1/applications/mobile', { name: 'Борис', phone: phone(), tariffId: tele2, numberId: (await t.stockNumber({ operator: 'megafon' })).id, consent: true });
      expect(mismatch.status).toBe(409);
      expect(mismatch.body.code).toBe('number_operator_mismatch');
    });
  });

  describe('POST /applications/internet and /callback-requests', () => {
    it('when the address has no house, then 400; when complete, then 201 and the SMS', async () => {
      const p = phone();
      const bad = await t.postPublic('/api/v1/applications/internet', { fullName: 'Петров Пётр', phone: p, address: { street: 'ул. Садовая' }, tariffId: internet, consent: true });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('address.house');
      const ok = await t.postPublic('/api/v1/applications/internet', { fullName: 'Петров Пётр', phone: p, address: { street: 'ул. Садовая', house: '10', flat: '5' }, tariffId: internet, consent: true });
      expect(ok.status).toBe(201);
      expect(ok.body.kind).toBe('internet');
      expect(await t.query('SELECT street, house, building, flat FROM applications WHERE number = $1', [ok.body.number])).toEqual([{ street: 'ул. Садовая', house: '10', building: null, flat: '5' }]);
    });

    it('when a callback is requested, then it is in the callback queue; staff set it done and the person reads it', async () => {
      const p = phone();
      const res = await t.postPublic('/api/v1/callback-requests', { phone: p, topic: 'billing', comment: 'Не пришёл платёж' });
      expect(res.status).toBe(201);
      const operator = await t.createStaff('operator');
      const queue = await t.http.get('/api/v1/backoffice/applications').query({ kind: 'callback', q: res.body.number }).set(t.bearer(operator.accessToken)).expect(200);
      expect(queue.body.items).toHaveLength(1);
      expect(queue.body.items[0]).toMatchObject({ topic: 'billing', comment: 'Не пришёл платёж', tariff: null });
      await t.http.post(`/api/v1/backoffice/applications/${queue.body.items[0].id}/status`).set(t.bearer(operator.accessToken)).send({ status: 'done', reason: 'Перезвонили' }).expect(200);
      const seen = await t.http.get('/api/v1/applications/status').query({ number: res.body.number, phone: p }).expect(200);
      expect(seen.body).toMatchObject({ status: 'done', reason: 'Перезвонили' });
    });
  });

  describe('status changes', () => {
    it('when rejected without a reason, then 400; with one, the chosen number is released, the applicant reads why, and a final status stays final', async () => {
      const operator = await t.createStaff('operator');
      const as = t.bearer(operator.accessToken);
      const p = phone();
      const gold = await t.stockNumber({ operator: 'megafon', category: 'gold' });
      const res = await t.postPublic('/api/v1/applications/mobile', { name: 'Анна', phone: p, tariffId: megafon, numberId: gold.id, consent: true });
      const [{ id }] = await t.query<{ id: string }>('SELECT id FROM applications WHERE number = $1', [res.body.number]);
      const url = `/api/v1/backoffice/applications/${id}/status`;

      expect((await t.http.post(url).set(as).send({ status: 'rejected' }).expect(400)).body.errors[0].field).toBe('reason');
      expect((await t.http.post(url).set(as).send({ status: 'done' }).expect(409)).body.code).toBe('invalid_status_transition');
      t.clock.advanceMinutes(1);
      await t.http.post(url).set(as).send({ status: 'waiting_for_customer', reason: 'Пришлите, пожалуйста, фото паспорта' }).expect(200);
      expect((await t.lastMessage(p))!.body).toBe(`Заявка ${res.body.number} ждёт вашего ответа: Пришлите, пожалуйста, фото паспорта`);
      t.clock.advanceMinutes(1);
      const rejected = await t.http.post(url).set(as).send({ status: 'rejected', reason: 'Нет технической возможности' }).expect(200);
      expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'Нет технической возможности' });
      expect(await t.query('SELECT status, held_by FROM phone_numbers WHERE id = $1', [gold.id])).toEqual([{ status: 'available', held_by: null }]);
      expect((await t.lastMessage(p))!.body).toBe(`Заявка ${res.body.number} отклонена: Нет технической возможности`);

      const tracked = await t.http.get('/api/v1/applications/status').query({ number: res.body.number, phone: p }).expect(200);
      expect(tracked.body.history.map((h: { status: string; reason: string | null }) => [h.status, h.reason])).toEqual([
        ['new', null],
        ['waiting_for_customer', 'Пришлите, пожалуйста, фото паспорта'],
        ['rejected', 'Нет технической возможности'],
      ]);
      for (const h of tracked.body.history) expect(Date.parse(h.at)).not.toBeNaN();
      expect((await t.http.post(url).set(as).send({ status: 'in_progress' }).expect(409)).body.code).toBe('invalid_status_transition');
      expect((await t.http.post(`/api/v1/backoffice/applications/${id}/process`).set(as).send({ iccid: '8970199250000016666' }).expect(409)).body.code).toBe('invalid_status_transition');
      expect(await count(`audit_log WHERE action = 'application_status_changed' AND actor_id = $1`, [operator.id])).toBe(2);
    });

    it('when the queue is filtered and paged, then it answers newest first and the cursor continues it', async () => {
      const operator = await t.createStaff('operator');
      const as = t.bearer(operator.accessToken);
      const page1 = await t.http.get('/api/v1/backoffice/applications').query({ limit: 2 }).set(as).expect(200);
      expect(page1.body.items).toHaveLength(2);
      const page2 = await t.http.get('/api/v1/backoffice/applications').query({ limit: 2, cursor: page1.body.nextCursor }).set(as).expect(200);
      const all = await t.http.get('/api/v1/backoffice/applications').query({ limit: 200 }).set(as).expect(200);
      expect([...page1.body.items, ...page2.body.items].map((a: { id: string }) => a.id)).toEqual(all.body.items.slice(0, 4).map((a: { id: string }) => a.id));
      const times = all.body.items.map((a: { createdAt: string }) => a.createdAt);
      expect([...times].sort().reverse()).toEqual(times);
      const byName = await t.http.get('/api/v1/backoffice/applications').query({ q: 'Петров' }).set(as).expect(200);
      expect(byName.body.items.every((a: { name: string }) => a.name.includes('Петров'))).toBe(true);
      expect(byName.body.items.length).toBeGreaterThan(0);
    });
  });
});
