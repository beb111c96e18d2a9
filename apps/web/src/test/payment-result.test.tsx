import { CancellationReasons, type CancellationReason } from '@cabinet/shared-types';
import { act, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mobileAccount } from './account-fixtures';
import { createFakeApi, json, problem, signedIn } from './fake-api';
import { payment, rub } from './payment-fixtures';
import { renderApp } from './render-app';

async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

function useFakeClock() {
  // Testing Library drives fake timers only when it sees Jest's API; give it Vitest's.
  vi.stubGlobal('jest', { advanceTimersByTime: (ms: number) => vi.advanceTimersByTime(ms) });
  vi.useFakeTimers({ shouldAdvanceTime: false, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
}

describe('payment result page', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('while pending, it reads the payment every 2 s and says so in a live region; then shows the new balance and the receipt link', async () => {
    useFakeClock();
    let approved = false;
    const api = signedIn(createFakeApi())
      .on('GET', '/payments/p-1', () =>
        json(
          200,
          approved
            ? payment({ status: 'succeeded', confirmation: null, card: { last4: '4444', brand: 'mastercard' }, settledAt: '2026-11-22T09:01:00Z' })
            : payment({ confirmation: null }),
        ),
      )
      .on('GET', '/accounts/a-1', () => json(200, mobileAccount({ balance: rub(approved ? 84250 : 34250) })));
    renderApp('/payments/p-1', { fakeTimers: true });

    await vi.waitFor(() => screen.getByRole('heading', { level: 1, name: 'Ждём оплату' }), { timeout: 5000 });
    const live = screen.getByRole('status', { name: '' });
    expect(live).toHaveAttribute('aria-busy', 'true');
    expect(live).toHaveTextContent('Ждём подтверждения от банка…');
    const asked = api.callsTo('GET', '/payments/p-1').length;

    await advance(2000);
    expect(api.callsTo('GET', '/payments/p-1')).toHaveLength(asked + 1);
    approved = true;
    await advance(2000);
    expect(api.callsTo('GET', '/payments/p-1')).toHaveLength(asked + 2);

    await vi.waitFor(() => screen.getByRole('heading', { level: 1, name: 'Платёж прошёл' }));
    expect(live).toHaveTextContent(/^✓Счёт 7000001 пополнен на 500\s₽\.$/);
    expect(live).not.toHaveAttribute('aria-busy');
    await vi.waitFor(() => expect(screen.getByTestId('new-balance')).toHaveTextContent(/^842,50\s₽$/));
    expect(screen.getByRole('link', { name: 'Чек' })).toHaveAttribute('href', '/payments/p-1/receipt');
    expect(screen.getByText('Mastercard •••• 4444', { exact: false })).toBeInTheDocument();

    // Settled: no more reading.
    await advance(10_000);
    expect(api.callsTo('GET', '/payments/p-1')).toHaveLength(asked + 2);
  });

  it('after two minutes without an answer, it stops and says it is still waiting; "check again" asks once more', async () => {
    useFakeClock();
    const api = signedIn(createFakeApi()).on('GET', '/payments/p-1', () => json(200, payment({ confirmation: null })));
    const { user } = renderApp('/payments/p-1', { fakeTimers: true });
    await vi.waitFor(() => screen.getByRole('heading', { level: 1, name: 'Ждём оплату' }), { timeout: 5000 });

    await advance(120_000);
    expect(await screen.findByText(/Банк пока не ответил/)).toBeInTheDocument();
    const asked = api.callsTo('GET', '/payments/p-1').length;
    expect(asked).toBeGreaterThanOrEqual(60);
    await advance(10_000);
    expect(api.callsTo('GET', '/payments/p-1')).toHaveLength(asked);

    await user.click(screen.getByRole('button', { name: 'Проверить ещё раз' }));
    await advance(100);
    expect(api.callsTo('GET', '/payments/p-1').length).toBeGreaterThan(asked);
    expect(screen.queryByText(/Банк пока не ответил/)).not.toBeInTheDocument();
  });

  it('when the payer left the acquirer’s page unfinished, it offers to continue there', async () => {
    signedIn(createFakeApi()).on('GET', '/payments/p-1', () => json(200, payment()));
    renderApp('/payments/p-1');
    expect(await screen.findByRole('link', { name: 'Продолжить оплату' })).toHaveAttribute('href', '/api/sandbox/acquirer/pay/sbx_1');
  });


  it('when the payment is not there (or not yours), it says so and offers the way home instead of "retry"', async () => {
    signedIn(createFakeApi()).on('GET', '/payments/p-404', () => problem(404, 'not_found', { detail: 'The payment was not found.' }));
    renderApp('/payments/p-404');

    expect(await screen.findByRole('alert')).toHaveTextContent('Здесь ничего нет: такой записи не существует или у вас нет к ней доступа.');
    expect(screen.getByRole('link', { name: 'На главную' })).toHaveAttribute('href', '/');
    expect(screen.queryByRole('button', { name: 'Повторить' })).not.toBeInTheDocument();
  });
  const reasons: Record<CancellationReason, RegExp> = {
    '3d_secure_failed': /Банк не подтвердил платёж: код 3-D Secure/,
    insufficient_funds: /На карте не хватает денег/,
    card_expired: /Срок действия карты истёк/,
    general_decline: /Банк отклонил платёж/,
    expired_on_confirmation: /Время на оплату вышло/,
    canceled_by_user: /Вы отменили платёж/,
    payment_method_restricted: /Этим способом сейчас заплатить нельзя/,
  };

  it.each(CancellationReasons.map((reason) => [reason]))('canceled with %s: the reason in words and "try again" with the same amount', async (reason) => {
    signedIn(createFakeApi()).on('GET', '/payments/p-1', () =>
      json(200, payment({ status: 'canceled', confirmation: null, cancellationReason: reason, settledAt: '2026-11-22T09:02:00Z' })),
    );
    renderApp('/payments/p-1');

    await screen.findByRole('heading', { level: 1, name: 'Платёж не прошёл' });
    expect(screen.getByRole('status')).toHaveTextContent(reasons[reason]);
    expect(screen.getByRole('link', { name: 'Попробовать ещё раз' })).toHaveAttribute('href', '/accounts/a-1/top-up?amount=50000');
    expect(screen.queryByRole('link', { name: 'Чек' })).not.toBeInTheDocument();
  });
});
