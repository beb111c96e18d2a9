import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi, customer, json, problem, session, signedIn, token, withSessionCookie } from './fake-api';
import { renderApp } from './render-app';

describe('session restore and the way back after sign-in', () => {
  it('when the page loads with a refresh cookie, then one refresh restores the session (StrictMode too)', async () => {
    const api = signedIn(createFakeApi());
    renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Здравствуйте, Иван Иванович!' })).toBeInTheDocument();
    expect(api.callsTo('POST', '/auth/refresh')).toHaveLength(1);
  });

  it('when there is no session, then a protected page sends to sign-in keeping the place, without asking for a refresh', async () => {
    const api = createFakeApi();
    const { location } = renderApp('/sessions');
    expect(await screen.findByRole('heading', { level: 1, name: 'Вход в личный кабинет' })).toBeInTheDocument();
    expect(location()).toBe('/login?next=%2Fsessions');
    // No session hint cookie: nothing to restore, so no `POST /auth/refresh` (and no 401 in the console).
    expect(api.callsTo('POST', '/auth/refresh')).toHaveLength(0);
    // Nothing to explain: the person had not been signed in.
    expect(screen.queryByText(/Сеанс завершён/)).not.toBeInTheDocument();
  });

  it('when a call gets 401 and the refresh fails, then sign-in opens at /login?next=/sessions, and sign-in brings the person back', async () => {
    let serverSessionAlive = true;
    withSessionCookie(); // signed in earlier: the API's hint cookie is there
    const api = createFakeApi()
      .once('POST', '/auth/refresh', () => json(200, token('first')))
      .on('POST', '/auth/refresh', () => problem(401, 'session_expired'))
      .on('GET', '/me', () => json(200, customer))
      .on('GET', '/me/sessions', ({ headers }) =>
        serverSessionAlive && headers.get('Authorization') === 'Bearer second'
          ? json(200, { items: [session()], nextCursor: null })
          : problem(401, 'session_expired'),
      )
      .on('POST', '/auth/login', () => json(200, token('second')));
    const { user, location } = renderApp('/sessions');

    // The start-up refresh worked, but the session has meanwhile ended on the server.
    expect(await screen.findByRole('heading', { level: 1, name: 'Вход в личный кабинет' })).toBeInTheDocument();
    expect(location()).toBe('/login?next=%2Fsessions');
    expect(screen.getByRole('status')).toHaveTextContent('Сеанс завершён. Войдите снова, чтобы продолжить.');
    expect(api.callsTo('POST', '/auth/refresh')).toHaveLength(2);

    serverSessionAlive = true;
    await user.type(screen.getByLabelText('Телефон или номер договора'), '+79210000001');
    await user.type(screen.getByLabelText('Пароль'), 'demo12345');
    await user.click(screen.getByRole('button', { name: 'Войти' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Устройства и сеансы' })).toBeInTheDocument();
    expect(location()).toBe('/sessions');
    expect(await screen.findByText('Это устройство')).toBeInTheDocument();
  });

  it('when signing out from the header, then the server is told and sign-in opens with a note', async () => {
    const api = signedIn(createFakeApi());
    const { user, location } = renderApp('/');
    await screen.findByRole('heading', { level: 1, name: /Здравствуйте/ });

    await user.click(screen.getByRole('button', { name: 'Выйти' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Вход в личный кабинет' })).toBeInTheDocument();
    expect(location()).toBe('/login');
    expect(screen.getByRole('status')).toHaveTextContent('Вы вышли из личного кабинета.');
    const logout = api.callsTo('POST', '/auth/logout');
    expect(logout).toHaveLength(1);
    expect(logout[0]?.headers.get('Authorization')).toBe('Bearer access-1');
  });

  it('when the start-up refresh fails for network reasons, then the person is asked to sign in', async () => {
    const api = createFakeApi();
    api.fetch.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const { location } = renderApp('/');
    await waitFor(() => expect(location()).toBe('/login'));
  });
});
