import type { NotificationPreferenceView, NotificationView } from '@cabinet/shared-types';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi, json, noContent, problem, signedIn } from './fake-api';
import { renderApp } from './render-app';

const note = (id: string, title: string, readAt: string | null = null): NotificationView => ({
  id,
  type: 'balance.low',
  title,
  body: `${title}: подробности`,
  link: '/accounts',
  createdAt: '2026-11-22T09:00:00.000Z',
  readAt,
});

describe('notification centre', () => {
  it('shows the unread count in the header and the list; "mark all read" clears both', async () => {
    let read = false;
    const api = signedIn(createFakeApi())
      .on('GET', '/me/notifications/unread-count', () => json(200, { count: read ? 0 : 2 }))
      .on('GET', '/me/notifications', () =>
        json(200, { items: [note('n-2', 'Низкий баланс', read ? 'x' : null), note('n-1', 'Платёж зачислен', read ? 'x' : null)], nextCursor: null }),
      )
      .on('POST', '/me/notifications/read-all', () => {
        read = true;
        return noContent();
      });
    const { user } = renderApp('/notifications');

    expect(await screen.findByRole('link', { name: 'Уведомления: 2 непрочитанных' })).toHaveAttribute('href', '/notifications');
    const list = await screen.findByRole('list', { name: 'Уведомления' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(screen.getByRole('status')).toHaveTextContent('2 непрочитанных');

    await user.click(screen.getByRole('button', { name: 'Прочитать все' }));
    expect(await screen.findByText('Всё прочитано')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('link', { name: /непрочитанн/ })).not.toBeInTheDocument());
    expect(api.callsTo('POST', '/me/notifications/read-all')).toHaveLength(1);
  });

  it('marks one entry read', async () => {
    const api = signedIn(createFakeApi())
      .on('GET', '/me/notifications/unread-count', () => json(200, { count: 1 }))
      .on('GET', '/me/notifications', () => json(200, { items: [note('n-1', 'Платёж зачислен')], nextCursor: null }))
      .on('POST', '/me/notifications/n-1/read', () => noContent());
    const { user } = renderApp('/notifications');
    await user.click(await screen.findByRole('button', { name: 'Отметить прочитанным: Платёж зачислен' }));
    await waitFor(() => expect(api.callsTo('POST', '/me/notifications/n-1/read')).toHaveLength(1));
  });
});

describe('notification preferences', () => {
  const prefs: NotificationPreferenceView[] = [
    { type: 'balance.low', label: 'Низкий баланс', locked: false, channels: { sms: true, email: true, in_app: true } },
    { type: 'security.password_changed', label: 'Смена пароля', locked: true, channels: { sms: true, email: true, in_app: true } },
  ];

  it('switches one channel of one event off; security events cannot be switched', async () => {
    const api = signedIn(createFakeApi())
      .on('GET', '/me/notification-preferences', () => json(200, { items: prefs }))
      .on('PUT', '/me/notification-preferences', () =>
        json(200, { items: [{ ...prefs[0], channels: { sms: false, email: true, in_app: true } }, prefs[1]] }),
      );
    const { user } = renderApp('/profile/notifications');
    const sms = await screen.findByRole('checkbox', { name: 'Низкий баланс: SMS' });
    expect(screen.getByRole('checkbox', { name: 'Смена пароля: SMS' })).toBeDisabled();
    await user.click(sms);
    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'Низкий баланс: SMS' })).not.toBeChecked());
    expect(api.callsTo('PUT', '/me/notification-preferences')[0]?.body).toEqual({ changes: [{ type: 'balance.low', channel: 'sms', enabled: false }] });
  });

  it('when the API refuses (a locked event), then the message is shown', async () => {
    signedIn(createFakeApi())
      .on('GET', '/me/notification-preferences', () => json(200, { items: prefs }))
      .on('PUT', '/me/notification-preferences', () => problem(409, 'notification_locked'));
    const { user } = renderApp('/profile/notifications');
    await user.click(await screen.findByRole('checkbox', { name: 'Низкий баланс: E-mail' }));
    expect(await screen.findByText('Уведомления о безопасности нельзя отключить.')).toBeInTheDocument();
  });
});
