import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { browser } from '@/shared/lib/browser';
import { createFakeApi, json, noContent, problem, signedIn } from './fake-api';
import { mirCard, payment, receipt, savedCard } from './payment-fixtures';
import { renderApp } from './render-app';

const plain = (value: string | null | undefined) => (value ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('receipt page', () => {
  it('shows every receipt field and prints', async () => {
    signedIn(createFakeApi()).on('GET', '/payments/p-1/receipt', () => json(200, receipt()));
    const print = vi.spyOn(browser, 'print').mockImplementation(() => undefined);
    const { user } = renderApp('/payments/p-1/receipt');

    await screen.findByRole('heading', { level: 1, name: 'Чек № R-000123' });
    const text = plain(screen.getByRole('article', { name: 'Кассовый чек · Приход' }).textContent);
    for (const expected of [
      '22 нояб. 2026 г., 12:01',
      'ООО «Кабинет Связь»',
      'ИНН7801234567',
      'УСН доходы',
      'https://cabinet.example',
      'Пополнение лицевого счёта 7000001',
      'без НДС · услуга · предоплата 100 %',
      'Итого: 500 ₽',
      'Банковская карта · Mastercard •••• 4444',
      '+79210000001',
      'ФН9999078900004792',
      'ФД12345',
      'ФПДещё не присвоен',
    ]) {
      expect(text).toContain(expected);
    }
    const row = within(screen.getByRole('table')).getByRole('row', { name: /Пополнение/ });
    expect(plain(row.textContent)).toMatch(/1500 ₽500 ₽$/);

    await user.click(screen.getByRole('button', { name: 'Распечатать' }));
    expect(print).toHaveBeenCalledOnce();
  });

  it('for a payment that has not succeeded, says what is wrong', async () => {
    signedIn(createFakeApi()).on('GET', '/payments/p-1/receipt', () => problem(409, 'payment_not_pending'));
    renderApp('/payments/p-1/receipt');
    expect(await screen.findByRole('alert')).toHaveTextContent('Этот платёж уже завершён.');
  });
});

describe('cards page', () => {
  it('lists the cards, the default one first and marked in words; another is made default', async () => {
    let cards = [mirCard, savedCard()];
    const api = signedIn(createFakeApi())
      .on('GET', '/cards', () => json(200, { items: cards }))
      .on('POST', '/cards/card-2/default', () => {
        cards = [savedCard({ isDefault: false }), { ...mirCard, isDefault: true }];
        return noContent();
      });
    const { user } = renderApp('/cards');

    const list = await screen.findByRole('list', { name: 'Ваши карты' });
    const items = within(list).getAllByRole('article');
    expect(items.map((item) => item.getAttribute('aria-labelledby') && within(item).getByRole('heading').textContent)).toEqual([
      'Mastercard •••• 4444',
      'Мир •••• 0004',
    ]);
    expect(items[0]).toHaveTextContent('основная');
    expect(items[0]).toHaveTextContent('IVAN IVANOV');
    expect(within(items[0]!).queryByRole('button', { name: 'Сделать основной' })).not.toBeInTheDocument();

    await user.click(within(items[1]!).getByRole('button', { name: 'Сделать основной' }));
    expect(await screen.findByText('Карта Мир •••• 0004 теперь основная.')).toBeInTheDocument();
    expect(api.callsTo('POST', '/cards/card-2/default')).toHaveLength(1);
    await vi.waitFor(() =>
      expect(within(screen.getByRole('list', { name: 'Ваши карты' })).getAllByRole('heading')[0]).toHaveTextContent('Мир •••• 0004'),
    );
  });

  it('deletes a card only after a confirmation', async () => {
    let cards = [savedCard(), mirCard];
    const api = signedIn(createFakeApi())
      .on('GET', '/cards', () => json(200, { items: cards }))
      .on('DELETE', '/cards/card-2', () => {
        cards = [savedCard()];
        return noContent();
      });
    const { user } = renderApp('/cards');

    const mir = await screen.findByRole('article', { name: 'Мир •••• 0004' });
    await user.click(within(mir).getByRole('button', { name: 'Удалить карту' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Удалить карту?' });
    expect(dialog).toHaveTextContent('Карта Мир •••• 0004 будет удалена');
    expect(api.callsTo('DELETE', '/cards/card-2')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Удалить карту' }));

    expect(await screen.findByText('Карта Мир •••• 0004 удалена.')).toBeInTheDocument();
    await vi.waitFor(() => expect(screen.queryByRole('article', { name: 'Мир •••• 0004' })).not.toBeInTheDocument());
  });

  it('"Подключить карту" starts a 1 ₽ binding and sends the browser to the acquirer; back with ?bound= it waits and shows the card', async () => {
    let cards = [savedCard()];
    const api = signedIn(createFakeApi())
      .on('GET', '/cards', () => json(200, { items: cards }))
      .on('POST', '/cards', () => json(201, { paymentId: 'p-9', confirmation: { type: 'redirect', url: '/api/sandbox/acquirer/pay/sbx_9' } }));
    const assign = vi.spyOn(browser, 'assign').mockImplementation(() => undefined);
    const first = renderApp('/cards');

    await screen.findByText(/банк спишет 1\s₽ и сразу вернёт/);
    await first.user.click(screen.getByRole('button', { name: 'Подключить карту' }));
    await vi.waitFor(() => expect(assign).toHaveBeenCalledWith('/api/sandbox/acquirer/pay/sbx_9'));
    expect(api.callsTo('POST', '/cards')[0]?.body).toEqual({ returnUrl: '/cards?bound={id}' });
    expect(api.callsTo('POST', '/cards')[0]?.headers.get('Idempotency-Key')).toBeTruthy();
    first.unmount();

    // The acquirer sends the browser back.
    let settled = false;
    api.on('GET', '/payments/p-9', () =>
      json(
        200,
        settled
          ? payment({ id: 'p-9', purpose: 'card_binding', status: 'succeeded', confirmation: null, amount: { amount: 100, currency: 'RUB' }, card: { last4: '0004', brand: 'mir' } })
          : payment({ id: 'p-9', purpose: 'card_binding', confirmation: null }),
      ),
    );
    renderApp('/cards?bound=p-9');
    expect(await screen.findByText('Проверяем карту…')).toBeInTheDocument();
    settled = true;
    cards = [savedCard(), mirCard];
    expect(await screen.findByText('Карта Мир •••• 0004 подключена.', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(await screen.findByRole('article', { name: 'Мир •••• 0004' })).toBeInTheDocument();
  });

  it('back from a failed binding, the reason is said in words', async () => {
    signedIn(createFakeApi())
      .on('GET', '/cards', () => json(200, { items: [] }))
      .on('GET', '/payments/p-9', () =>
        json(200, payment({ id: 'p-9', purpose: 'card_binding', status: 'canceled', confirmation: null, cancellationReason: '3d_secure_failed' })),
      );
    renderApp('/cards?bound=p-9');
    const alert = await screen.findByText(/^Карту подключить не удалось\./);
    expect(alert).toHaveAttribute('role', 'alert');
    expect(alert).toHaveTextContent('Карту подключить не удалось. Банк не подтвердил платёж: код 3-D Secure не введён или введён неверно.');
    expect(screen.getByText('Сохранённых карт нет.')).toBeInTheDocument();
  });
});
