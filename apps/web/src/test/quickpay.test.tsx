import type { QuickPayView } from '@cabinet/shared-types';
import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from '@/shared/lib/browser';
import { createFakeApi, json, problem } from './fake-api';
import { renderApp } from './render-app';

const captcha = { id: '0b6f9c0e-6d1e-4c61-9a86-2c1f0b0e7a11', image: 'data:image/svg+xml;base64,PHN2Zy8+', expiresAt: '2026-11-22T09:05:00Z' };
const recipient = { number: '+79210000001', kind: 'mobile' as const, maskedName: 'Иван П.' };

function payment(over: Partial<QuickPayView> = {}): QuickPayView {
  return {
    id: 'p-1',
    recipient,
    amount: { amount: 500_00, currency: 'RUB' },
    method: 'bank_card',
    status: 'pending',
    confirmation: { type: 'redirect', url: '/api/sandbox/acquirer/pay/sp-1' },
    cancellationReason: null,
    createdAt: '2026-11-22T09:00:00Z',
    settledAt: null,
    ...over,
  };
}

afterEach(() => vi.restoreAllMocks());

describe('pay without signing in', () => {
  it('when a visitor enters a number, then only the masked name is shown; paying by card sends the browser to the acquirer with an Idempotency-Key', async () => {
    const assign = vi.spyOn(browser, 'assign').mockImplementation(() => undefined);
    const api = createFakeApi()
      .on('POST', '/pay/recipient', () => json(200, recipient))
      .on('POST', '/pay', () => json(201, payment()));
    const { user } = renderApp('/login');

    // Linked from the header and from the sign-in form.
    await waitFor(() => expect(screen.getAllByRole('link', { name: 'Оплатить без входа' })).toHaveLength(2), { timeout: 5000 });
    await user.click(screen.getAllByRole('link', { name: 'Оплатить без входа' })[1]!);
    await screen.findByRole('heading', { level: 1, name: 'Оплатить без входа' }, { timeout: 5000 });
    await user.type(screen.getByRole('textbox', { name: /Номер телефона или договора/ }), '8 921 000-00-01');
    await user.click(screen.getByRole('button', { name: 'Найти' }));

    const who = await screen.findByRole('status', { name: 'Получатель' });
    expect(who).toHaveTextContent('Иван П.');
    expect(who).toHaveTextContent('+7 921 000-00-01');
    expect(api.callsTo('POST', '/pay/recipient')[0]!.body).toEqual({ number: '+79210000001' });
    expect(api.callsTo('POST', '/pay/recipient')[0]!.headers.get('Authorization')).toBeNull();

    await user.click(screen.getByRole('button', { name: /500/ }));
    await user.click(screen.getByRole('button', { name: /^Оплатить 500/ }));
    expect(assign).toHaveBeenCalledWith('/api/sandbox/acquirer/pay/sp-1');
    const [call] = api.callsTo('POST', '/pay');
    expect(call!.body).toEqual({ number: '+79210000001', amount: { amount: 500_00, currency: 'RUB' }, method: 'bank_card', returnUrl: '/pay/{id}' });
    expect(call!.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when the number is unknown, then the page says so; a wrong number is caught before sending', async () => {
    const api = createFakeApi().on('POST', '/pay/recipient', () => problem(404, 'recipient_not_found'));
    const { user } = renderApp('/pay');
    await screen.findByRole('heading', { level: 1, name: 'Оплатить без входа' }, { timeout: 5000 });
    await user.type(screen.getByRole('textbox', { name: /Номер телефона или договора/ }), 'abc');
    await user.click(screen.getByRole('button', { name: 'Найти' }));
    expect(await screen.findByText(/Введите номер телефона/)).toBeInTheDocument();
    expect(api.callsTo('POST', '/pay/recipient')).toHaveLength(0);
    await user.clear(screen.getByRole('textbox', { name: /Номер телефона или договора/ }));
    await user.type(screen.getByRole('textbox', { name: /Номер телефона или договора/ }), '+7 921 000-00-09');
    await user.click(screen.getByRole('button', { name: 'Найти' }));
    expect(await screen.findByText(/Такой номер не найден/)).toBeInTheDocument();
  });

  it('when the API asks for a captcha, then the picture appears and the answer goes with the next look-up', async () => {
    const api = createFakeApi()
      .once('POST', '/pay/recipient', () => problem(428, 'captcha_required', { captcha }))
      .on('POST', '/pay/recipient', () => json(200, recipient));
    const { user } = renderApp('/pay');
    await screen.findByRole('heading', { level: 1, name: 'Оплатить без входа' }, { timeout: 5000 });
    await user.type(screen.getByRole('textbox', { name: /Номер телефона или договора/ }), '89210000001');
    await user.click(screen.getByRole('button', { name: 'Найти' }));
    await user.type(await screen.findByRole('textbox', { name: 'Символы с картинки' }), 'k3d8p');
    await user.click(screen.getByRole('button', { name: 'Найти' }));
    expect(await screen.findByRole('status', { name: 'Получатель' })).toHaveTextContent('Иван П.');
    expect(api.callsTo('POST', '/pay/recipient')[1]!.body).toEqual({ number: '+79210000001', captcha: { id: captcha.id, answer: 'k3d8p' } });
  });

  it('when the payer comes back from the acquirer, then the outcome is shown with the masked name and no balance', async () => {
    createFakeApi().on('GET', '/pay/p-1', () => json(200, payment({ status: 'succeeded', confirmation: null, settledAt: '2026-11-22T09:01:00Z' })));
    renderApp('/pay/p-1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Платёж прошёл' }, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Иван П.');
    expect(screen.getByRole('link', { name: 'Оплатить ещё' })).toHaveAttribute('href', '/pay');
  });
});
