import { randomUUID } from 'node:crypto';
import { createTestContext, type TestContext } from '../support';

const tokenIn = (body: string) => /token=([A-Za-z0-9_-]{43})/.exec(body)?.[1] ?? '';

describe('the newsletter', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const subscribe = async (email: string) => {
    await t.http.post('/api/v1/newsletter/subscriptions').send({ email }).expect(202);
    const mail = await t.lastMessage(email);
    await t.http.post('/api/v1/newsletter/confirm').send({ token: tokenIn(mail!.body) }).expect(200);
  };
  const status = async (email: string) => (await t.query<{ status: string }>('SELECT status FROM newsletter_subscriptions WHERE email = $1', [email]))[0]?.status;

  it('when someone subscribes, then only the link from the e-mail confirms the address (double opt-in), once', async () => {
    const res = await t.http.post('/api/v1/newsletter/subscriptions').send({ email: 'Anna@Example.RU' }).expect(202);
    expect(res.body).toEqual({ email: 'anna@example.ru', status: 'pending' });
    expect(await status('anna@example.ru')).toBe('pending');
    const mail = await t.lastMessage('anna@example.ru');
    const token = tokenIn(mail!.body);
    expect(mail!.body).toContain(`${t.config.publicUrl}/newsletter/confirm?token=`);

    expect((await t.http.post('/api/v1/newsletter/confirm').send({ token: 'x'.repeat(43) }).expect(400)).body.code).toBe('newsletter_token_invalid');
    expect(await status('anna@example.ru')).toBe('pending');
    expect((await t.http.post('/api/v1/newsletter/confirm').send({ token }).expect(200)).body).toEqual({ email: 'anna@example.ru', status: 'confirmed' });
    expect(await status('anna@example.ru')).toBe('confirmed');
    await t.http.post('/api/v1/newsletter/confirm').send({ token }).expect(400);
  });

  it('when an issue goes out, then it carries RFC 8058 headers; the one-click POST works without login and only for its own address', async () => {
    await subscribe('boris@example.ru');
    await subscribe('vera@example.ru');
    const admin = await t.createStaff('admin');
    const item = await t.http
      .post('/api/v1/backoffice/news')
      .set(t.bearer(admin.accessToken))
      .set('Idempotency-Key', randomUUID())
      .send({ kind: 'news', slug: 'issue-1', title: 'Выпуск 1', summary: 'Кратко', body: 'Текст', publishedAt: t.clock.now().toISOString() })
      .expect(201);
    const sent = await t.http.post(`/api/v1/backoffice/news/${item.body.id}/newsletter`).set(t.bearer(admin.accessToken)).set('Idempotency-Key', randomUUID()).expect(200);
    expect(sent.body.queued).toBeGreaterThanOrEqual(2);
    const [row] = await t.query<{ headers: Record<string, string>; status: string }>(`SELECT headers, status FROM notification_outbox WHERE recipient = 'boris@example.ru' AND subject = 'Выпуск 1'`);
    expect(row.status).toBe('sent');
    expect(row.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const url = new URL(/^<(.+)>$/.exec(row.headers['List-Unsubscribe'])![1]);
    expect(url.pathname).toBe('/api/v1/newsletter/unsubscribe');
    expect(url.searchParams.get('email')).toBe('boris@example.ru');

    // Boris's token on Vera's address: refused, Vera stays subscribed.
    const forVera = `/api/v1/newsletter/unsubscribe?email=vera%40example.ru&token=${url.searchParams.get('token')}`;
    expect((await t.http.post(forVera).type('form').send('List-Unsubscribe=One-Click').expect(400)).body.code).toBe('newsletter_token_invalid');
    expect(await status('vera@example.ru')).toBe('confirmed');

    // The mail client's one-click POST (a form body, no session).
    const res = await t.http.post(`${url.pathname}${url.search}`).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect(res.body).toEqual({ email: 'boris@example.ru', status: 'unsubscribed' });
    expect(await status('boris@example.ru')).toBe('unsubscribed');
    expect(await status('vera@example.ru')).toBe('confirmed');
    // Twice: the same answer (the SPA's page POSTs with no body).
    await t.http.post(`${url.pathname}${url.search}`).expect(200);

    const next = await t.http.post(`/api/v1/backoffice/news/${item.body.id}/newsletter`).set(t.bearer(admin.accessToken)).set('Idempotency-Key', randomUUID()).expect(200);
    expect(next.body.queued).toBe(sent.body.queued - 1);
  });
});
