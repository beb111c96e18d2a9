import { createTestContext, type TestContext } from '../support';

describe('offices, documents, help videos and the about page (public)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('when anyone lists the offices, then each has its address, week of hours, coordinates and map links', async () => {
    const res = await t.http.get('/api/v1/offices').expect(200);
    expect(res.body.items.length).toBeGreaterThanOrEqual(5);
    const nevsky = res.body.items.find((o: { code: string }) => o.code === 'spb-nevsky');
    expect(nevsky).toMatchObject({ kind: 'office', city: 'Санкт-Петербург', address: 'Невский пр., д. 28', latitude: 59.935602, longitude: 30.325908, simPickup: true });
    expect(nevsky.hours).toHaveLength(7);
    expect(nevsky.hours[0]).toEqual({ day: 'mon', opens: '09:00', closes: '21:00' });
    expect(nevsky.maps.google).toBe('https://www.google.com/maps/search/?api=1&query=59.935602,30.325908');
    expect(nevsky.maps.yandex).toMatch(/^https:\/\/yandex\.ru\/maps\/\?pt=30\.325908,59\.935602&z=17/);
    const moskovsky = res.body.items.find((o: { code: string }) => o.code === 'spb-moskovsky');
    expect(moskovsky.hours[6]).toEqual({ day: 'sun', opens: null, closes: null });

    const one = await t.http.get(`/api/v1/offices/${nevsky.id}`).expect(200);
    expect(one.body).toEqual(nevsky);
    await t.http.get('/api/v1/offices/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('when filtered by city, kind or SIM pick-up, then only those come back; a bad filter is a 400', async () => {
    const msk = (await t.http.get('/api/v1/offices').query({ city: 'Москва' }).expect(200)).body.items;
    expect(msk.map((o: { code: string }) => o.code)).toEqual(['msk-tverskaya']);
    const pickup = (await t.http.get('/api/v1/offices').query({ kind: 'pickup' }).expect(200)).body.items;
    expect(pickup.every((o: { kind: string }) => o.kind === 'pickup')).toBe(true);
    const sim = (await t.http.get('/api/v1/offices').query({ simPickup: 'true' }).expect(200)).body.items;
    expect(sim.map((o: { code: string }) => o.code)).not.toContain('spb-pickup-prosvescheniya');
    expect(sim.every((o: { simPickup: boolean }) => o.simPickup)).toBe(true);
    expect((await t.http.get('/api/v1/offices').query({ kind: 'warehouse' }).expect(400)).body.errors[0].field).toBe('kind');
  });

  it('when the documents are read, then each shows its version in force, and a consent’s version stays readable after a new one', async () => {
    const list = (await t.http.get('/api/v1/documents').expect(200)).body.items;
    expect(list.slice(0, 2).map((d: { code: string; version: string }) => [d.code, d.version])).toEqual([['terms', 'terms-2026-11'], ['privacy', 'privacy-2026-11']]);
    // The loan consents a borrower ticks are documents under the same versions.
    expect(list).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'loan-personal-data', version: 'pd-2026-11' })]));

    // A new personal-data policy takes effect next week: until then the old one is in force.
    await t.query(`INSERT INTO legal_documents (code, version, title, body, effective_from) VALUES ('privacy', 'privacy-2026-12', 'Политика обработки персональных данных', 'Новая редакция.', $1)`, [new Date(t.clock.now().getTime() + 7 * 86_400_000)]);
    expect((await t.http.get('/api/v1/documents/privacy').expect(200)).body).toMatchObject({ version: 'privacy-2026-11', versions: [{ version: 'privacy-2026-11' }] });
    await t.http.get('/api/v1/documents/privacy/versions/privacy-2026-12').expect(404);

    t.clock.advanceMinutes(8 * 24 * 60);
    const now = (await t.http.get('/api/v1/documents/privacy').expect(200)).body;
    expect(now).toMatchObject({ version: 'privacy-2026-12', body: 'Новая редакция.' });
    expect(now.versions.map((v: { version: string }) => v.version)).toEqual(['privacy-2026-12', 'privacy-2026-11']);
    const old = (await t.http.get('/api/v1/documents/privacy/versions/privacy-2026-11').expect(200)).body;
    expect(old.body).toContain('152-ФЗ');
    expect((await t.http.get('/api/v1/about').expect(200)).body.documents).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'privacy', version: 'privacy-2026-12' })]));

    await t.http.get('/api/v1/documents/nothing-like-it').expect(404);
    expect((await t.http.get('/api/v1/documents/Bad%20Code').expect(400)).body.code).toBe('validation_failed');
  });

  it('when the about page and help videos are asked for, then the version, support contacts and videos per section come back', async () => {
    const about = (await t.http.get('/api/v1/about').expect(200)).body;
    expect(about).toMatchObject({ name: 'Личный кабинет', version: t.config.version, support: { phone: '+78000000000', email: 'support@cabinet.example' } });
    const all = (await t.http.get('/api/v1/help/videos').expect(200)).body.items;
    expect(new Set(all.map((v: { section: string }) => v.section))).toEqual(new Set(['home', 'accounts', 'payments', 'tariffs', 'loans', 'bonus', 'orders', 'profile', 'speedtest']));
    const payments = (await t.http.get('/api/v1/help/videos').query({ section: 'payments' }).expect(200)).body.items;
    expect(payments.map((v: { title: string }) => v.title)).toEqual(['Как пополнить счёт и включить автоплатёж', 'Обещанный платёж']);
    expect(payments[0].url).toMatch(/^https:\/\//);
    await t.http.get('/api/v1/help/videos').query({ section: 'nowhere' }).expect(400);
  });
});

describe('the onboarding guide, remembered per customer', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const all = ['home', 'accounts', 'payments', 'tariffs', 'loans', 'bonus', 'orders', 'profile'];

  it('when a customer signs in for the first time, then every tip is pending; dismissing one by one is remembered on the server', async () => {
    const c = await t.createCustomer();
    const token = (await t.signIn(c.phone, c.password)).accessToken;
    expect((await t.http.get('/api/v1/me/guide').set(t.bearer(token)).expect(200)).body).toEqual({ pending: all, dismissed: [], dismissedAllAt: null });

    await t.http.post('/api/v1/me/guide/dismissals').set(t.bearer(token)).send({ tip: 'payments' }).expect(200);
    const twice = await t.http.post('/api/v1/me/guide/dismissals').set(t.bearer(token)).send({ tip: 'payments' }).expect(200);
    expect(twice.body.dismissed).toEqual(['payments']);
    await t.http.post('/api/v1/me/guide/dismissals').set(t.bearer(token)).send({ tip: 'home' }).expect(200);

    // Another device, another session: the same state.
    const other = (await t.signIn(c.phone, c.password)).accessToken;
    const state = (await t.http.get('/api/v1/me/guide').set(t.bearer(other)).expect(200)).body;
    expect(state).toEqual({ pending: all.filter((x) => x !== 'payments' && x !== 'home'), dismissed: ['home', 'payments'], dismissedAllAt: null });
    expect(await t.query('SELECT dismissed FROM guide_states WHERE customer_id = $1', [c.id])).toEqual([{ dismissed: ['home', 'payments'] }]);
  });

  it('when a customer dismisses all, then no tip is pending; starting over shows them again; another customer is not affected', async () => {
    const c = await t.createCustomer();
    const d = await t.createCustomer();
    const token = (await t.signIn(c.phone, c.password)).accessToken;
    const dToken = (await t.signIn(d.phone, d.password)).accessToken;
    const res = await t.http.post('/api/v1/me/guide/dismissals').set(t.bearer(token)).send({ all: true }).expect(200);
    expect(res.body).toEqual({ pending: [], dismissed: [], dismissedAllAt: t.clock.now().toISOString() });
    expect((await t.http.get('/api/v1/me/guide').set(t.bearer(dToken)).expect(200)).body.pending).toEqual(all);

    expect((await t.http.delete('/api/v1/me/guide/dismissals').set(t.bearer(token)).expect(200)).body.pending).toEqual(all);
    expect((await t.http.get('/api/v1/me/guide').set(t.bearer(token)).expect(200)).body.pending).toEqual(all);
  });

  it('when the request names no tip, both, or an unknown tip, then 400 and nothing is stored; without sign-in 401', async () => {
    const c = await t.createCustomer();
    const token = (await t.signIn(c.phone, c.password)).accessToken;
    for (const body of [{}, { tip: 'home', all: true }, { tip: 'weather' }, { all: 'yes' }]) {
      expect((await t.http.post('/api/v1/me/guide/dismissals').set(t.bearer(token)).send(body).expect(400)).body.code).toBe('validation_failed');
    }
    expect(await t.query('SELECT * FROM guide_states WHERE customer_id = $1', [c.id])).toEqual([]);
    await t.http.get('/api/v1/me/guide').expect(401);
  });
});

describe('POST /orders/sim — pick-up at an office', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('when a SIM order names a pick-up point, then the order keeps it and its address; an office without SIM pick-up is refused', async () => {
    const c = await t.createCustomer();
    const { accountId } = await t.openMobileAccount(c.id);
    const token = (await t.signIn(c.phone, c.password)).accessToken;
    const [{ id: tariffId }] = await t.query<{ id: string }>(`SELECT id FROM tariffs WHERE code = 'tele2-black'`);
    const [point] = await t.query<{ id: string }>(`SELECT id FROM offices WHERE code = 'spb-pickup-sadovaya'`);
    const [noSim] = await t.query<{ id: string }>(`SELECT id FROM offices WHERE code = 'spb-pickup-prosvescheniya'`);

    expect((await t.http.post('/api/v1/orders/sim').set(t.bearer(token)).send({ accountId, tariffId, delivery: 'pickup', pickupOfficeId: noSim.id }).expect(400)).body.code).toBe('office_not_for_pickup');
    expect((await t.http.post('/api/v1/orders/sim').set(t.bearer(token)).send({ accountId, tariffId, delivery: 'courier', address: 'Невский, 1', pickupOfficeId: point.id }).expect(400)).body.errors[0].field).toBe('pickupOfficeId');
    expect((await t.http.post('/api/v1/orders/sim').set(t.bearer(token)).send({ accountId, tariffId, delivery: 'pickup', pickupOfficeId: '00000000-0000-4000-8000-000000000000' }).expect(400)).body.errors[0].field).toBe('pickupOfficeId');
    expect(await t.query('SELECT count(*)::int AS n FROM orders WHERE customer_id = $1', [c.id])).toEqual([{ n: 0 }]);

    const placed = await t.http.post('/api/v1/orders/sim').set(t.bearer(token)).send({ accountId, tariffId, delivery: 'pickup', pickupOfficeId: point.id }).expect(201);
    expect(placed.body).toMatchObject({ delivery: 'pickup', pickupOfficeId: point.id, address: 'Пункт выдачи «Садовая»: Санкт-Петербург, ул. Садовая, д. 42' });
    expect(await t.query('SELECT pickup_office_id FROM orders WHERE id = $1', [placed.body.id])).toEqual([{ pickup_office_id: point.id }]);
    // Pick-up without naming a point still works as before (any office, agreed by phone).
    expect((await t.http.post('/api/v1/orders/sim').set(t.bearer(token)).send({ accountId, tariffId, delivery: 'pickup' }).expect(201)).body).toMatchObject({ pickupOfficeId: null, address: null });
  });
});
