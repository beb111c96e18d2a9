import { describe, expect, it } from 'vitest';
import { createFakeApi, json, problem, token } from '@/test/fake-api';
import { sessionStore } from '../session/session-store';
import { ApiError } from './api-error';
import { apiRequest, refreshSession } from './client';

describe('api client', () => {
  it('when a call succeeds, then it carried the in-memory token and returns the JSON', async () => {
    const api = createFakeApi().on('GET', '/me', () => json(200, { id: 'c-1' }));
    sessionStore.signIn(token('abc'));

    await expect(apiRequest('/me')).resolves.toEqual({ id: 'c-1' });
    expect(api.callsTo('GET', '/me')[0]?.headers.get('Authorization')).toBe('Bearer abc');
  });

  it('when the API answers problem+json, then it rejects with an ApiError that carries status, code and problem', async () => {
    createFakeApi().on('POST', '/me/password', () =>
      problem(400, 'weak_password', { detail: 'Too common', errors: [{ field: 'newPassword', code: 'weak', message: 'x' }] }),
    );
    sessionStore.signIn(token());

    const error = await apiRequest('/me/password', { method: 'POST', body: {} }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'weak_password', message: 'Too common' });
    expect((error as ApiError).fieldError('newPassword')?.message).toBe('x');
  });

  it('when the network fails, then the error is network_error and the session stays', async () => {
    const api = createFakeApi();
    api.fetch.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    sessionStore.signIn(token());

    await expect(apiRequest('/me')).rejects.toMatchObject({ status: 0, code: 'network_error' });
    expect(sessionStore.getState().status).toBe('authenticated');
  });

  it('when the token has expired, then it refreshes once and retries with the new token', async () => {
    const api = createFakeApi()
      .once('GET', '/me', () => problem(401, 'invalid_token'))
      .on('GET', '/me', () => json(200, { id: 'c-1' }))
      .on('POST', '/auth/refresh', () => json(200, token('fresh')));
    sessionStore.signIn(token('stale'));

    await expect(apiRequest('/me')).resolves.toEqual({ id: 'c-1' });
    expect(api.callsTo('POST', '/auth/refresh')).toHaveLength(1);
    expect(api.callsTo('GET', '/me').map((call) => call.headers.get('Authorization'))).toEqual([
      'Bearer stale',
      'Bearer fresh',
    ]);
    expect(sessionStore.getState().accessToken).toBe('fresh');
  });

  it('when several calls get 401 at once, then they share one refresh (a reused refresh token would end the session)', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const api = createFakeApi()
      .on('GET', '/me', ({ headers }) =>
        headers.get('Authorization') === 'Bearer fresh' ? json(200, { ok: 1 }) : problem(401, 'invalid_token'),
      )
      .on('GET', '/me/sessions', ({ headers }) =>
        headers.get('Authorization') === 'Bearer fresh' ? json(200, { ok: 2 }) : problem(401, 'invalid_token'),
      )
      .on('POST', '/auth/refresh', async () => {
        await gate;
        return json(200, token('fresh'));
      });
    sessionStore.signIn(token('stale'));

    const all = Promise.all([apiRequest('/me'), apiRequest('/me/sessions'), apiRequest('/me')]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    release();

    await expect(all).resolves.toEqual([{ ok: 1 }, { ok: 2 }, { ok: 1 }]);
    expect(api.callsTo('POST', '/auth/refresh')).toHaveLength(1);
  });

  it('when the refresh is refused, then the session ends as expired and the call rejects', async () => {
    const api = createFakeApi()
      .on('GET', '/me', () => problem(401, 'invalid_token'))
      .on('POST', '/auth/refresh', () => problem(401, 'refresh_token_reused'));
    sessionStore.signIn(token('stale'));

    await expect(apiRequest('/me')).rejects.toMatchObject({ status: 401 });
    expect(sessionStore.getState()).toMatchObject({ status: 'anonymous', accessToken: null, endReason: 'expired' });
    expect(api.callsTo('GET', '/me')).toHaveLength(1);
  });

  it('when the retried call is still 401, then it does not loop: the session ends', async () => {
    const api = createFakeApi()
      .on('GET', '/me', () => problem(401, 'invalid_token'))
      .on('POST', '/auth/refresh', () => json(200, token('fresh')));
    sessionStore.signIn(token('stale'));

    await expect(apiRequest('/me')).rejects.toMatchObject({ status: 401 });
    expect(api.callsTo('POST', '/auth/refresh')).toHaveLength(1);
    expect(api.callsTo('GET', '/me')).toHaveLength(2);
    expect(sessionStore.getState().status).toBe('anonymous');
  });

  it('when a public call gets 401, then no refresh is tried', async () => {
    const api = createFakeApi().on('POST', '/auth/login', () => problem(401, 'invalid_credentials'));
    await expect(apiRequest('/auth/login', { method: 'POST', body: {}, auth: false })).rejects.toMatchObject({
      code: 'invalid_credentials',
    });
    expect(api.callsTo('POST', '/auth/refresh')).toHaveLength(0);
  });

  it('when any call says password_change_required, then the session is marked for the forced change', async () => {
    createFakeApi().on('GET', '/me/sessions', () => problem(403, 'password_change_required'));
    sessionStore.signIn(token());
    await expect(apiRequest('/me/sessions')).rejects.toMatchObject({ code: 'password_change_required' });
    expect(sessionStore.getState().mustChangePassword).toBe(true);
  });

  it('when the refresh fails on the server side, then the error surfaces and nothing is signed out', async () => {
    createFakeApi().on('POST', '/auth/refresh', () => problem(503, 'service_unavailable'));
    sessionStore.signIn(token('t'));
    await expect(refreshSession()).rejects.toMatchObject({ status: 503 });
    expect(sessionStore.getState().status).toBe('authenticated');
  });
});
