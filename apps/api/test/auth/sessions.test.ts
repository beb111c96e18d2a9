import { createTestContext, type TestContext, type TestCustomer } from '../support';

describe('sessions: refresh rotation, reuse detection, idle timeout, logout', () => {
  let t: TestContext;
  let anna: TestCustomer;

  beforeAll(async () => {
    t = await createTestContext();
    anna = await t.createCustomer({ password: 'anna-secret-1' });
  });
  afterAll(() => t.close());

  const refresh = (cookie?: string) => {
    const r = t.http.post('/api/v1/auth/refresh');
    return cookie ? r.set('Cookie', cookie) : r;
  };
  const cookieOf = (res: { headers: Record<string, unknown> }) =>
    ([] as string[]).concat((res.headers['set-cookie'] as string[]) ?? []).find((c) => c.startsWith('cabinet_refresh='))!.split(';')[0];

  describe('POST /api/v1/auth/refresh', () => {
    it('when the current refresh cookie is sent, then a new access token and a new cookie each time', async () => {
      const s = await t.signIn(anna.phone, 'anna-secret-1');
      const first = await refresh(s.refreshCookie).expect(200);
      expect(first.body).toMatchObject({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900 });
      const rotated = cookieOf(first);
      expect(rotated).not.toEqual(s.refreshCookie);
      await t.http.get('/api/v1/me').set(t.bearer(first.body.accessToken)).expect(200);
      const second = await refresh(rotated).expect(200);
      expect(cookieOf(second)).not.toEqual(rotated);
    });

    it('when an already-used refresh token comes back, then 401 refresh_token_reused and the whole session is revoked', async () => {
      const s = await t.signIn(anna.phone, 'anna-secret-1');
      const ok = await refresh(s.refreshCookie).expect(200);
      const latest = cookieOf(ok);

      const replay = await refresh(s.refreshCookie).expect(401);
      expect(replay.body.code).toBe('refresh_token_reused');

      // Neither the thief's nor the owner's newest token works now, nor the access token of the session.
      expect((await refresh(latest).expect(401)).body.code).toBe('refresh_token_invalid');
      expect((await t.http.get('/api/v1/me').set(t.bearer(ok.body.accessToken)).expect(401)).body.code).toBe('session_expired');
      const [row] = await t.query<{ revoke_reason: string }>(
        `SELECT revoke_reason FROM sessions WHERE id = $1`,
        [latest.split('=')[1].split('.')[0]],
      );
      expect(row.revoke_reason).toBe('refresh_reuse');
      expect(await t.query(`SELECT 1 FROM audit_log WHERE action = 'refresh_token_reused' AND customer_id = $1`, [anna.id])).toHaveLength(1);
    });

    it('when there is no cookie or a forged one, then 401 refresh_token_invalid', async () => {
      expect((await refresh().expect(401)).body.code).toBe('refresh_token_invalid');
      expect((await refresh('cabinet_refresh=forged').expect(401)).body.code).toBe('refresh_token_invalid');
    });
  });

  describe('idle timeout', () => {
    it('when the session had no request for more than 15 minutes, then refresh answers 401 session_expired', async () => {
      const s = await t.signIn(anna.phone, 'anna-secret-1');
      t.clock.advanceMinutes(15);
      t.clock.advance(1000);
      const res = await refresh(s.refreshCookie).expect(401);
      expect(res.body.code).toBe('session_expired');
      expect(String(res.headers['set-cookie'])).toMatch(/cabinet_refresh=;/);
      expect(String(res.headers['set-cookie'])).toMatch(/cabinet_session=;/); // the SPA's hint goes with it
    });

    it('when the subscriber keeps using the cabinet, then the session lives past 15 minutes', async () => {
      const s = await t.signIn(anna.phone, 'anna-secret-1');
      t.clock.advanceMinutes(10);
      await t.http.get('/api/v1/me').set(t.bearer(s.accessToken)).expect(200);
      t.clock.advanceMinutes(10); // 20 minutes after sign-in, 10 after the last request; the access token has expired
      const expired = await t.http.get('/api/v1/me').set(t.bearer(s.accessToken)).expect(401);
      expect(expired.body.code).toBe('invalid_token');
      const res = await refresh(s.refreshCookie).expect(200);
      await t.http.get('/api/v1/me').set(t.bearer(res.body.accessToken)).expect(200);
    });
  });

  describe('POST /api/v1/auth/logout', () => {
    it('when signed out, then the access token and the refresh cookie stop working', async () => {
      const s = await t.signIn(anna.phone, 'anna-secret-1');
      const res = await t.http.post('/api/v1/auth/logout').set(t.bearer(s.accessToken)).set('Cookie', s.refreshCookie).expect(204);
      expect(String(res.headers['set-cookie'])).toMatch(/cabinet_refresh=;/);
      expect(String(res.headers['set-cookie'])).toMatch(/cabinet_session=;/); // the SPA's hint goes with it
      expect((await t.http.get('/api/v1/me').set(t.bearer(s.accessToken)).expect(401)).body.code).toBe('session_expired');
      await refresh(s.refreshCookie).expect(401);
    });

    it('when only the cookie is there (the access token was lost on reload), then that session ends too', async () => {
      const s = await t.signIn(anna.phone, 'anna-secret-1');
      await t.http.post('/api/v1/auth/logout').set('Cookie', s.refreshCookie).expect(204);
      await refresh(s.refreshCookie).expect(401);
    });
  });

  describe('GET /api/v1/me/sessions and DELETE /api/v1/me/sessions/:id', () => {
    it('when a customer has two devices, then both are listed, one marked current, and the other can be ended', async () => {
      const bob = await t.createCustomer({ password: 'bob-secret-12' });
      const phone = await t.http.post('/api/v1/auth/login').set('User-Agent', 'PhoneBrowser/1.0').send({ login: bob.phone, password: 'bob-secret-12' }).expect(200);
      const laptop = await t.http.post('/api/v1/auth/login').set('User-Agent', 'LaptopBrowser/2.0').send({ login: bob.phone, password: 'bob-secret-12' }).expect(200);

      const list = await t.http.get('/api/v1/me/sessions').set(t.bearer(laptop.body.accessToken)).expect(200);
      expect(list.body.nextCursor).toBeNull();
      expect(list.body.items).toHaveLength(2);
      const current = list.body.items.find((s: { current: boolean }) => s.current);
      const other = list.body.items.find((s: { current: boolean }) => !s.current);
      expect(current.userAgent).toBe('LaptopBrowser/2.0');
      expect(other.userAgent).toBe('PhoneBrowser/1.0');

      await t.http.delete(`/api/v1/me/sessions/${other.id}`).set(t.bearer(laptop.body.accessToken)).expect(204);
      await t.http.get('/api/v1/me').set(t.bearer(phone.body.accessToken)).expect(401);
      const after = await t.http.get('/api/v1/me/sessions').set(t.bearer(laptop.body.accessToken)).expect(200);
      expect(after.body.items.map((s: { id: string }) => s.id)).toEqual([current.id]);
      expect(await t.query(`SELECT 1 FROM audit_log WHERE action = 'session_revoked' AND customer_id = $1`, [bob.id])).toHaveLength(1);
    });

    it("when someone tries to end another customer's session, then 404 as for one that does not exist, and it lives on", async () => {
      const owner = await t.createCustomer({ password: 'owner-pass-12' });
      const stranger = await t.createCustomer({ password: 'stranger-pass-1' });
      const o = await t.signIn(owner.phone, 'owner-pass-12');
      const s = await t.signIn(stranger.phone, 'stranger-pass-1');
      const [ownerSession] = await t.query<{ id: string }>('SELECT id FROM sessions WHERE customer_id = $1', [owner.id]);

      const foreign = await t.http.delete(`/api/v1/me/sessions/${ownerSession.id}`).set(t.bearer(s.accessToken)).expect(404);
      const missing = await t.http.delete('/api/v1/me/sessions/00000000-0000-4000-8000-000000000000').set(t.bearer(s.accessToken)).expect(404);
      expect(foreign.body.code).toBe('not_found');
      expect(foreign.body.detail).toBe(missing.body.detail);
      await t.http.get('/api/v1/me').set(t.bearer(o.accessToken)).expect(200);
    });

    it('when asked to end every other session, then only the current one remains', async () => {
      const kate = await t.createCustomer({ password: 'kate-secret-1' });
      const a = await t.signIn(kate.phone, 'kate-secret-1');
      await t.signIn(kate.phone, 'kate-secret-1');
      const c = await t.signIn(kate.phone, 'kate-secret-1');
      const res = await t.http.delete('/api/v1/me/sessions').set(t.bearer(c.accessToken)).expect(200);
      expect(res.body).toEqual({ endedSessions: 2 });
      await t.http.get('/api/v1/me').set(t.bearer(a.accessToken)).expect(401);
      await t.http.get('/api/v1/me').set(t.bearer(c.accessToken)).expect(200);
    });

    it('when there are more sessions than a page, then the cursor walks through all of them once', async () => {
      const many = await t.createCustomer({ password: 'many-secret-1' });
      let last;
      for (let i = 0; i < 5; i++) {
        t.clock.advance(1000);
        last = await t.signIn(many.phone, 'many-secret-1');
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const q: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
        const page = await t.http.get(`/api/v1/me/sessions${q}`).set(t.bearer(last!.accessToken)).expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((s: { id: string }) => s.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(5);
      expect(new Set(seen).size).toBe(5);
      await t.http.get('/api/v1/me/sessions?cursor=not-a-cursor').set(t.bearer(last!.accessToken)).expect(400);
    });
  });

  describe('the guard', () => {
    it('when no token, a malformed one or one signed with another key is sent, then 401', async () => {
      expect((await t.http.get('/api/v1/me').expect(401)).body.code).toBe('authentication_required');
      expect((await t.http.get('/api/v1/me').set('Authorization', 'Bearer abc.def.ghi').expect(401)).body.code).toBe('invalid_token');
      const forged =
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIiwic2lkIjoiMiIsInJvbGUiOiJhZG1pbiIsImlhdCI6MTc5MjAwMDAwMCwiZXhwIjo0MTAyNDQ0ODAwfQ.2ZP0KYV1nP6yqz3mQjz8gkO9iQp2A0n3bW5yG0m0xXo';
      expect((await t.http.get('/api/v1/me').set('Authorization', `Bearer ${forged}`).expect(401)).body.code).toBe('invalid_token');
    });
  });
});
