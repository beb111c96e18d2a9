import { ESIA_TEST_PERSONS, startEsiaStandIn, type EsiaStandIn, type EsiaTestPerson } from '../../src/modules/esia/stand-in';
import { createTestContext, type TestContext } from '../support';

const CLIENT = { id: 'cabinet-test', secret: 'test-client-secret-0123456789' };
const REDIRECT = 'http://127.0.0.1/api/v1/auth/esia/callback';

const person = (over: Partial<EsiaTestPerson> & Pick<EsiaTestPerson, 'sub' | 'phone_number'>): EsiaTestPerson => ({
  ...ESIA_TEST_PERSONS[0],
  login: over.phone_number,
  ...over,
});
const PERSONS = [
  ...ESIA_TEST_PERSONS,
  person({ sub: 'esia-t-sms', phone_number: '+79210000061', family_name: 'Кузнецова', given_name: 'Мария' }),
  person({ sub: 'esia-t-unlink', phone_number: '+79210000062', family_name: 'Орлов', given_name: 'Олег' }),
  person({ sub: 'esia-t-taken', phone_number: '+79210000063', family_name: 'Белов', given_name: 'Борис' }),
];

/** A browser on the provider's pages: keeps the provider's cookies, follows nothing by itself. */
class Browser {
  private jar = new Map<string, string>();
  async go(url: string, form?: Record<string, string>): Promise<Response> {
    const res = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; '), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      this.jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return res;
  }
  /** Follows redirects while they stay on the provider; answers the first page or the redirect that leaves it. */
  async follow(url: string, form?: Record<string, string>): Promise<{ res: Response; url: string }> {
    let res = await this.go(url, form);
    let at = url;
    while (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location')!, at).toString();
      if (new URL(next).origin !== new URL(url).origin) return { res, url: next };
      at = next;
      res = await this.go(next);
    }
    return { res, url: at };
  }
}

describe('Gosuslugi (ESIA) sign-in: OpenID Connect code flow with PKCE against the local provider', () => {
  let standIn: EsiaStandIn;
  let t: TestContext;

  beforeAll(async () => {
    standIn = await startEsiaStandIn({ clientId: CLIENT.id, clientSecret: CLIENT.secret, persons: PERSONS });
    t = await createTestContext({ env: { ESIA_ISSUER_URL: standIn.issuer, ESIA_CLIENT_ID: CLIENT.id, ESIA_CLIENT_SECRET: CLIENT.secret, ESIA_REDIRECT_URI: REDIRECT } });
  });
  afterAll(async () => {
    await t.close();
    await standIn.close();
  });

  /** GET /auth/esia/start, then the provider's page: the person signs in there. Answers the callback query and the browser's esia cookie. */
  async function authorize(login: string, opts: { next?: string; password?: string } = {}): Promise<{ search: string; cookie: string; params: URLSearchParams }> {
    const start = await t.http.get(`/api/v1/auth/esia/start${opts.next ? `?next=${encodeURIComponent(opts.next)}` : ''}`).expect(302);
    const cookie = ([] as string[]).concat(start.headers['set-cookie']).find((c) => c.startsWith('cabinet_esia='))!.split(';')[0];
    const auth = new URL(start.headers.location);
    expect(auth.origin).toBe(standIn.issuer);
    expect(Object.fromEntries(auth.searchParams)).toMatchObject({ client_id: CLIENT.id, redirect_uri: REDIRECT, response_type: 'code', code_challenge_method: 'S256', scope: 'openid fullname birthdate gender mobile id_doc' });
    expect(auth.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(auth.searchParams.get('nonce')).toMatch(/^[\w-]{43}$/);

    const browser = new Browser();
    const page = await browser.follow(auth.toString());
    expect(page.res.status).toBe(200);
    const html = await page.res.text();
    expect(html).toContain('госуслуги');
    const action = /action="([^"]+\/login)"/.exec(html)![1];
    const back = await browser.follow(new URL(action, page.url).toString(), { login, password: opts.password ?? 'gosuslugi' });
    const cb = new URL(back.url);
    expect(`${cb.origin}${cb.pathname}`).toBe(REDIRECT);
    return { search: cb.search, cookie, params: cb.searchParams };
  }

  const callback = (search: string, cookie?: string) => {
    const req = t.http.get(`/api/v1/auth/esia/callback${search}`);
    return (cookie ? req.set('Cookie', cookie) : req).expect(302);
  };
  const refreshCookie = (res: { headers: Record<string, unknown> }) =>
    ([] as string[]).concat((res.headers['set-cookie'] as string[] | undefined) ?? []).find((c) => c.startsWith('cabinet_refresh='))?.split(';')[0];
  const meWith = async (cookie: string) => {
    const token = (await t.http.post('/api/v1/auth/refresh').set('Cookie', cookie).expect(200)).body.accessToken;
    return { token, me: (await t.http.get('/api/v1/me').set(t.bearer(token)).expect(200)).body };
  };

  it('when a confirmed person comes for the first time with a new phone, then a customer is made from the verified data and signed in', async () => {
    const { search, cookie, params } = await authorize('+79210000050', { next: '/loans/apply' });
    expect(params.get('code')).toBeTruthy();
    expect(params.get('iss')).toBe(standIn.issuer);
    const res = await callback(search, cookie);
    expect(res.headers.location).toBe('/loans/apply');
    const session = refreshCookie(res);
    expect(session).toBeDefined();
    const { token, me } = await meWith(session!);
    expect(me).toMatchObject({ phone: '+79210000050', surname: 'Петров', name: 'Пётр', patronymic: 'Сергеевич', birthDate: '1990-03-15' });

    const ids = await t.http.get('/api/v1/me/identities').set(t.bearer(token)).expect(200);
    expect(ids.body.items).toEqual([
      expect.objectContaining({ provider: 'esia', subject: 'esia-1000001', verified: expect.objectContaining({ passport: { series: '4010', number: '123456', issuedAt: '2010-04-01', issuedBy: expect.stringContaining('УФМС') } }) }),
    ]);
    expect(await t.query(`SELECT action FROM audit_log WHERE customer_id = $1 AND action IN ('esia_registered', 'login_succeeded') ORDER BY id`, [me.id])).toEqual([{ action: 'esia_registered' }, { action: 'login_succeeded' }]);

    // Next time: the same customer, nothing new.
    const again = await authorize('+79210000050');
    const res2 = await callback(again.search, again.cookie);
    expect(res2.headers.location).toBe('/');
    expect((await meWith(refreshCookie(res2)!)).me.id).toBe(me.id);
    expect(await t.query(`SELECT 1 FROM customers WHERE phone = '+79210000050'`)).toHaveLength(1);
  });

  it('when a customer with the same phone exists, then the link waits for their password; a wrong one is refused, the right one links and signs in', async () => {
    const anna = await t.createCustomer({ phone: '+79210000051', password: 'anna-pass-123', surname: 'Сидорова', name: 'Анна' });
    const { search, cookie } = await authorize('+79210000051');
    const res = await callback(search, cookie);
    const loc = new URL(res.headers.location, 'http://spa');
    expect(loc.pathname).toBe('/login/gosuslugi');
    expect(loc.searchParams.get('outcome')).toBe('link_required');
    expect(refreshCookie(res)).toBeUndefined();
    const ticket = loc.searchParams.get('ticket')!;

    const view = await t.http.get(`/api/v1/auth/esia/link/${ticket}`).set('Cookie', cookie).expect(200);
    expect(view.body).toMatchObject({ phone: '+7 921 ***-**-51', displayName: 'Анна С.', methods: ['password', 'sms'] });
    // Only the browser that started the sign-in may use the ticket.
    expect((await t.http.get(`/api/v1/auth/esia/link/${ticket}`).expect(404)).body.code).toBe('esia_ticket_invalid');

    const wrong = await t.http.post('/api/v1/auth/esia/link').set('Cookie', cookie).send({ ticket, password: 'not-her-password' }).expect(400);
    expect(wrong.body).toMatchObject({ code: 'wrong_password', attemptsLeft: 4 });
    expect(await t.query('SELECT 1 FROM customer_identities WHERE customer_id = $1', [anna.id])).toHaveLength(0);

    const ok = await t.http.post('/api/v1/auth/esia/link').set('Cookie', cookie).send({ ticket, password: 'anna-pass-123' }).expect(200);
    expect(ok.body).toMatchObject({ tokenType: 'Bearer', mustChangePassword: false });
    expect(refreshCookie(ok)).toBeDefined();
    expect((await t.http.get('/api/v1/me').set(t.bearer(ok.body.accessToken)).expect(200)).body.id).toBe(anna.id);
    expect(await t.query(`SELECT subject FROM customer_identities WHERE customer_id = $1`, [anna.id])).toEqual([{ subject: 'esia-1000002' }]);
    await t.http.post('/api/v1/auth/esia/link').set('Cookie', cookie).send({ ticket, password: 'anna-pass-123' }).expect(404); // used

    const next = await authorize('+79210000051');
    expect((await callback(next.search, next.cookie)).headers.location).toBe('/');
  });

  it('when the customer confirms the link with the SMS code instead, then it links too', async () => {
    const maria = await t.createCustomer({ phone: '+79210000061', password: 'maria-pass-123' });
    const { search, cookie } = await authorize('+79210000061');
    const ticket = new URL((await callback(search, cookie)).headers.location, 'http://spa').searchParams.get('ticket')!;
    await t.http.post('/api/v1/auth/esia/link/sms').set('Cookie', cookie).send({ ticket }).expect(202);
    expect((await t.http.post('/api/v1/auth/esia/link/sms').set('Cookie', cookie).send({ ticket }).expect(429)).body.code).toBe('otp_resend_too_soon');
    const code = await t.lastSmsCode('+79210000061');
    expect((await t.http.post('/api/v1/auth/esia/link').set('Cookie', cookie).send({ ticket, code: code === '000000' ? '111111' : '000000' }).expect(400)).body.code).toBe('otp_invalid');
    const ok = await t.http.post('/api/v1/auth/esia/link').set('Cookie', cookie).send({ ticket, code }).expect(200);
    expect((await t.http.get('/api/v1/me').set(t.bearer(ok.body.accessToken)).expect(200)).body.id).toBe(maria.id);
    const [a] = await t.query<{ details: { confirmedWith: string } }>(`SELECT details FROM audit_log WHERE action = 'esia_linked' AND customer_id = $1`, [maria.id]);
    expect(a.details.confirmedWith).toBe('sms');
  });

  it('when the Gosuslugi account is not confirmed, then sign-in is refused with its own outcome and nobody is created', async () => {
    const { search, cookie } = await authorize('+79210000052');
    const res = await callback(search, cookie);
    expect(res.headers.location).toBe('/login/gosuslugi?outcome=unconfirmed');
    expect(refreshCookie(res)).toBeUndefined();
    expect(await t.query(`SELECT 1 FROM customers WHERE phone = '+79210000052'`)).toHaveLength(0);
  });

  it('when the state is tampered with, replayed or comes from another browser, then the callback is refused and no session starts', async () => {
    const { search, cookie, params } = await authorize('+79210000050');
    const tampered = new URLSearchParams(params);
    tampered.set('state', `${params.get('state')!.slice(0, -2)}xx`);
    const bad = await callback(`?${tampered}`, cookie);
    expect(bad.headers.location).toBe('/login/gosuslugi?outcome=failed');
    expect(refreshCookie(bad)).toBeUndefined();

    // Another browser (no cookie of this sign-in): refused, and the state is used up.
    expect((await callback(search)).headers.location).toBe('/login/gosuslugi?outcome=failed');
    const replay = await callback(search, cookie);
    expect(replay.headers.location).toBe('/login/gosuslugi?outcome=failed');
    expect(refreshCookie(replay)).toBeUndefined();
  });

  it('when the PKCE verifier or the nonce do not match what was sent, then the provider or openid-client refuses and no session starts', async () => {
    const pkce = await authorize('+79210000050');
    await t.query(`UPDATE esia_logins SET code_verifier = $1 WHERE status = 'started'`, ['x'.repeat(43)]);
    const r1 = await callback(pkce.search, pkce.cookie);
    expect(r1.headers.location).toBe('/login/gosuslugi?outcome=failed');
    expect(refreshCookie(r1)).toBeUndefined();

    const nonce = await authorize('+79210000050');
    await t.query(`UPDATE esia_logins SET nonce = $1 WHERE status = 'started'`, ['n'.repeat(43)]);
    const r2 = await callback(nonce.search, nonce.cookie);
    expect(r2.headers.location).toBe('/login/gosuslugi?outcome=failed');
    expect(refreshCookie(r2)).toBeUndefined();
  });

  it('when the person cancels on the provider, or comes back after 10 minutes, then the outcome says so', async () => {
    const start = await t.http.get('/api/v1/auth/esia/start').expect(302);
    const cookie = ([] as string[]).concat(start.headers['set-cookie']).find((c) => c.startsWith('cabinet_esia='))!.split(';')[0];
    const browser = new Browser();
    const page = await browser.follow(start.headers.location);
    const html = await page.res.text();
    const abort = /action="([^"]+\/abort)"/.exec(html)![1];
    const back = await browser.follow(new URL(abort, page.url).toString(), {});
    const cb = new URL(back.url);
    expect(cb.searchParams.get('error')).toBe('access_denied');
    expect((await callback(cb.search, cookie)).headers.location).toBe('/login/gosuslugi?outcome=canceled');

    const late = await authorize('+79210000050');
    t.clock.advanceMinutes(11);
    expect((await callback(late.search, late.cookie)).headers.location).toBe('/login/gosuslugi?outcome=expired');
    t.clock.advanceMinutes(-11);
  });

  it('when the customer unlinks Gosuslugi in the profile, then the next Gosuslugi sign-in must confirm the link again', async () => {
    const oleg = await t.createCustomer({ phone: '+79210000062', password: 'oleg-pass-123' });
    const first = await authorize('+79210000062');
    const ticket = new URL((await callback(first.search, first.cookie)).headers.location, 'http://spa').searchParams.get('ticket')!;
    const linked = await t.http.post('/api/v1/auth/esia/link').set('Cookie', first.cookie).send({ ticket, password: 'oleg-pass-123' }).expect(200);
    await t.http.delete('/api/v1/me/identities/esia').set(t.bearer(linked.body.accessToken)).expect(204);
    expect((await t.http.get('/api/v1/me/identities').set(t.bearer(linked.body.accessToken)).expect(200)).body.items).toEqual([]);
    expect((await t.http.delete('/api/v1/me/identities/esia').set(t.bearer(linked.body.accessToken)).expect(404)).body.code).toBe('identity_not_linked');
    expect(await t.query(`SELECT 1 FROM audit_log WHERE action = 'esia_unlinked' AND customer_id = $1`, [oleg.id])).toHaveLength(1);
    const again = await authorize('+79210000062');
    expect(new URL((await callback(again.search, again.cookie)).headers.location, 'http://spa').searchParams.get('outcome')).toBe('link_required');
  });

  it('when the customer with that phone is linked to another Gosuslugi account already, then the outcome is already_linked', async () => {
    const boris = await t.createCustomer({ phone: '+79210000063' });
    await t.query(`INSERT INTO customer_identities (customer_id, provider, subject, verified, linked_at) VALUES ($1, 'esia', 'esia-other', '{}', now())`, [boris.id]);
    const { search, cookie } = await authorize('+79210000063');
    expect((await callback(search, cookie)).headers.location).toBe('/login/gosuslugi?outcome=already_linked');
  });

  it('when the provider page gets a wrong password, then it says so and nothing comes back', async () => {
    const start = await t.http.get('/api/v1/auth/esia/start').expect(302);
    const browser = new Browser();
    const page = await browser.follow(start.headers.location);
    const action = /action="([^"]+\/login)"/.exec(await page.res.text())![1];
    const again = await browser.follow(new URL(action, page.url).toString(), { login: '+79210000050', password: 'wrong' });
    expect(again.res.status).toBe(200);
    expect(await again.res.text()).toContain('Неверный логин или пароль');
  });
});

describe('Gosuslugi sign-in not configured', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('when no provider is configured, then the config says so and start answers 503 esia_unavailable', async () => {
    expect((await t.http.get('/api/v1/auth/esia/config').expect(200)).body).toEqual({ enabled: false, standIn: false });
    expect((await t.http.get('/api/v1/auth/esia/start').expect(503)).body.code).toBe('esia_unavailable');
  });
});
