import type { AccountView } from '@cabinet/shared-types';
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { browser } from '@/shared/lib/browser';
import { internetAccount, mobileAccount } from './account-fixtures';
import { createFakeApi, json, problem, signedIn, type FakeApi } from './fake-api';
import { rub, summary, transaction } from './payment-fixtures';
import { renderApp } from './render-app';

/** The first wait of a test also waits for lazy chunks to load. */
const slow = { timeout: 5000 };
const plain = (value: string | null | undefined) => (value ?? '').replace(/[\u00a0\u202f]/g, ' ');

const page1 = Array.from({ length: 30 }, (_, i) =>
  transaction({ id: `tx-${i}`, description: `Операция ${i + 1}`, createdAt: `2026-11-${String(30 - (i % 29)).padStart(2, '0')}T05:00:00Z` }),
);
const page2 = [transaction({ id: 'tx-30', description: 'Пополнение картой', kind: 'payment', amount: rub(50000), balanceAfter: rub(84250) })];

function withHistory(api: FakeApi, account: AccountView = mobileAccount()) {
  return api
    .on('GET', `/accounts/${account.id}`, () => json(200, account))
    .on('GET', `/accounts/${account.id}/transactions/summary`, () => json(200, summary))
    .on('GET', `/accounts/${account.id}/transactions`, (request) =>
      json(200, request.url.searchParams.get('cursor') === 'c-2' ? { items: page2, nextCursor: null } : { items: page1, nextCursor: 'c-2' }),
    );
}

/** jsdom has no layout: a stand-in that lets the test say "the end of the list is on screen". */
function stubIntersectionObserver() {
  const callbacks = new Set<IntersectionObserverCallback>();
  class FakeObserver {
    constructor(private readonly callback: IntersectionObserverCallback) {}
    observe() {
      callbacks.add(this.callback);
    }
    disconnect() {
      callbacks.delete(this.callback);
    }
    unobserve() {}
    takeRecords() {
      return [];
    }
  }
  vi.stubGlobal('IntersectionObserver', FakeObserver);
  return () =>
    act(() => {
      for (const callback of callbacks) callback([{ isIntersecting: true } as IntersectionObserverEntry], {} as IntersectionObserver);
    });
}

describe('account history', () => {
  it('lists the transactions signed in words, and scrolling to the end loads the next page', async () => {
    const scrolledToEnd = stubIntersectionObserver();
    const api = withHistory(signedIn(createFakeApi()));
    renderApp('/accounts/a-1/history');

    const list = await screen.findByRole('list', { name: 'Операции по счёту' }, slow);
    expect(within(list).getAllByRole('listitem')).toHaveLength(30);
    const first = within(list).getAllByRole('listitem')[0]!;
    expect(plain(first.textContent)).toContain('Операция 1');
    expect(plain(first.textContent)).toContain('Абонентская плата');
    expect(plain(first.textContent)).toContain('Списание −650 ₽');
    expect(plain(first.textContent)).toContain('остаток 342,50 ₽');

    scrolledToEnd();
    await vi.waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(31));
    expect(plain(within(list).getAllByRole('listitem')[30]!.textContent)).toContain('Зачисление +500 ₽');
    // (StrictMode may ask for the first page twice; the next page is asked once, with the cursor.)
    expect(api.callsTo('GET', '/accounts/a-1/transactions').map((call) => call.url.searchParams.get('cursor')).filter(Boolean)).toEqual(['c-2']);
    expect(screen.getByText('Это все операции.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Показать ещё' })).not.toBeInTheDocument();
  });

  it('without IntersectionObserver (or by keyboard) "Показать ещё" loads the next page', async () => {
    vi.stubGlobal('IntersectionObserver', undefined);
    withHistory(signedIn(createFakeApi()));
    const { user } = renderApp('/accounts/a-1/history');

    const more = await screen.findByRole('button', { name: 'Показать ещё' }, slow);
    more.focus();
    await user.keyboard('{Enter}');
    await screen.findByText('Пополнение картой');
    // A live region tells screen-reader users that more arrived.
    expect(screen.getByText('Показано операций: 31')).toHaveAttribute('role', 'status');
  });

  it('filters by kinds, direction, period and amount range in the API’s units, keeps them in the address, and sorts', async () => {
    const api = withHistory(signedIn(createFakeApi()));
    const { user, location } = renderApp('/accounts/a-1/history');
    await screen.findByRole('list', { name: 'Операции по счёту' }, slow);

    const form = screen.getByRole('form', { name: 'Отбор операций' });
    await user.click(within(form).getByText(/^Виды операций:/));
    await user.click(within(form).getByRole('checkbox', { name: 'Абонентская плата' }));
    await user.click(within(form).getByRole('checkbox', { name: 'Сверх пакета' }));
    await user.click(within(form).getByRole('radio', { name: 'Списания' }));
    await user.type(within(form).getByLabelText('С даты'), '2026-11-01');
    await user.type(within(form).getByLabelText('По дату'), '2026-11-30');
    await user.type(within(form).getByLabelText('Сумма от, ₽'), '100');
    await user.type(within(form).getByLabelText('Сумма до, ₽'), '50');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Порядок' }), 'Сначала крупные');
    await user.click(within(form).getByRole('button', { name: 'Показать' }));
    expect(within(form).getByLabelText('Сумма до, ₽')).toHaveAccessibleDescription('Сумма «до» меньше суммы «от»');

    await user.clear(within(form).getByLabelText('Сумма до, ₽'));
    await user.type(within(form).getByLabelText('Сумма до, ₽'), '1 000,50');
    await user.click(within(form).getByRole('button', { name: 'Показать' }));

    await vi.waitFor(() => expect(api.callsTo('GET', '/accounts/a-1/transactions').at(-1)!.url.searchParams.get('kind')).toBe('monthly_fee,usage'));
    const query = api.callsTo('GET', '/accounts/a-1/transactions').at(-1)!.url.searchParams;
    expect(Object.fromEntries(query)).toEqual({
      kind: 'monthly_fee,usage',
      direction: 'debit',
      from: '2026-11-01',
      to: '2026-11-30',
      minAmount: '10000',
      maxAmount: '100050',
      sort: '-amount',
      limit: '30',
    });
    expect(location()).toBe('/accounts/a-1/history?kind=monthly_fee%2Cusage&direction=debit&from=2026-11-01&to=2026-11-30&minAmount=10000&maxAmount=100050&sort=-amount');
    // The form shows what is applied.
    expect(screen.getByRole('form', { name: 'Отбор операций' })).toHaveTextContent('Виды операций: выбрано 2');
    expect(screen.getByLabelText('Сумма до, ₽')).toHaveValue('1000,50');
  });

  it('downloads the CSV of the current selection with the bearer token, named as the API says', async () => {
    const api = withHistory(signedIn(createFakeApi())).on(
      'GET',
      '/accounts/a-1/transactions.csv',
      () =>
        new Response('\uFEFFДата;Операция;Сумма\r\n', {
          status: 200,
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': `attachment; filename="history.csv"; filename*=UTF-8''%D0%B8%D1%81%D1%82%D0%BE%D1%80%D0%B8%D1%8F-7000001.csv`,
          },
        }),
    );
    const save = vi.spyOn(browser, 'saveFile').mockImplementation(() => undefined);
    const { user } = renderApp('/accounts/a-1/history?kind=usage&minAmount=5000');

    await screen.findByText('Операции по выбранным условиям, для Excel', {}, slow);
    await user.click(screen.getByRole('button', { name: 'Скачать CSV' }));

    expect(await screen.findByText('Файл история-7000001.csv скачан.')).toBeInTheDocument();
    const call = api.callsTo('GET', '/accounts/a-1/transactions.csv')[0]!;
    expect(call.headers.get('Authorization')).toBe('Bearer access-1');
    expect(Object.fromEntries(call.url.searchParams)).toEqual({ kind: 'usage', minAmount: '5000' });
    const [blob, name] = save.mock.calls[0]!;
    expect(name).toBe('история-7000001.csv');
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('draws the monthly spending as an accessible chart with the same figures in a table', async () => {
    const api = withHistory(signedIn(createFakeApi()));
    renderApp('/accounts/a-1/history');

    const chart = await screen.findByRole('img', { name: /Расходы по месяцам/ }, slow);
    expect(chart.querySelectorAll('rect')).toHaveLength(6);
    expect(plain(chart.querySelector('desc')?.textContent)).toBe(
      'июнь: 650 ₽; июль: 700 ₽; авг.: 0 ₽; сент.: 850 ₽; окт.: 650 ₽; нояб.: 850 ₽',
    );
    const table = screen.getByRole('table', { name: 'Расходы по месяцам' });
    const row = within(table).getByRole('row', { name: /сент/ });
    expect(plain(row.textContent)).toBe('сент. 2026 г.850 ₽1 000 ₽');
    expect(api.callsTo('GET', '/accounts/a-1/transactions/summary')[0]?.url.searchParams.get('months')).toBe('6');
  });

  it('is there for a viewer too, while autopay and the promised payment are not', async () => {
    withHistory(signedIn(createFakeApi()), mobileAccount({ access: 'viewer' }));
    renderApp('/accounts/a-1/history');

    expect(await screen.findByRole('tab', { name: 'История', selected: true }, slow)).toBeInTheDocument();
    await screen.findByRole('list', { name: 'Операции по счёту' });
    expect(screen.queryByRole('tab', { name: 'Автоплатёж' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Обещанный платёж' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Пополнить' })).toHaveAttribute('href', '/accounts/a-1/top-up');
  });
});

describe('detail report by e-mail', () => {
  it('orders the period as CSV or PDF; a refusal is explained, and the retry after it is a new attempt', async () => {
    const api = withHistory(signedIn(createFakeApi()))
      .once('POST', '/accounts/a-1/detail-reports', () => problem(409, 'email_required'))
      .on('POST', '/accounts/a-1/detail-reports', (request) =>
        json(202, {
          id: 'r-1',
          accountId: 'a-1',
          ...(request.body as object),
          status: 'queued',
          email: 'ivanov@example.ru',
          createdAt: '2026-11-22T09:00:00Z',
          sentAt: null,
        }),
      );
    const { user } = renderApp('/accounts/a-1/history');

    await user.click(await screen.findByText('Детализация на e-mail', { selector: 'summary' }, slow));
    const form = screen.getByRole('form', { name: 'Детализация на e-mail' });
    await user.clear(within(form).getByLabelText('С даты'));
    await user.type(within(form).getByLabelText('С даты'), '2026-10-01');
    await user.clear(within(form).getByLabelText('По дату'));
    await user.type(within(form).getByLabelText('По дату'), '2026-10-31');
    await user.click(within(form).getByRole('radio', { name: 'CSV' }));
    await user.click(within(form).getByRole('button', { name: 'Заказать детализацию' }));
    expect(await within(form).findByText(/Укажите адрес электронной почты в профиле/)).toBeInTheDocument();

    await user.click(within(form).getByRole('button', { name: 'Заказать детализацию' }));
    expect(await within(form).findByText(/^Детализация с 1 окт\. 2026\sг\. по 31 окт\. 2026\sг\. придёт на ivanov@example\.ru/)).toBeInTheDocument();
    const calls = api.callsTo('POST', '/accounts/a-1/detail-reports');
    expect(calls.map((call) => call.body)).toEqual([
      { from: '2026-10-01', to: '2026-10-31', format: 'csv' },
      { from: '2026-10-01', to: '2026-10-31', format: 'csv' },
    ]);
    expect(calls[1]?.headers.get('Idempotency-Key')).not.toBe(calls[0]?.headers.get('Idempotency-Key'));
  });
});

describe('dashboard', () => {
  it('shows the last five charges of each account (asked as direction=debit, limit 5) and a top-up button', async () => {
    const api = signedIn(createFakeApi())
      .on('GET', '/accounts', () => json(200, { items: [mobileAccount(), internetAccount()], nextCursor: null }))
      .on('GET', '/accounts/a-1/transactions', () =>
        json(200, {
          items: [
            transaction({ id: 'c1', description: 'Сверх пакета: 120 МБ', kind: 'usage', amount: rub(-1200) }),
            transaction({ id: 'c2', description: 'Опция «+10 ГБ»', kind: 'option_fee', amount: rub(-20000) }),
          ],
          nextCursor: 'more',
        }),
      )
      .on('GET', '/accounts/i-1/transactions', () => json(200, { items: [], nextCursor: null }));
    renderApp('/');

    const mobile = await screen.findByRole('article', { name: 'Лицевой счёт 7000001' }, slow);
    const charges = await within(mobile).findByRole('region', { name: 'Последние списания' });
    await within(charges).findByText('Сверх пакета: 120 МБ');
    expect(plain(charges.textContent)).toContain('−12 ₽');
    expect(plain(charges.textContent)).toContain('−200 ₽');
    expect(within(charges).getByRole('link', { name: 'Вся история счёта 7000001' })).toHaveAttribute('href', '/accounts/a-1/history');
    expect(within(mobile).getByRole('link', { name: 'Пополнить счёт 7000001' })).toHaveAttribute('href', '/accounts/a-1/top-up');
    const query = api.callsTo('GET', '/accounts/a-1/transactions')[0]!.url.searchParams;
    expect(Object.fromEntries(query)).toEqual({ direction: 'debit', sort: '-createdAt', limit: '5' });

    const internet = screen.getByRole('article', { name: 'Лицевой счёт 8000001' });
    expect(await within(internet).findByText('Списаний пока нет.')).toBeInTheDocument();
  });
});
