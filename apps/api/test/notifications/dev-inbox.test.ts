import { createTestContext, type TestContext } from '../support';

describe('GET /api/v1/dev/outbox (the dev inbox)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('when codes were "sent", then the inbox lists them newest first, filters by phone in any form, and pages with a cursor', async () => {
    const a = await t.createCustomer();
    const b = await t.createCustomer();
    await t.http.post('/api/v1/auth/password-reset').send({ login: a.phone }).expect(202);
    t.clock.advance(1000);
    await t.http.post('/api/v1/auth/password-reset').send({ login: b.phone }).expect(202);

    const all = await t.http.get('/api/v1/dev/outbox').expect(200);
    expect(all.body.items.map((m: { to: string }) => m.to)).toEqual([b.phone, a.phone]);
    expect(all.body.items[0]).toMatchObject({ channel: 'sms', status: 'sent', body: expect.stringMatching(/\d{6}/) });

    const typed = `8${a.phone.slice(2)}`;
    const onlyA = await t.http.get('/api/v1/dev/outbox').query({ to: typed }).expect(200);
    expect(onlyA.body.items).toHaveLength(1);
    expect(onlyA.body.items[0].to).toBe(a.phone);

    const page1 = await t.http.get('/api/v1/dev/outbox?limit=1').expect(200);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await t.http.get(`/api/v1/dev/outbox?limit=1&cursor=${page1.body.nextCursor}`).expect(200);
    expect(page2.body.items[0].to).toBe(a.phone);
    expect(page2.body.nextCursor).toBeNull();
    expect((await t.http.get('/api/v1/dev/outbox?limit=0').expect(400)).body.errors[0].field).toBe('limit');
  });
});

describe('the dev inbox in production', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ env: { NODE_ENV: 'production' } });
  });
  afterAll(() => t.close());

  it('when the product runs in production, then the inbox route does not exist', async () => {
    expect((await t.http.get('/api/v1/dev/outbox').expect(404)).body.code).toBe('not_found');
    const doc = (await t.http.get('/api/v1/openapi.json').expect(200)).body;
    expect(doc.paths['/dev/outbox']).toBeUndefined();
  });
});
