import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi, json, noContent, session, signedIn } from './fake-api';
import { renderApp } from './render-app';

const phoneSession = session({
  id: 's-2',
  current: false,
  userAgent: 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36',
  ip: '198.51.100.7',
});
const laptopSession = session({
  id: 's-3',
  current: false,
  userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15',
  ip: null,
});

describe('sessions page', () => {
  it('lists devices with IP and activity and marks this one', async () => {
    signedIn(createFakeApi()).on('GET', '/me/sessions', () =>
      json(200, { items: [session(), phoneSession], nextCursor: null }),
    );
    renderApp('/sessions');

    const current = await screen.findByRole('article', { name: 'Chrome, Windows' });
    expect(within(current).getByText('Это устройство')).toBeInTheDocument();
    expect(within(current).getByText('192.0.2.10')).toBeInTheDocument();
    expect(within(current).getByRole('button', { name: /Выйти на этом устройстве/ })).toBeInTheDocument();
    const phone = screen.getByRole('article', { name: 'Chrome, Android' });
    expect(within(phone).getByText('198.51.100.7')).toBeInTheDocument();
    expect(within(phone).queryByText('Это устройство')).not.toBeInTheDocument();
  });

  it('when another session is ended, then it is deleted and the list reloads', async () => {
    let items = [session(), phoneSession];
    const api = signedIn(createFakeApi())
      .on('GET', '/me/sessions', () => json(200, { items, nextCursor: null }))
      .on('DELETE', '/me/sessions/s-2', () => {
        items = [session()];
        return noContent();
      });
    const { user } = renderApp('/sessions');

    const phone = await screen.findByRole('article', { name: 'Chrome, Android' });
    await user.click(within(phone).getByRole('button', { name: /Завершить сеанс/ }));

    expect(await screen.findByRole('status')).toHaveTextContent('Сеанс завершён.');
    expect(screen.queryByRole('article', { name: 'Chrome, Android' })).not.toBeInTheDocument();
    expect(api.callsTo('DELETE', '/me/sessions/s-2')[0]?.headers.get('Authorization')).toBe('Bearer access-1');
  });

  it('when "end all others" is confirmed, then every other session is deleted', async () => {
    let items = [session(), phoneSession, laptopSession];
    const api = signedIn(createFakeApi())
      .on('GET', '/me/sessions', () => json(200, { items, nextCursor: null }))
      .on('DELETE', '/me/sessions/s-2', () => noContent())
      .on('DELETE', '/me/sessions/s-3', () => {
        items = [session()];
        return noContent();
      });
    const { user } = renderApp('/sessions');

    await user.click(await screen.findByRole('button', { name: 'Завершить все другие сеансы' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Завершить сеансы' });
    expect(dialog).toHaveTextContent('Завершить все сеансы, кроме этого устройства?');
    await user.click(within(dialog).getByRole('button', { name: 'Завершить' }));

    expect(await screen.findByText('Завершено 2 сеанса.')).toBeInTheDocument();
    expect(api.callsTo('DELETE', '/me/sessions/s-2')).toHaveLength(1);
    expect(api.callsTo('DELETE', '/me/sessions/s-3')).toHaveLength(1);
    expect(api.callsTo('DELETE', '/me/sessions/s-1')).toHaveLength(0);
    expect(await screen.findByText('Других сеансов нет.')).toBeInTheDocument();
  });

  it('when the current session is ended, then this tab is signed out', async () => {
    signedIn(createFakeApi())
      .on('GET', '/me/sessions', () => json(200, { items: [session()], nextCursor: null }))
      .on('DELETE', '/me/sessions/s-1', () => noContent());
    const { user, location } = renderApp('/sessions');

    await user.click(await screen.findByRole('button', { name: /Выйти на этом устройстве/ }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Вход в личный кабинет' })).toBeInTheDocument();
    expect(location()).toBe('/login');
  });
});
