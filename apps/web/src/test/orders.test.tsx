import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mobileAccount, tariff } from './account-fixtures';
import { beautiful, order } from './backoffice-fixtures';
import { createFakeApi, json, problem, signedIn } from './fake-api';
import { renderApp } from './render-app';

describe('beautiful-number catalog', () => {
  it('when a visitor opens it, then numbers show the 50 % price beside the operator’s and lead to a connection application; filters go to the API and the URL', async () => {
    const api = createFakeApi()
      .on('GET', '/numbers', () => json(200, { items: [beautiful()], nextCursor: null }))
      .on('GET', '/number-categories', () => json(200, { items: [] }));
    const { user, location } = renderApp('/numbers');

    const card = await screen.findByRole('article', { name: '+7 921 777-77-77' });
    expect(card.textContent?.replace(/\u00a0/g, ' ')).toMatch(/50 000 ₽.*100 000 ₽/);
    expect(within(card).getByText('Платиновый')).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: 'Подключить с этим номером: +7 921 777-77-77' })).toHaveAttribute('href', '/connect?numberId=n-1');
    expect(within(card).getByRole('link', { name: 'Войти и купить' })).toHaveAttribute('href', `/login?next=${encodeURIComponent('/orders/new/number?numberId=n-1')}`);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Узор' }), 'mirror');
    await user.type(screen.getByRole('textbox', { name: /Цифры в номере/ }), '777');
    await user.click(screen.getByRole('button', { name: 'Найти' }));
    expect(location()).toBe('/numbers?pattern=mirror&digits=777');
    const last = api.callsTo('GET', '/numbers').at(-1)!;
    expect([last.url.searchParams.get('pattern'), last.url.searchParams.get('digits')]).toEqual(['mirror', '777']);
  });
});

describe('the customer’s orders', () => {
  it('when a signed-in customer buys a number for a line, then the order is placed with an Idempotency-Key and its page shows the status', async () => {
    const api = signedIn(createFakeApi())
      .on('GET', '/numbers/n-2', () => json(200, { ...beautiful({ id: 'n-2', msisdn: '+79211234567', category: 'gold', price: { amount: 1_500_000, currency: 'RUB' } }), available: true }))
      .on('GET', '/accounts', () => json(200, { items: [mobileAccount()], nextCursor: null }))
      .on('GET', '/tariffs', () => json(200, { items: [tariff()], nextCursor: null }))
      .on('POST', '/orders/number', () => json(201, order()))
      .on('GET', '/orders/o-1', () => json(200, order()));
    const { user, location } = renderApp('/orders/new/number?numberId=n-2');

    expect(await screen.findByRole('heading', { level: 1, name: 'Номер +7 921 123-45-67' })).toBeInTheDocument();
    // The MegaFon number fits the MegaFon line, not the Tele2 one.
    expect(screen.getByRole('radio', { name: /Вместо номера \+7 921 000-00-01/ })).toBeInTheDocument();
    expect(screen.queryByRole('radio', { name: /\+7 952 000-00-11/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /Купить за 15\s000/ }));
    expect(await screen.findByText('Выберите, куда подключить номер')).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: /Вместо номера \+7 921 000-00-01/ }));
    await user.click(screen.getByRole('button', { name: /Купить за 15\s000/ }));

    expect(await screen.findByRole('heading', { level: 1, name: /Заказ O-100001/ })).toBeInTheDocument();
    expect(location()).toBe('/orders/o-1');
    const [call] = api.callsTo('POST', '/orders/number');
    expect(call!.body).toEqual({ numberId: 'n-2', accountId: 'a-1', lineId: 'l-1' });
    expect(call!.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(screen.getByRole('list', { name: 'История заказа' })).toHaveTextContent('Новая');
  });

  it('when the number was taken meanwhile, then the answer says so', async () => {
    signedIn(createFakeApi())
      .on('GET', '/numbers/n-2', () => json(200, { ...beautiful({ id: 'n-2' }), available: true }))
      .on('GET', '/accounts', () => json(200, { items: [mobileAccount()], nextCursor: null }))
      .on('GET', '/tariffs', () => json(200, { items: [tariff()], nextCursor: null }))
      .on('POST', '/orders/number', () => problem(409, 'number_unavailable'));
    const { user } = renderApp('/orders/new/number?numberId=n-2');
    await user.click(await screen.findByRole('radio', { name: /Вместо номера \+7 921 000-00-01/ }));
    await user.click(screen.getByRole('button', { name: /Купить за/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Этот номер только что заняли');
  });

  it('when a new order is canceled, then the API is asked and the page says the money came back', async () => {
    let canceled = false;
    const api = signedIn(createFakeApi())
      .on('GET', '/orders', () => json(200, { items: [order()], nextCursor: null }))
      .on('GET', '/orders/o-1', () => json(200, order({ status: canceled ? 'canceled' : 'new' })))
      .on('POST', '/orders/o-1/cancel', () => {
        canceled = true;
        return json(200, order({ status: 'canceled' }));
      });
    const { user } = renderApp('/orders');
    const list = await screen.findByRole('list', { name: 'Ваши заказы' });
    expect(within(list).getByText('Новая')).toBeInTheDocument();
    await user.click(within(list).getByRole('link', { name: /O-100001/ }));
    await user.click(await screen.findByRole('button', { name: 'Отменить заказ' }, { timeout: 5000 }));
    expect(await screen.findByRole('status')).toHaveTextContent('деньги вернулись на счёт');
    expect(api.callsTo('POST', '/orders/o-1/cancel')).toHaveLength(1);
  });
});

describe('closing an account', () => {
  const setup = () =>
    signedIn(createFakeApi())
      .on('GET', '/accounts', () => json(200, { items: [mobileAccount()], nextCursor: null }))
      .on('GET', '/accounts/a-1', () => json(200, mobileAccount()))
      .on('GET', '/accounts/a-1/promised-payment', () => json(200, { available: false, reason: 'already_open', maxAmount: { amount: 0, currency: 'RUB' }, fees: [], days: 3, open: null }))
      .on('GET', '/tariffs', () => json(200, { items: [tariff()], nextCursor: null }))
      .on('GET', '/tariff-options', () => json(200, { items: [], nextCursor: null }));

  it('when something is owed, then the dialog lists what to settle first and offers no closing', async () => {
    setup().on('GET', '/accounts/a-1/closure', () =>
      json(200, {
        allowed: false,
        blockers: [
          { code: 'negative_balance', detail: 'Pay the debt of 123,45 ₽ first.', amount: { amount: 12345, currency: 'RUB' } },
          { code: 'promised_payment_open', detail: 'Repay…', amount: { amount: 20000, currency: 'RUB' } },
        ],
      }),
    );
    const { user } = renderApp('/accounts/a-1');
    await user.click(await screen.findByRole('button', { name: 'Закрыть счёт' }, { timeout: 5000 }));
    const dialog = await screen.findByRole('dialog', { name: 'Закрыть счёт 7000001' });
    const list = await within(dialog).findByRole('list', { name: 'Сначала нужно:' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent?.replace(/\u00a0/g, ' '))).toEqual(['погасить долг 123,45 ₽', 'вернуть обещанный платёж: осталось 200 ₽']);
    expect(within(dialog).queryByRole('button', { name: 'Закрыть счёт' })).not.toBeInTheDocument();
  });

  it('when nothing is owed, then confirming closes it', async () => {
    const api = setup()
      .on('GET', '/accounts/a-1/closure', () => json(200, { allowed: true, blockers: [] }))
      .on('POST', '/accounts/a-1/close', () => json(200, mobileAccount({ status: 'closed' })));
    const { user } = renderApp('/accounts/a-1');
    await user.click(await screen.findByRole('button', { name: 'Закрыть счёт' }));
    const dialog = await screen.findByRole('dialog', { name: 'Закрыть счёт 7000001' });
    expect(await within(dialog).findByText(/история останется доступна/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Закрыть счёт' }));
    await screen.findByRole('button', { name: 'Закрыть счёт' }); // the dialog closed; the page refetched
    expect(api.callsTo('POST', '/accounts/a-1/close')).toHaveLength(1);
  });
});

describe('SIM order with pick-up', () => {
  it('when pick-up is chosen, then the SIM pick-up points are offered and the chosen one goes with the order', async () => {
    const point = { id: 'of-3', code: 'spb-pickup-sadovaya', kind: 'pickup', name: 'Пункт выдачи «Садовая»', city: 'Санкт-Петербург', address: 'ул. Садовая, д. 42', latitude: 59.93, longitude: 30.32, phone: null, hours: [], simPickup: true, maps: { yandex: 'https://yandex.ru/maps/', google: 'https://www.google.com/maps/' } };
    const placed = order({ id: 'o-2', kind: 'sim', beautifulNumber: null, tariff: { id: 't-vse', name: 'Без переплат. Всё' }, delivery: 'pickup', address: 'Пункт выдачи «Садовая»: Санкт-Петербург, ул. Садовая, д. 42', pickupOfficeId: 'of-3' });
    const api = signedIn(createFakeApi())
      .on('GET', '/accounts', () => json(200, { items: [mobileAccount()], nextCursor: null }))
      .on('GET', '/tariffs', () => json(200, { items: [tariff()], nextCursor: null }))
      .on('GET', '/offices', () => json(200, { items: [point] }))
      .on('POST', '/orders/sim', () => json(201, placed))
      .on('GET', '/orders/o-2', () => json(200, placed));
    const { user } = renderApp('/orders/new/sim');
    const form = await screen.findByRole('form');
    await user.selectOptions(within(form).getByLabelText('Тариф'), 't-vse');
    await user.click(within(form).getByRole('radio', { name: 'В офисе' }));
    const select = await within(form).findByLabelText('Пункт выдачи');
    await within(select).findByRole('option', { name: /Садовая/ });
    await user.selectOptions(select, 'of-3');
    await user.click(within(form).getByRole('button', { name: 'Заказать' }));

    expect(await screen.findByText('Самовывоз: Пункт выдачи «Садовая»: Санкт-Петербург, ул. Садовая, д. 42')).toBeInTheDocument();
    expect(api.callsTo('POST', '/orders/sim')[0]!.body).toEqual({ accountId: 'a-1', tariffId: 't-vse', delivery: 'pickup', pickupOfficeId: 'of-3' });
    expect(api.callsTo('GET', '/offices')[0]!.url.searchParams.get('simPickup')).toBe('true');
  });
});

