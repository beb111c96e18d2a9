import { randomUUID } from 'node:crypto';
import { bannerPng } from '../../src/modules/news/seed';
import { createTestContext, type TestContext } from '../support';

const png = () => bannerPng([10, 20, 30], [200, 100, 50], 16, 8).toString('base64');

describe('news and promotions', () => {
  let t: TestContext;
  let admin: { accessToken: string };
  beforeAll(async () => {
    t = await createTestContext();
  });
  // A fresh sign-in per test: the clock moves hours, beyond an access token's life.
  beforeEach(async () => {
    admin = await t.createStaff('admin');
  });
  afterAll(() => t.close());

  const write = (body: Record<string, unknown>, token = admin.accessToken) =>
    t.http.post('/api/v1/backoffice/news').set(t.bearer(token)).set('Idempotency-Key', randomUUID()).send(body);

  describe('POST /backoffice/news (scheduling)', () => {
    it('when an admin schedules an item for later, then the public sees nothing until the clock reaches it, then the item and its picture; archived, it is gone', async () => {
      const at = new Date(t.clock.now().getTime() + 2 * 3600_000).toISOString();
      const created = await write({ kind: 'news', slug: 'scheduled-one', title: 'Новость по расписанию', summary: 'Коротко', body: 'Текст', publishedAt: at, image: { contentType: 'image/png', data: png(), alt: 'Баннер' } }).expect(201);
      expect(created.body).toMatchObject({ state: 'scheduled', scheduledAt: at });

      expect((await t.http.get('/api/v1/news').expect(200)).body.items.map((i: { slug: string }) => i.slug)).not.toContain('scheduled-one');
      await t.http.get('/api/v1/news/scheduled-one').expect(404);
      await t.http.get('/api/v1/news/scheduled-one/image').expect(404);

      t.clock.advanceMinutes(121);
      admin = await t.createStaff('admin');
      const list = await t.http.get('/api/v1/news').expect(200);
      expect(list.body.items[0]).toMatchObject({ slug: 'scheduled-one', title: 'Новость по расписанию', imageAlt: 'Баннер', publishedAt: at });
      const detail = await t.http.get('/api/v1/news/scheduled-one').expect(200);
      const img = await t.http.get(detail.body.imageUrl).buffer(true).expect(200);
      expect(img.headers['content-type']).toBe('image/png');
      expect(Buffer.from(img.body).equals(Buffer.from(png(), 'base64'))).toBe(true);

      const archived = await t.http.post(`/api/v1/backoffice/news/${created.body.id}/archive`).set(t.bearer(admin.accessToken)).expect(200);
      expect(archived.body.state).toBe('archived');
      await t.http.get('/api/v1/news/scheduled-one').expect(404);
      expect((await t.http.get('/api/v1/backoffice/news').set(t.bearer(admin.accessToken)).expect(200)).body.items.find((i: { slug: string }) => i.slug === 'scheduled-one').state).toBe('archived');
    });

    it('when the picture is not what it claims (JPEG bytes sent as PNG), then 400 and nothing is stored; an operator may not write at all', async () => {
      const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]).toString('base64');
      const res = await write({ kind: 'news', slug: 'fake-png', title: 'Т', summary: 'С', body: 'Б', image: { contentType: 'image/png', data: jpeg, alt: 'x' } }).expect(400);
      expect(res.body.errors[0]).toMatchObject({ field: 'image.data', code: 'imageType' });
      const operator = await t.createStaff('operator');
      expect((await write({ kind: 'news', slug: 'by-operator', title: 'Т', summary: 'С', body: 'Б' }, operator.accessToken).expect(403)).body.code).toBe('forbidden');
      expect(await t.query(`SELECT id FROM news_items WHERE slug IN ('fake-png', 'by-operator')`)).toEqual([]);
    });
  });

  describe('POST /me/promotions/:id/join', () => {
    it('when a customer joins a promotion twice, then the join is recorded once with the first date, shown on the promotions list and in the notification centre', async () => {
      const promo = await write({ kind: 'promotion', slug: 'join-me', title: 'Акция', summary: 'Вступайте', body: 'Условия', publishedAt: t.clock.now().toISOString() }).expect(201);
      const c = await t.createCustomer();
      const { accessToken } = await t.signIn(c.phone, c.password);
      const first = await t.http.post(`/api/v1/me/promotions/${promo.body.id}/join`).set(t.bearer(accessToken)).expect(200);
      expect(first.body).toMatchObject({ promotionId: promo.body.id, created: true });
      t.clock.advanceMinutes(5);
      const again = await t.http.post(`/api/v1/me/promotions/${promo.body.id}/join`).set(t.bearer(accessToken)).expect(200);
      expect(again.body).toEqual({ ...first.body, created: false });
      expect(await t.query('SELECT customer_id FROM promotion_participants WHERE promotion_id = $1', [promo.body.id])).toEqual([{ customer_id: c.id }]);

      const mine = await t.http.get('/api/v1/me/promotions').set(t.bearer(accessToken)).expect(200);
      expect(mine.body.items.find((p: { id: string }) => p.id === promo.body.id)).toMatchObject({ joinedAt: first.body.joinedAt, open: true });
      const centre = await t.http.get('/api/v1/me/notifications').set(t.bearer(accessToken)).expect(200);
      expect(centre.body.items.filter((n: { type: string }) => n.type === 'promotion.joined')).toHaveLength(1);
      expect((await t.http.get(`/api/v1/backoffice/news/${promo.body.id}`).set(t.bearer(admin.accessToken)).expect(200)).body.participants).toBe(1);
    });

    it('when a promotion has ended or is not published yet, then 409 / 404 and no join is written', async () => {
      const now = t.clock.now().getTime();
      const ended = await write({ kind: 'promotion', slug: 'ended', title: 'Прошла', summary: 'С', body: 'Б', publishedAt: new Date(now - 10 * 86400_000).toISOString(), startsAt: new Date(now - 10 * 86400_000).toISOString(), endsAt: new Date(now - 86400_000).toISOString() }).expect(201);
      const draft = await write({ kind: 'promotion', slug: 'draft-promo', title: 'Черновик', summary: 'С', body: 'Б' }).expect(201);
      expect(draft.body.state).toBe('draft');
      const c = await t.createCustomer();
      const { accessToken } = await t.signIn(c.phone, c.password);
      expect((await t.http.post(`/api/v1/me/promotions/${ended.body.id}/join`).set(t.bearer(accessToken)).expect(409)).body.code).toBe('promotion_closed');
      await t.http.post(`/api/v1/me/promotions/${draft.body.id}/join`).set(t.bearer(accessToken)).expect(404);
      expect(await t.query('SELECT * FROM promotion_participants WHERE customer_id = $1', [c.id])).toEqual([]);
    });
  });
});
