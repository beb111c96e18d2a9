import { randomUUID } from 'node:crypto';
import { createTestContext, type TestContext } from '../support';
import { seedSupport } from '../../src/modules/support';

describe('FAQ', () => {
  let t: TestContext;
  let admin: { accessToken: string };
  let operator: { accessToken: string };
  const search = async (q: string) => (await t.http.get('/api/v1/faq/search').query({ q }).expect(200)).body.items as { question: string; snippet: string; id: string }[];
  const passwordQuestion = async () => (await t.query<{ id: string }>(`SELECT id FROM faq_questions WHERE question LIKE 'Как восстановить пароль%'`))[0].id;

  beforeAll(async () => {
    t = await createTestContext();
    await t.ds.transaction((em) => seedSupport(em, t.clock));
    admin = await t.createStaff('admin');
    operator = await t.createStaff('operator');
  });
  afterAll(() => t.close());

  describe('GET /faq/search', () => {
    it('when searching «пароля», then the question about «пароль» is found (Russian stemming), first', async () => {
      const found = await search('пароля');
      expect(found[0].question).toBe('Как восстановить пароль от личного кабинета?');
      expect(found.map((f) => f.question)).toContain('Как поменять пароль от Wi-Fi?');
      expect(found[0].snippet).toMatch(/«пароль»/);
    });

    it('when searching other forms («восстановлению паролей», «оплатить картой»), then they match too; nonsense finds nothing', async () => {
      expect((await search('восстановлению паролей'))[0].question).toBe('Как восстановить пароль от личного кабинета?');
      expect((await search('картой')).map((f) => f.question)).toContain('Как пополнить баланс банковской картой?');
      expect(await search('абракадабра')).toEqual([]);
    });

    it('when the query is empty, too long or odd (quotes, minus, brackets), then 400 or results, never 500', async () => {
      await t.http.get('/api/v1/faq/search').expect(400);
      await t.http.get('/api/v1/faq/search').query({ q: 'я'.repeat(201) }).expect(400);
      for (const q of ['"пароль', '-пароль', '(( & | !', "пароль' OR 1=1 --"]) await t.http.get('/api/v1/faq/search').query({ q }).expect(200);
    });

    it('when a question is unpublished, then search and the list leave it out; the admin list keeps it', async () => {
      const id = await passwordQuestion();
      await t.http.patch(`/api/v1/backoffice/faq/questions/${id}`).set(t.bearer(admin.accessToken)).send({ published: false }).expect(200);
      expect((await search('пароля')).map((f) => f.id)).not.toContain(id);
      const list = (await t.http.get('/api/v1/faq').expect(200)).body.items.flatMap((c: { questions: { id: string }[] }) => c.questions.map((q) => q.id));
      expect(list).not.toContain(id);
      const all = (await t.http.get('/api/v1/backoffice/faq').set(t.bearer(admin.accessToken)).expect(200)).body.items.flatMap((c: { questions: { id: string }[] }) => c.questions.map((q) => q.id));
      expect(all).toContain(id);
      await t.http.patch(`/api/v1/backoffice/faq/questions/${id}`).set(t.bearer(admin.accessToken)).send({ published: true }).expect(200);
    });
  });

  describe('“was this helpful” votes', () => {
    it('when a visitor votes twice, then it counts once; changing the vote moves it; another visitor adds one', async () => {
      const id = await passwordQuestion();
      const visitor = randomUUID();
      const vote = (helpful: boolean, visitorId = visitor) => t.http.post(`/api/v1/faq/questions/${id}/votes`).send({ helpful, visitorId }).expect(200);
      expect((await vote(true)).body).toMatchObject({ helpfulYes: 1, helpfulNo: 0 });
      expect((await vote(true)).body).toMatchObject({ helpfulYes: 1, helpfulNo: 0 });
      expect((await vote(false)).body).toMatchObject({ helpfulYes: 0, helpfulNo: 1 });
      expect((await vote(true, randomUUID())).body).toMatchObject({ helpfulYes: 1, helpfulNo: 1 });
      expect(await t.query('SELECT count(*)::int AS n FROM faq_votes WHERE question_id = $1', [id])).toEqual([{ n: 2 }]);
    });

    it('when a customer votes twice, then it counts once; a vote without a visitor id or for a missing question is refused', async () => {
      const id = await passwordQuestion();
      const c = await t.createCustomer({ password: 'faq-pass-123' });
      const token = (await t.signIn(c.phone, 'faq-pass-123')).accessToken;
      const before = (await t.query<{ y: number }>('SELECT helpful_yes AS y FROM faq_questions WHERE id = $1', [id]))[0].y;
      await t.http.post(`/api/v1/support/faq/questions/${id}/votes`).set(t.bearer(token)).send({ helpful: true }).expect(200);
      const again = await t.http.post(`/api/v1/support/faq/questions/${id}/votes`).set(t.bearer(token)).send({ helpful: true }).expect(200);
      expect(again.body.helpfulYes).toBe(before + 1);
      await t.http.post(`/api/v1/faq/questions/${id}/votes`).send({ helpful: true }).expect(400);
      await t.http.post(`/api/v1/faq/questions/${randomUUID()}/votes`).send({ helpful: true, visitorId: randomUUID() }).expect(404);
    });
  });

  describe('editing (admins)', () => {
    it('when an admin adds a category and a question, then it is listed and found by search; an operator gets 403 and nothing changes', async () => {
      const cat = await t.http.post('/api/v1/backoffice/faq/categories').set(t.bearer(admin.accessToken)).send({ slug: 'mobile', title: 'Мобильная связь', position: 50 }).expect(201);
      const q = await t.http
        .post('/api/v1/backoffice/faq/questions')
        .set(t.bearer(admin.accessToken))
        .send({ categoryId: cat.body.id, question: 'Как подключить роуминг?', answer: 'Роуминг включается в разделе «Опции» номера.' })
        .expect(201);
      expect((await search('роуминга'))[0].id).toBe(q.body.id);
      expect((await t.http.get('/api/v1/faq').expect(200)).body.items.map((c: { slug: string }) => c.slug)).toContain('mobile');

      const count = async () => (await t.query<{ n: number }>('SELECT count(*)::int AS n FROM faq_questions'))[0].n;
      const n = await count();
      const refused = await t.http.post('/api/v1/backoffice/faq/questions').set(t.bearer(operator.accessToken)).send({ categoryId: cat.body.id, question: 'x', answer: 'y' }).expect(403);
      expect(refused.body.code).toBe('forbidden');
      await t.http.delete(`/api/v1/backoffice/faq/questions/${q.body.id}`).set(t.bearer(operator.accessToken)).expect(403);
      expect(await count()).toBe(n);

      // A category with questions stays; an empty one goes.
      expect((await t.http.delete(`/api/v1/backoffice/faq/categories/${cat.body.id}`).set(t.bearer(admin.accessToken)).expect(409)).body.code).toBe('conflict');
      await t.http.delete(`/api/v1/backoffice/faq/questions/${q.body.id}`).set(t.bearer(admin.accessToken)).expect(204);
      await t.http.delete(`/api/v1/backoffice/faq/categories/${cat.body.id}`).set(t.bearer(admin.accessToken)).expect(204);
      expect(await search('роуминга')).toEqual([]);
    });

    it('when the search index is asked how it finds, then it is the GIN index on the russian tsvector', async () => {
      const [idx] = await t.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE indexname = 'faq_questions_search'`);
      expect(idx.indexdef).toMatch(/USING gin \(search\)/);
      const [col] = await t.query<{ expr: string }>(`SELECT pg_get_expr(d.adbin, d.adrelid) AS expr FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE a.attname = 'search' AND d.adrelid = 'faq_questions'::regclass`);
      expect(col.expr).toContain("'russian'::regconfig");
    });
  });
});
