import { createTestContext, type TestContext } from '../support';

describe('catalog editing (admin)', () => {
  let t: TestContext;
  let admin: Awaited<ReturnType<TestContext['createStaff']>>;

  beforeAll(async () => {
    t = await createTestContext();
    admin = await t.createStaff('admin');
  });
  afterAll(() => t.close());

  it('when a tariff is added, changed, archived and restored, then the public catalog follows, lines on it keep it, and every step is audited with before/after', async () => {
    const as = t.bearer(admin.accessToken);
    const created = await t.http
      .post('/api/v1/backoffice/tariffs')
      .set(as)
      .send({
        code: 'mts-nash',
        kind: 'mobile',
        provider: 'mts',
        name: 'Наш',
        monthlyFee: { amount: 45000, currency: 'RUB' },
        packages: { minutes: 600, sms: 100, mb: 20480 },
        overage: { minute: { amount: 250, currency: 'RUB' }, sms: { amount: 250, currency: 'RUB' }, mb: { amount: 100, currency: 'RUB' } },
      })
      .expect(201);
    expect(created.body).toMatchObject({ code: 'mts-nash', packages: { minutes: 600, sms: 100, mb: 20480 }, archived: false, speedMbps: null });
    expect((await t.http.get('/api/v1/tariffs').query({ provider: 'mts' }).expect(200)).body.items.map((x: { code: string }) => x.code)).toContain('mts-nash');
    const dup = await t.http.post('/api/v1/backoffice/tariffs').set(as).send({ code: 'mts-nash', kind: 'internet', provider: 'skynet', name: 'x', monthlyFee: { amount: 1, currency: 'RUB' }, speedMbps: 10 }).expect(409);
    expect(dup.body.code).toBe('code_taken');
    expect((await t.http.post('/api/v1/backoffice/tariffs').set(as).send({ code: 'skynet-x', kind: 'internet', provider: 'skynet', name: 'x', monthlyFee: { amount: 1, currency: 'RUB' } }).expect(400)).body.errors[0].field).toBe('speedMbps');

    const patched = await t.http.patch(`/api/v1/backoffice/tariffs/${created.body.id}`).set(as).send({ name: 'Наш+', monthlyFee: { amount: 49000, currency: 'RUB' } }).expect(200);
    expect(patched.body).toMatchObject({ name: 'Наш+', monthlyFee: { amount: 49000 }, code: 'mts-nash' });
    expect((await t.http.patch(`/api/v1/backoffice/tariffs/${created.body.id}`).set(as).send({ code: 'other' }).expect(400)).body.errors[0].field).toBe('code');

    const c = await t.createCustomer();
    const { lineIds } = await t.openMobileAccount(c.id, { lines: [{ tariffCode: 'mts-nash' }] });
    await t.http.post(`/api/v1/backoffice/tariffs/${created.body.id}/archive`).set(as).expect(200);
    expect((await t.http.get('/api/v1/tariffs').query({ provider: 'mts' }).expect(200)).body.items.map((x: { code: string }) => x.code)).not.toContain('mts-nash');
    expect(await t.query('SELECT tariff_id FROM mobile_lines WHERE id = $1', [lineIds[0]])).toEqual([{ tariff_id: created.body.id }]);
    const apply = await t.postPublic('/api/v1/applications/mobile', { name: 'А', phone: '+79215559999', tariffId: created.body.id, consent: true });
    expect(apply.body.code).toBe('tariff_archived');
    expect((await t.http.post(`/api/v1/backoffice/tariffs/${created.body.id}/archive`).set(as).expect(409)).body.code).toBe('conflict');
    await t.http.post(`/api/v1/backoffice/tariffs/${created.body.id}/restore`).set(as).expect(200);
    expect((await t.http.get('/api/v1/backoffice/tariffs').set(as).expect(200)).body.items.find((x: { id: string }) => x.id === created.body.id).archived).toBe(false);

    const audit = await t.query<{ action: string; details: { before?: { name?: string; archived?: boolean }; after: { name?: string; archived?: boolean } } }>(
      `SELECT action, details FROM audit_log WHERE actor_id = $1 AND action LIKE 'catalog_tariff_%' ORDER BY id`,
      [admin.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['catalog_tariff_created', 'catalog_tariff_updated', 'catalog_tariff_archived', 'catalog_tariff_restored']);
    expect([audit[1].details.before?.name, audit[1].details.after.name]).toEqual(['Наш', 'Наш+']);
    // No route deletes a tariff.
    await t.http.delete(`/api/v1/backoffice/tariffs/${created.body.id}`).set(as).expect(404);
  });

  it('when an option is added for tariffs and archived, then it fits those tariffs and leaves the options catalog', async () => {
    const as = t.bearer(admin.accessToken);
    const [vse] = await t.query<{ id: string }>(`SELECT id FROM tariffs WHERE code = 'megafon-vse'`);
    const [home] = await t.query<{ id: string }>(`SELECT id FROM tariffs WHERE code = 'skynet-100'`);
    const bad = await t.http.post('/api/v1/backoffice/tariff-options').set(as).send({ code: 'megafon-x', kind: 'mobile', provider: 'megafon', name: 'X', monthlyFee: { amount: 100, currency: 'RUB' }, tariffIds: [home.id] }).expect(400);
    expect(bad.body.errors[0].field).toBe('tariffIds');
    const created = await t.http
      .post('/api/v1/backoffice/tariff-options')
      .set(as)
      .send({ code: 'megafon-night', kind: 'mobile', provider: 'megafon', name: 'Ночной безлимит', monthlyFee: { amount: 9900, currency: 'RUB' }, adds: { minutes: 0, sms: 0, mb: 5120 }, tariffIds: [vse.id] })
      .expect(201);
    expect(created.body).toMatchObject({ code: 'megafon-night', tariffIds: [vse.id], archived: false, adds: { mb: 5120 } });
    expect((await t.http.get('/api/v1/tariff-options').query({ tariffId: vse.id }).expect(200)).body.items.map((o: { code: string }) => o.code)).toContain('megafon-night');
    await t.http.post(`/api/v1/backoffice/tariff-options/${created.body.id}/archive`).set(as).expect(200);
    expect((await t.http.get('/api/v1/tariff-options').query({ tariffId: vse.id }).expect(200)).body.items.map((o: { code: string }) => o.code)).not.toContain('megafon-night');
    const staffList = await t.http.get('/api/v1/backoffice/tariff-options').set(as).expect(200);
    expect(staffList.body.items.find((o: { id: string }) => o.id === created.body.id).archived).toBe(true);
  });
});
