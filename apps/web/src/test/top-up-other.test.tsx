import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from '@/shared/lib/browser';
import { mobileAccount } from './account-fixtures';
import { createFakeApi, json, signedIn } from './fake-api';
import { renderApp } from './render-app';

afterEach(() => vi.restoreAllMocks());

describe('top up another number', () => {
  it('when a customer tops up a friend’s number, then only the masked name is shown and the card payment goes to the acquirer', async () => {
    const assign = vi.spyOn(browser, 'assign').mockImplementation(() => undefined);
    const api = signedIn(createFakeApi())
      .on('GET', '/accounts', () => json(200, { items: [mobileAccount()], nextCursor: null }))
      .on('GET', '/payments', () => json(200, { items: [], nextCursor: null }))
      .on('GET', '/payments/recipient', () => json(200, { number: '+79210000007', kind: 'mobile', maskedName: 'Елена С.' }))
      .on('POST', '/payments/other', () => json(201, { id: 'p-9', status: 'pending', confirmation: { type: 'redirect', url: '/api/sandbox/acquirer/pay/x' } }));
    const { user } = renderApp('/payments');
    await user.click(await screen.findByRole('link', { name: 'Пополнить другой номер' }, { timeout: 5000 }));
    await user.type(await screen.findByRole('textbox', { name: 'Номер телефона или договора' }), '8 921 000-00-07');
    await user.click(screen.getByRole('button', { name: 'Найти' }));
    expect(await screen.findByRole('status', { name: 'Получатель' })).toHaveTextContent('Елена С.');
    expect(api.callsTo('GET', '/payments/recipient')[0]!.url.searchParams.get('number')).toBe('+79210000007');
    await user.type(screen.getByRole('textbox', { name: /Сумма/ }), '200');
    await user.click(screen.getByRole('button', { name: /200/ }));
    expect(assign).toHaveBeenCalledWith('/api/sandbox/acquirer/pay/x');
    const [call] = api.callsTo('POST', '/payments/other');
    expect(call!.body).toEqual({ number: '+79210000007', amount: { amount: 200_00, currency: 'RUB' }, method: 'bank_card', returnUrl: '/payments/{id}' });
    expect(call!.headers.get('Idempotency-Key')).toBeTruthy();
  });
});
