import type { AccountView, AutopayRequest, AutopayView } from '@cabinet/shared-types';
import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { internetAccount, mobileAccount } from './account-fixtures';
import { createFakeApi, json, noContent, problem, signedIn, type FakeApi } from './fake-api';
import { autopay, deferredOffer, mirCard, promisedOffer, rub, savedCard } from './payment-fixtures';
import { renderApp } from './render-app';

const slow = { timeout: 5000 };
const plain = (value: string | null | undefined) => (value ?? '').replace(/[\u00a0\u202f]/g, ' ');

function withAccount(api: FakeApi, account: AccountView) {
  return api
    .on('GET', `/accounts/${account.id}`, () => json(200, account))
    .on('GET', `/accounts/${account.id}/promised-payment`, () => json(200, promisedOffer({ available: false, reason: 'not_mobile' })))
    .on('GET', `/accounts/${account.id}/deferred-payment`, () => json(200, deferredOffer({ available: false, reason: 'balance_sufficient' })))
    .on('GET', `/accounts/${account.id}/notification-settings`, () => json(200, { lowBalanceThreshold: null }))
    .on('GET', '/cards', () => json(200, { items: [savedCard(), mirCard] }));
}

describe('autopay tab', () => {
  it('lists the rules in words with their state and failures; pauses, resumes and deletes (after a confirmation)', async () => {
    let rules: AutopayView[] = [
      autopay({ failures: 1, lastRunAt: '2026-11-20T09:00:00Z', nextRunAt: '2026-11-23T09:00:00Z' }),
      autopay({ id: 'ap-2', kind: 'monthly', threshold: null, dayOfMonth: 5, status: 'stopped', failures: 3, card: mirCard, amount: rub(75000) }),
    ];
    const api = withAccount(signedIn(createFakeApi()), mobileAccount())
      .on('GET', '/accounts/a-1/autopay', () => json(200, { items: rules }))
      .on('PATCH', '/accounts/a-1/autopay/ap-1', (request) => {
        rules = [{ ...rules[0]!, status: (request.body as { status: 'paused' }).status }, rules[1]!];
        return json(200, rules[0]);
      })
      .on('PATCH', '/accounts/a-1/autopay/ap-2', () => {
        rules = [rules[0]!, { ...rules[1]!, status: 'active', failures: 0 }];
        return json(200, rules[1]);
      })
      .on('DELETE', '/accounts/a-1/autopay/ap-1', () => {
        rules = rules.slice(1);
        return noContent();
      });
    const { user } = renderApp('/accounts/a-1/autopay');

    const list = await screen.findByRole('list', { name: 'Автоплатежи счёта' }, slow);
    const threshold = within(list).getByRole('article', { name: /^Пополнять на 500\s₽, когда баланс меньше 100\s₽$/ });
    expect(plain(threshold.textContent)).toContain('работает');
    expect(plain(threshold.textContent)).toContain('Mastercard •••• 4444');
    expect(plain(threshold.textContent)).toContain('1 из 3 подряд');
    expect(plain(threshold.textContent)).toContain('Следующий запуск23 нояб. 2026 г.');
    const monthly = within(list).getByRole('article', { name: /^Каждый месяц 5-го числа пополнять на 750\s₽$/ });
    expect(plain(monthly.textContent)).toContain('остановлен');
    expect(plain(monthly.textContent)).toContain('Остановлен после 3 неудачных попыток подряд');

    await user.click(within(threshold).getByRole('button', { name: 'Приостановить' }));
    expect(await screen.findByText('Автоплатёж приостановлен.')).toBeInTheDocument();
    expect(api.callsTo('PATCH', '/accounts/a-1/autopay/ap-1')[0]?.body).toEqual({ status: 'paused' });
    await within(list).findByText('на паузе');

    await user.click(within(monthly).getByRole('button', { name: 'Включить' }));
    expect(await screen.findByText('Автоплатёж включён.')).toBeInTheDocument();
    expect(api.callsTo('PATCH', '/accounts/a-1/autopay/ap-2')[0]?.body).toEqual({ status: 'active' });

    await user.click(within(screen.getByRole('article', { name: /когда баланс меньше/ })).getByRole('button', { name: 'Удалить' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Удалить автоплатёж?' });
    expect(api.callsTo('DELETE', '/accounts/a-1/autopay/ap-1')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Удалить' }));
    expect(await screen.findByText('Автоплатёж удалён.')).toBeInTheDocument();
    await vi.waitFor(() => expect(screen.queryByRole('article', { name: /когда баланс меньше/ })).not.toBeInTheDocument());
  });

  it('creates a threshold rule with the default card, and tells when such a rule exists', async () => {
    let rules: AutopayView[] = [];
    const api = withAccount(signedIn(createFakeApi()), mobileAccount())
      .on('GET', '/accounts/a-1/autopay', () => json(200, { items: rules }))
      .once('POST', '/accounts/a-1/autopay', () => problem(409, 'autopay_exists'))
      .on('POST', '/accounts/a-1/autopay', (request) => {
        rules = [autopay({ amount: (request.body as AutopayRequest).amount, threshold: (request.body as AutopayRequest).threshold ?? null })];
        return json(201, rules[0]);
      });
    const { user } = renderApp('/accounts/a-1/autopay');

    const form = await screen.findByRole('form', { name: 'Новый автоплатёж' }, slow);
    expect(within(form).getByRole('radio', { name: 'Когда баланс станет меньше порога' })).toBeChecked();
    expect(within(form).getByRole('combobox', { name: 'Карта' })).toHaveDisplayValue(/Mastercard •••• 4444/);
    const amount = within(form).getByLabelText('Сумма пополнения, ₽');
    await user.clear(amount);
    await user.type(amount, '300');
    const limit = within(form).getByLabelText('Порог, ₽');
    await user.clear(limit);
    await user.type(limit, '50');
    await user.click(within(form).getByRole('button', { name: 'Подключить автоплатёж' }));
    expect(await within(form).findByText('Такой автоплатёж для этого счёта уже есть.')).toBeInTheDocument();

    await user.click(within(form).getByRole('button', { name: 'Подключить автоплатёж' }));
    expect(await within(form).findByText('Автоплатёж подключён.')).toBeInTheDocument();
    expect(api.callsTo('POST', '/accounts/a-1/autopay')[1]?.body).toEqual({
      kind: 'threshold',
      cardId: 'card-1',
      amount: { amount: 30000, currency: 'RUB' },
      threshold: { amount: 5000, currency: 'RUB' },
    });
    expect(await screen.findByRole('article', { name: /Пополнять на 300\s₽, когда баланс меньше 50\s₽/ })).toBeInTheDocument();
  });

  it('for home internet it suggests a monthly rule of the monthly fee on a chosen day', async () => {
    const api = withAccount(signedIn(createFakeApi()), internetAccount())
      .on('GET', '/accounts/i-1/autopay', () => json(200, { items: [] }))
      .on('POST', '/accounts/i-1/autopay', () => json(201, autopay({ kind: 'monthly', dayOfMonth: 21 })));
    const { user } = renderApp('/accounts/i-1/autopay');

    const form = await screen.findByRole('form', { name: 'Новый автоплатёж' }, slow);
    expect(within(form).getByRole('radio', { name: 'Раз в месяц, в выбранный день' })).toBeChecked();
    expect(within(form).getByLabelText('Сумма пополнения, ₽')).toHaveValue('750');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'День месяца' }), '20');
    await user.click(within(form).getByRole('button', { name: 'Подключить автоплатёж' }));
    await within(form).findByText('Автоплатёж подключён.');
    expect(api.callsTo('POST', '/accounts/i-1/autopay')[0]?.body).toEqual({
      kind: 'monthly',
      cardId: 'card-1',
      amount: { amount: 75000, currency: 'RUB' },
      dayOfMonth: 20,
    });
  });

  it('without a usable card, it asks to add one first', async () => {
    withAccount(signedIn(createFakeApi()), mobileAccount())
      .on('GET', '/accounts/a-1/autopay', () => json(200, { items: [] }))
      .on('GET', '/cards', () => json(200, { items: [savedCard({ expYear: 2020 })] }));
    renderApp('/accounts/a-1/autopay');

    expect(await screen.findByText('Для автоплатежа нужна сохранённая карта.', {}, slow)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Подключить карту' })).toHaveAttribute('href', '/cards');
    expect(screen.queryByRole('form', { name: 'Новый автоплатёж' })).not.toBeInTheDocument();
  });

  it('sets the low-balance SMS threshold, and turns it off', async () => {
    const api = withAccount(signedIn(createFakeApi()), mobileAccount())
      .on('GET', '/accounts/a-1/autopay', () => json(200, { items: [] }))
      .on('PUT', '/accounts/a-1/notification-settings', (request) => json(200, request.body));
    const { user } = renderApp('/accounts/a-1/autopay');

    const form = await screen.findByRole('form', { name: 'SMS о низком балансе' }, slow);
    await user.click(within(form).getByRole('checkbox', { name: 'Присылать SMS, когда баланс меньше порога' }));
    const field = within(form).getByLabelText('Порог, ₽');
    await user.clear(field);
    await user.type(field, '150');
    await user.click(within(form).getByRole('button', { name: 'Сохранить' }));
    expect(await within(form).findByText('Настройка сохранена.')).toBeInTheDocument();
    expect(api.callsTo('PUT', '/accounts/a-1/notification-settings')[0]?.body).toEqual({ lowBalanceThreshold: { amount: 15000, currency: 'RUB' } });

    await user.click(within(form).getByRole('checkbox', { name: 'Присылать SMS, когда баланс меньше порога' }));
    await user.click(within(form).getByRole('button', { name: 'Сохранить' }));
    expect(await within(form).findByText('SMS о низком балансе выключены.')).toBeInTheDocument();
    expect(api.callsTo('PUT', '/accounts/a-1/notification-settings')[1]?.body).toEqual({ lowBalanceThreshold: null });
  });
});

describe('promised payment (mobile)', () => {
  it('shows the terms for the chosen amount before asking, then credits it and shows what is owed', async () => {
    let offer = promisedOffer();
    let account = mobileAccount();
    const api = withAccount(signedIn(createFakeApi()), account)
      .on('GET', '/accounts/a-1', () => json(200, account))
      .on('GET', '/accounts/a-1/promised-payment', () => json(200, offer))
      .on('POST', '/accounts/a-1/promised-payment', () => {
        const taken = {
          id: 'pp-1',
          amount: rub(30000),
          fee: rub(2500),
          outstanding: rub(32500),
          status: 'open' as const,
          dueAt: '2026-11-25T09:00:00Z',
          createdAt: '2026-11-22T09:00:00Z',
        };
        offer = promisedOffer({ available: false, reason: 'already_open', open: taken });
        account = mobileAccount({ balance: rub(64250) });
        return json(201, taken);
      });
    const now = new Date('2026-11-22T09:00:00Z').getTime();
    vi.spyOn(Date, 'now').mockReturnValue(now);
    const { user } = renderApp('/accounts/a-1');

    await user.click(await screen.findByRole('button', { name: 'Обещанный платёж' }, slow));
    const dialog = screen.getByRole('dialog', { name: 'Обещанный платёж' });
    expect(dialog).toHaveTextContent('вернуть их нужно в течение 3 дней');
    const amount = within(dialog).getByLabelText('Сумма, ₽');
    expect(amount).toHaveValue('500');
    expect(plain(dialog.textContent)).toContain('Комиссия50 ₽');
    await user.clear(amount);
    await user.type(amount, '300');
    const terms = plain(dialog.textContent);
    expect(terms).toContain('Комиссия25 ₽');
    expect(terms).toContain('Всего вернуть325 ₽');
    expect(terms).toContain('Вернуть до25 нояб. 2026 г.');
    expect(terms).toContain('спишутся сами из следующего пополнения');
    expect(terms).toContain('Если не вернуть до 25 нояб. 2026 г., номер заблокируют до погашения.');
    expect(terms).toContain('до 100 ₽ — 0 ₽; до 300 ₽ — 25 ₽; до 500 ₽ — 50 ₽');
    await user.clear(amount);
    await user.type(amount, '600');
    expect(amount).toHaveAccessibleDescription(/Введите сумму не больше 500\s₽/);
    expect(within(dialog).getByRole('button', { name: 'Получить' })).toBeDisabled();
    expect(api.callsTo('POST', '/accounts/a-1/promised-payment')).toHaveLength(0);

    await user.clear(amount);
    await user.type(amount, '300');
    await user.click(within(dialog).getByRole('button', { name: /^Получить 300\s₽$/ }));

    expect(await screen.findByText(/^Обещанный платёж 300\s₽ зачислен\. Вернуть 325\s₽ до 25 нояб\. 2026\sг\.$/)).toBeInTheDocument();
    const request = api.callsTo('POST', '/accounts/a-1/promised-payment')[0]!;
    expect(request.body).toEqual({ amount: { amount: 30000, currency: 'RUB' } });
    expect(request.headers.get('Idempotency-Key')).toBeTruthy();
    expect(await screen.findByText(/^Взят обещанный платёж 300\s₽: осталось вернуть 325\s₽ до 25 нояб\. 2026\sг\.$/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Обещанный платёж' })).not.toBeInTheDocument();
    await vi.waitFor(() => expect(screen.getByTestId('balance-7000001')).toHaveTextContent(/642,50/));
  });

  it('an overdue one is said in words: the line is blocked until it is repaid', async () => {
    withAccount(signedIn(createFakeApi()), mobileAccount()).on('GET', '/accounts/a-1/promised-payment', () =>
      json(
        200,
        promisedOffer({
          available: false,
          reason: 'already_open',
          open: { id: 'pp-1', amount: rub(30000), fee: rub(2500), outstanding: rub(12500), status: 'overdue', dueAt: '2026-11-20T09:00:00Z', createdAt: '2026-11-17T09:00:00Z' },
        }),
      ),
    );
    renderApp('/accounts/a-1');
    expect(await screen.findByText(/Обещанный платёж просрочен: верните 125\s₽ — номер заблокирован до погашения\./, {}, slow)).toBeInTheDocument();
  });
});

describe('deferred payment (internet)', () => {
  it('shows the new paid-until date and the once-a-month rule before asking, then defers', async () => {
    let offer = deferredOffer();
    const api = withAccount(signedIn(createFakeApi()), internetAccount())
      .on('GET', '/accounts/i-1/deferred-payment', () => json(200, offer))
      .on('POST', '/accounts/i-1/deferred-payment', (request) => {
        offer = deferredOffer({ available: false, reason: 'used_this_month', last: { days: 3, paidUntil: '2026-12-25', createdAt: '2026-11-22T09:00:00Z' } });
        return json(201, { paidUntil: `2026-12-${22 + (request.body as { days: number }).days}` });
      });
    const { user } = renderApp('/accounts/i-1');

    await user.click(await screen.findByRole('button', { name: 'Отложить платёж' }, slow));
    const dialog = screen.getByRole('dialog', { name: 'Отложенный платёж' });
    expect(plain(dialog.textContent)).toContain('не хватает на абонентскую плату 750 ₽');
    expect(plain(dialog.textContent)).toContain('Оплачено до22 дек. 2026 г.');
    expect(plain(dialog.textContent)).toContain('Будет оплачено до27 дек. 2026 г.');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'На сколько дней' }), '3 дня');
    expect(plain(dialog.textContent)).toContain('Будет оплачено до25 дек. 2026 г.');
    expect(dialog).toHaveTextContent('Отложить платёж можно один раз в месяц.');
    expect(api.callsTo('POST', '/accounts/i-1/deferred-payment')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Отложить на 3 дня' }));

    expect(await screen.findByText(/^Платёж отложен: интернет оплачен до 25 дек\. 2026\sг\.$/)).toBeInTheDocument();
    expect(api.callsTo('POST', '/accounts/i-1/deferred-payment')[0]?.body).toEqual({ days: 3 });
    await vi.waitFor(() => expect(screen.queryByRole('button', { name: 'Отложить платёж' })).not.toBeInTheDocument());
  });
});
