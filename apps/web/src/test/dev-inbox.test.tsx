import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi, json } from './fake-api';
import { renderApp } from './render-app';

const sms = {
  id: 'm-2',
  channel: 'sms',
  to: '+79210000001',
  subject: null,
  body: 'Код для восстановления пароля: 303657. Никому не сообщайте его.',
  status: 'sent',
  createdAt: '2026-11-22T04:45:17Z',
};
const mail = {
  id: 'm-1',
  channel: 'email',
  to: 'ivanov@example.ru',
  subject: 'Пароль изменён',
  body: 'Ваш пароль изменён.',
  status: 'sent',
  createdAt: '2026-11-22T04:40:00Z',
};

describe('dev inbox', () => {
  it('lists messages newest first with the code shown large, without signing in', async () => {
    const api = createFakeApi().on('GET', '/dev/outbox', () => json(200, { items: [sms, mail], nextCursor: null }));
    renderApp('/dev/inbox');

    const list = await screen.findByRole('list', { name: 'Тестовый почтовый ящик' });
    const [first, second] = within(list).getAllByRole('article');
    expect(first).toHaveAccessibleName('Кому: +7 921 000-00-01');
    expect(within(first!).getByText('303657', { selector: 'output' })).toBeInTheDocument();
    expect(second).toHaveAccessibleName('Кому: ivanov@example.ru');
    expect(within(second!).queryByRole('status')).not.toBeInTheDocument();
    expect(api.callsTo('GET', '/dev/outbox')[0]?.headers.get('Authorization')).toBeNull();
  });

  it('filters by a phone typed any way, asking the API with E.164', async () => {
    const api = createFakeApi().on('GET', '/dev/outbox', ({ url }) =>
      json(200, { items: url.searchParams.get('to') ? [sms] : [sms, mail], nextCursor: null }),
    );
    const { user, location } = renderApp('/dev/inbox');
    await screen.findByRole('list', { name: 'Тестовый почтовый ящик' });

    await user.type(screen.getByLabelText('Телефон или e-mail получателя'), '8 (921) 000-00-01');
    await user.click(screen.getByRole('button', { name: 'Показать' }));

    expect(location()).toBe('/dev/inbox?to=%2B79210000001');
    await screen.findByRole('button', { name: 'Сбросить' });
    const last = api.callsTo('GET', '/dev/outbox').at(-1);
    expect(last?.url.searchParams.get('to')).toBe('+79210000001');
  });

  it('when the inbox is off (404), then it says so', async () => {
    createFakeApi();
    renderApp('/dev/inbox');
    expect(await screen.findByText('Тестовый почтовый ящик выключен в этой среде.')).toBeInTheDocument();
  });
});
