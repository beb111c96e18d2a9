import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { admin, application, card, operator } from './backoffice-fixtures';
import { createFakeApi, customer, json, signedIn } from './fake-api';
import { renderApp } from './render-app';

const summary = {
  queues: [
    { key: 'mobile', open: 2, new: 2 },
    { key: 'internet', open: 1, new: 0 },
    { key: 'callback', open: 1, new: 1 },
    { key: 'sim', open: 0, new: 0 },
    { key: 'number', open: 0, new: 0 },
  ],
  numbersAvailable: 18,
};

describe('back office', () => {
  it('when staff sign in, then they land in the console with its own navigation, loans in review and phone changes among it', async () => {
    signedIn(createFakeApi(), operator).on('GET', '/backoffice/summary', () => json(200, summary));
    const { location } = renderApp('/');
    // The console is its own chunk: its first load takes a moment.
    expect(await screen.findByRole('heading', { level: 1, name: 'Здравствуйте, Ольга' }, { timeout: 5000 })).toBeInTheDocument();
    expect(location()).toBe('/backoffice');
    const queues = await screen.findByRole('list', { name: 'Очереди' });
    expect(within(queues).getByRole('article', { name: 'Заявки на мобильную связь' })).toHaveTextContent('2 открыты2 новые');
    const nav = screen.getByRole('navigation', { name: 'Разделы back office' });
    expect(within(nav).getByRole('link', { name: 'Клиенты' })).toHaveAttribute('href', '/backoffice/customers');
    expect(within(nav).getByRole('link', { name: 'Займы на проверке' })).toHaveAttribute('href', '/backoffice/loans');
    expect(within(nav).getByRole('link', { name: 'Смена телефона' })).toHaveAttribute('href', '/backoffice/phone-changes');
    // Admin sections are not offered to an operator.
    expect(within(nav).queryByRole('link', { name: 'Журнал действий' })).not.toBeInTheDocument();
  });

  it('when a subscriber opens the console, then they are sent to their home page', async () => {
    signedIn(createFakeApi(), customer).on('GET', '/accounts', () => json(200, { items: [], nextCursor: null }));
    const { location } = renderApp('/backoffice/customers');
    await screen.findByRole('heading', { level: 1, name: /Здравствуйте, Иван/ });
    expect(location()).toBe('/');
  });

  it('when an operator processes a mobile application, then the ICCID and the customer’s name go to the API and the result is shown', async () => {
    let processed = false;
    const api = signedIn(createFakeApi(), operator)
      .on('GET', '/backoffice/applications/app-1', () =>
        json(
          200,
          processed
            ? application({ status: 'done', result: { customerId: 'c-9', accountId: 'a-9', lineId: 'l-9', contractId: null, login: '+79215550101', newCustomer: true } })
            : application(),
        ),
      )
      .on('GET', '/backoffice/numbers', () => json(200, { items: [], nextCursor: null }))
      .on('POST', '/backoffice/applications/app-1/process', () => {
        processed = true;
        return json(200, application({ status: 'done' }));
      });
    const { user } = renderApp('/backoffice/applications/app-1');
    const form = await screen.findByRole('form', { name: 'Оформление' });
    await user.type(within(form).getByRole('textbox', { name: 'ICCID SIM-карты' }), '8970 1992 5000 0014 821');
    await user.type(within(form).getByRole('textbox', { name: 'Фамилия' }), 'Соколова');
    expect(within(form).getByRole('textbox', { name: 'Имя' })).toHaveValue('Мария');
    await user.click(within(form).getByRole('button', { name: 'Оформить и отправить SMS' }));
    expect(await screen.findByText(/клиент создан, логин \+7 921 555-01-01/)).toBeInTheDocument();
    const [call] = api.callsTo('POST', '/backoffice/applications/app-1/process');
    expect(call!.body).toEqual({ iccid: '8970199250000014821', customer: { surname: 'Соколова', name: 'Мария' } });
    expect(call!.headers.get('Idempotency-Key')).toBeTruthy();
  });

  it('when a rejection has no reason, then the form asks for one and sends nothing', async () => {
    const api = signedIn(createFakeApi(), operator)
      .on('GET', '/backoffice/applications/app-1', () => json(200, application()))
      .on('GET', '/backoffice/numbers', () => json(200, { items: [], nextCursor: null }));
    const { user } = renderApp('/backoffice/applications/app-1');
    const form = await screen.findByRole('form', { name: 'Статус' });
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Новый статус' }), 'rejected');
    await user.click(within(form).getByRole('button', { name: 'Сохранить статус' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('Укажите причину');
    expect(api.callsTo('POST', '/backoffice/applications/app-1/status')).toHaveLength(0);
  });

  it('when the customer card is opened by an operator, there is no adjustment; an admin adjusts with a reason and an Idempotency-Key', async () => {
    signedIn(createFakeApi(), operator).on('GET', '/backoffice/customers/c-1', () => json(200, card()));
    const first = renderApp('/backoffice/customers/c-1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Иванов Иван Иванович' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Заказы SIM-карт и номеров' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'O-100001 · SIM-карта' })).toHaveAttribute('href', '/backoffice/orders/o-1');
    expect(screen.queryByRole('form', { name: /Корректировка/ })).not.toBeInTheDocument();
    first.unmount();

    const api = signedIn(createFakeApi(), admin)
      .on('GET', '/backoffice/customers/c-1', () => json(200, card()))
      .on('POST', '/backoffice/accounts/a-1/adjustments', () =>
        json(201, { entryId: 'e-1', accountId: 'a-1', amount: { amount: 15000, currency: 'RUB' }, balanceBefore: { amount: 34250, currency: 'RUB' }, balanceAfter: { amount: 49250, currency: 'RUB' }, reason: 'Компенсация', createdAt: '2026-11-22T09:00:00Z' }),
      )
      .on('DELETE', '/backoffice/customers/c-1/sessions/s-9', () => new Response(null, { status: 204 }));
    const { user } = renderApp('/backoffice/customers/c-1');
    const form = await screen.findByRole('form', { name: 'Корректировка счёта 7000001' });
    await user.type(within(form).getByRole('textbox', { name: 'Сумма, ₽' }), '150');
    await user.click(within(form).getByRole('button', { name: 'Провести' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('Укажите причину');
    await user.type(within(form).getByRole('textbox', { name: /Причина/ }), 'Компенсация');
    await user.click(within(form).getByRole('button', { name: 'Провести' }));
    expect(await within(form).findByRole('status')).toHaveTextContent(/Баланс 492,50/);
    const [call] = api.callsTo('POST', '/backoffice/accounts/a-1/adjustments');
    expect(call!.body).toEqual({ direction: 'credit', amount: { amount: 15000, currency: 'RUB' }, reason: 'Компенсация' });
    expect(call!.headers.get('Idempotency-Key')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Завершить' }));
    expect(await screen.findByText('Сеанс завершён.')).toBeInTheDocument();
    expect(api.callsTo('DELETE', '/backoffice/customers/c-1/sessions/s-9')).toHaveLength(1);
  });

  it('when an operator opens an admin page by its address, then they are sent back to the console', async () => {
    signedIn(createFakeApi(), operator).on('GET', '/backoffice/summary', () => json(200, summary));
    const { location } = renderApp('/backoffice/audit');
    await screen.findByRole('heading', { level: 1, name: 'Здравствуйте, Ольга' });
    expect(location()).toBe('/backoffice');
  });
});
