import type { AccountView, CreatePaymentRequest } from '@cabinet/shared-types';
import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { browser } from '@/shared/lib/browser';
import { mobileAccount } from './account-fixtures';
import { createFakeApi, json, problem, signedIn, type FakeApi } from './fake-api';
import { mirCard, payment, savedCard } from './payment-fixtures';
import { renderApp } from './render-app';

/** Intl puts no-break spaces in money: compare with plain spaces. */
const plain = (value: string | null | undefined) => (value ?? '').replace(/[\u00a0\u202f]/g, ' ');

function setup(account: AccountView = mobileAccount(), cards = [savedCard(), mirCard]) {
  const api = signedIn(createFakeApi())
    .on('GET', `/accounts/${account.id}`, () => json(200, account))
    .on('GET', '/cards', () => json(200, { items: cards }));
  const assign = vi.spyOn(browser, 'assign').mockImplementation(() => undefined);
  return { api, assign };
}

const posted = (api: FakeApi) => api.callsTo('POST', '/payments');

describe('top-up page', () => {
  it('offers amount presets and the saved cards first with the default one chosen; checks the amount before sending', async () => {
    const { api } = setup();
    const { user } = renderApp('/accounts/a-1/top-up');

    await screen.findByRole('heading', { level: 1, name: 'Пополнение счёта' });
    const methods = await screen.findByRole('group', { name: 'Способ оплаты' });
    const radios = within(methods).getAllByRole('radio');
    expect(radios.map((radio) => plain(radio.closest('label')?.textContent))).toEqual([
      'Mastercard •••• 4444 · до 12/30 основная',
      'Мир •••• 0004 · до 12/30',
      'Другая карта',
      'СБП — из приложения банка',
      'Электронный кошелёк',
    ]);
    expect(within(methods).getByRole('radio', { name: /Mastercard •••• 4444/ })).toBeChecked();

    const amount = screen.getByLabelText('Сумма, ₽');
    await user.click(screen.getByRole('button', { name: 'Оплатить' }));
    expect(amount).toHaveAttribute('aria-invalid', 'true');
    expect(amount).toHaveAccessibleDescription(/Укажите сумму/);
    expect(amount).toHaveFocus();

    await user.type(amount, '5');
    await user.click(screen.getByRole('button', { name: /^Оплатить/ }));
    expect(amount).toHaveAccessibleDescription(/Не меньше 10\s₽/);

    await user.clear(amount);
    await user.type(amount, '20000');
    await user.click(screen.getByRole('button', { name: /^Оплатить/ }));
    expect(amount).toHaveAccessibleDescription(/Не больше 15\s000\s₽/);
    expect(posted(api)).toHaveLength(0);

    const presets = screen.getByRole('group', { name: 'Быстрый выбор суммы' });
    await user.click(within(presets).getByRole('button', { name: /^500/ }));
    expect(amount).toHaveValue('500');
    expect(within(presets).getByRole('button', { name: /^500/ })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: /^Оплатить 500\s₽$/ })).toBeInTheDocument();
  });

  it('with a saved card that pays at once, goes to the result page; the request names the card and carries an Idempotency-Key', async () => {
    const account = mobileAccount();
    const { api } = setup(account);
    api
      .on('POST', '/payments', () => json(201, payment({ method: 'saved_card', status: 'succeeded', confirmation: null, card: { last4: '0004', brand: 'mir' }, settledAt: '2026-11-22T09:00:05Z' })))
      .on('GET', '/payments/p-1', () => json(200, payment({ method: 'saved_card', status: 'succeeded', confirmation: null })));
    const { user, location } = renderApp('/accounts/a-1/top-up');

    await user.click(await screen.findByRole('radio', { name: /Мир •••• 0004/ }));
    await user.type(screen.getByLabelText('Сумма, ₽'), '500');
    await user.click(screen.getByRole('button', { name: /^Оплатить 500/ }));

    await screen.findByRole('heading', { level: 1, name: 'Платёж прошёл' });
    expect(location()).toBe('/payments/p-1');
    const request = posted(api)[0]!;
    expect(request.body).toEqual<CreatePaymentRequest>({
      accountId: 'a-1',
      amount: { amount: 50000, currency: 'RUB' },
      method: 'saved_card',
      cardId: 'card-2',
      returnUrl: '/payments/{id}',
    });
    expect(request.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('with a new card to be saved, sends the browser to the acquirer’s page', async () => {
    const { api, assign } = setup(mobileAccount(), []);
    api.on('POST', '/payments', () => json(201, payment()));
    const { user } = renderApp('/accounts/a-1/top-up?amount=30000');

    const card = await screen.findByRole('radio', { name: 'Банковская карта' });
    expect(card).toBeChecked();
    expect(screen.getByLabelText('Сумма, ₽')).toHaveValue('300');
    await user.click(screen.getByRole('checkbox', { name: 'Сохранить карту для следующих платежей' }));
    await user.click(screen.getByRole('button', { name: /^Оплатить 300/ }));

    await vi.waitFor(() => expect(assign).toHaveBeenCalledWith('/api/sandbox/acquirer/pay/sbx_1'));
    expect(posted(api)[0]?.body).toMatchObject({ method: 'bank_card', saveCard: true, amount: { amount: 30000 } });
    expect(screen.getByText('Переходим на страницу оплаты банка…')).toBeInTheDocument();
  });

  it('when the answer is lost, pressing again resends with the same Idempotency-Key; another amount is a new attempt', async () => {
    const { api, assign } = setup();
    api
      .once('POST', '/payments', () => {
        throw new TypeError('Failed to fetch');
      })
      .once('POST', '/payments', () => problem(503, 'service_unavailable'))
      .once('POST', '/payments', () => problem(422, 'card_expired'))
      .on('POST', '/payments', () => json(201, payment({ method: 'saved_card', confirmation: { type: 'redirect', url: '/api/sandbox/acquirer/3ds/sbx_2' } })));
    const { user } = renderApp('/accounts/a-1/top-up');

    const amount = await screen.findByLabelText('Сумма, ₽');
    await user.type(amount, '500');
    await user.click(screen.getByRole('button', { name: /^Оплатить 500/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Нет связи с сервером');
    await user.click(screen.getByRole('button', { name: /^Оплатить 500/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Сервис временно недоступен');

    await user.clear(amount);
    await user.type(amount, '700');
    await user.click(screen.getByRole('button', { name: /^Оплатить 700/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Срок действия карты истёк');
    // A refusal is an answer: the next press is a new attempt even with the same amount.
    await user.click(screen.getByRole('button', { name: /^Оплатить 700/ }));
    await vi.waitFor(() => expect(assign).toHaveBeenCalledWith('/api/sandbox/acquirer/3ds/sbx_2'));

    const keys = posted(api).map((call) => call.headers.get('Idempotency-Key'));
    expect(keys).toHaveLength(4);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[1]);
    expect(keys[3]).not.toBe(keys[2]);
    expect(posted(api).map((call) => (call.body as CreatePaymentRequest).amount.amount)).toEqual([50000, 50000, 70000, 70000]);
  });

  it('a viewer may pay into the account too', async () => {
    const { api } = setup(mobileAccount({ access: 'viewer' }), []);
    api.on('POST', '/payments', () => json(201, payment({ method: 'sbp', amount: { amount: 10000, currency: 'RUB' }, confirmation: { type: 'qr', url: '/api/sandbox/acquirer/sbp/sbx_3', qrData: 'https://qr.nspk.ru/SANDBOX3' } })));
    const { user } = renderApp('/accounts/a-1/top-up');

    await user.click(await screen.findByRole('radio', { name: 'СБП — из приложения банка' }));
    await user.type(screen.getByLabelText('Сумма, ₽'), '100');
    await user.click(screen.getByRole('button', { name: /^Оплатить 100/ }));

    // The QR is drawn from the POST's answer, without asking again.
    const qr = await screen.findByRole('img', { name: /QR-код для оплаты 100\s₽ по СБП/ });
    expect(qr).toHaveAttribute('data-qr', 'https://qr.nspk.ru/SANDBOX3');
    expect(qr.querySelector('path')?.getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
    expect(screen.getByRole('link', { name: 'Открыть приложение банка' })).toHaveAttribute('href', '/api/sandbox/acquirer/sbp/sbx_3');
    expect(posted(api)[0]?.body).toMatchObject({ method: 'sbp', amount: { amount: 10000 } });
  });
});
