import { createTestContext, type TestContext } from '../support';

describe('the public tariff catalog', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('when anyone asks without signing in, then mobile tariffs of every operator and internet plans are listed, archived ones not', async () => {
    const res = await t.http.get('/api/v1/tariffs').expect(200);
    const codes = res.body.items.map((x: { code: string }) => x.code);
    expect(codes).toEqual(expect.arrayContaining(['megafon-vse', 'beeline-up', 'mts-moy', 'tele2-black', 'skynet-500']));
    expect(codes).not.toContain('megafon-archive-2019');
    const vse = res.body.items.find((x: { code: string }) => x.code === 'megafon-vse');
    expect(vse).toMatchObject({ kind: 'mobile', provider: 'megafon', monthlyFee: { amount: 65000, currency: 'RUB' }, packages: { minutes: 1500, sms: 500, mb: 40960 }, speedMbps: null });
    const net = res.body.items.find((x: { code: string }) => x.code === 'skynet-500');
    expect(net).toMatchObject({ kind: 'internet', speedMbps: 500, packages: null, overage: null });
  });

  it('when filtered by kind and operator, then only those come back; a bad filter is 400', async () => {
    const internet = await t.http.get('/api/v1/tariffs?kind=internet').expect(200);
    expect(internet.body.items.every((x: { kind: string }) => x.kind === 'internet')).toBe(true);
    const mts = await t.http.get('/api/v1/tariffs?provider=mts').expect(200);
    expect(mts.body.items.map((x: { code: string }) => x.code)).toEqual(['mts-moy']);
    expect((await t.http.get('/api/v1/tariffs?kind=satellite').expect(400)).body.errors[0].field).toBe('kind');
  });

  it('when one tariff is asked for, then it comes back; an unknown id is 404', async () => {
    const list = await t.http.get('/api/v1/tariffs?provider=tele2').expect(200);
    const id = list.body.items[0].id;
    expect((await t.http.get(`/api/v1/tariffs/${id}`).expect(200)).body.code).toBe('tele2-black');
    await t.http.get('/api/v1/tariffs/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('when options for a tariff are asked for, then only those that fit it come back', async () => {
    const [vse] = (await t.http.get('/api/v1/tariffs?provider=megafon').expect(200)).body.items.filter((x: { code: string }) => x.code === 'megafon-vse');
    const res = await t.http.get(`/api/v1/tariff-options?tariffId=${vse.id}`).expect(200);
    expect(res.body.items.map((o: { code: string }) => o.code).sort()).toEqual(['megafon-minutes-300', 'megafon-plus-10gb']);
    expect(res.body.items[0].tariffIds).toContain(vse.id);
  });
});
