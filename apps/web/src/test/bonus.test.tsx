import type { BonusCardView, BonusOperationView, BonusSummaryView, CustomerView } from '@cabinet/shared-types';
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ean13Modules } from '@/features/bonus/components/ean13';
import { browser } from '@/shared/lib/browser';
import { createFakeApi, customer, json, problem, signedIn, token, type FakeApi } from './fake-api';
import { renderApp } from './render-app';

const slow = { timeout: 5000 };
const plain = (value: string | null | undefined) => (value ?? '').replace(/[\u00a0\u202f]/g, ' ');

const plasticCard = (over: Partial<BonusCardView> = {}): BonusCardView => ({
  id: 'card-1',
  number: '2780101000014',
  kind: 'plastic',
  status: 'active',
  barcode: { format: 'ean13', value: '2780101000014' },
  activatedAt: '2026-01-10T09:00:00Z',
  blockedAt: null,
  blockReason: null,
  replacedBy: null,
  ...over,
});

const summary = (over: Partial<BonusSummaryView> = {}): BonusSummaryView => ({
  member: true,
  balance: 480,
  pointValue: { amount: 100, currency: 'RUB' },
  cards: [plasticCard()],
  nextExpiry: { date: '2026-12-12', points: 70 },
  expiringSoon: [{ date: '2026-12-12', points: 70 }],
  transferLimits: { dailyPoints: 3000, dailyCount: 5, usedPoints: 0, usedCount: 0 },
  memberSince: '2025-12-10T09:00:00Z',
  ...over,
});

const operation = (i: number, over: Partial<BonusOperationView> = {}): BonusOperationView => ({
  id: `op-${i}`,
  kind: 'accrual',
  points: 10 + i,
  balanceAfter: 480 - i,
  description: `Покупка: АЗС №${i}`,
  cardNumber: '2780101000014',
  station: `АЗС №${i}`,
  receiptId: `R-${i}`,
  createdAt: '2026-11-21T09:00:00Z',
  ...over,
});

/** The statement panel opens on the current Moscow month. */
const thisMonth = new Date(Date.now() + 3 * 3600_000).toISOString().slice(0, 7);

const page1 = Array.from({ length: 20 }, (_, i) => operation(i + 1));
const page2 = [operation(21, { kind: 'spend', points: -50, description: 'Оплата баллами: АЗС №17' })];

function member(api: FakeApi, s: BonusSummaryView = summary()) {
  return api
    .on('GET', '/bonus', () => json(200, s))
    .on('GET', '/bonus/campaigns', () => json(200, { items: [] }))
    .on('GET', `/bonus/statements/${thisMonth}`, () =>
      json(200, { month: thisMonth, opening: 449, closing: 480, accrued: 31, spent: 0, expired: 0, reversed: 0, returned: 0, transferredIn: 0, transferredOut: 0, rewards: 0, adjustments: 0, operations: 2 }),
    )
    .on('GET', '/bonus/operations', (request) =>
      json(200, request.url.searchParams.get('cursor') === 'c-2' ? { items: page2, nextCursor: null } : { items: page1, nextCursor: 'c-2' }),
    );
}

/** jsdom has no layout: lets a test say "the end of the list is on screen". */
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

describe('EAN-13 barcode of the card', () => {
  /** An independent reading of the bars: the left digits' L/G pattern gives the first digit. */
  function decode(bits: string): string {
    const L = ['0001101', '0011001', '0010011', '0111101', '0100011', '0110001', '0101111', '0111011', '0110111', '0001011'];
    const rOf = (l: string) => l.replace(/./g, (b) => (b === '1' ? '0' : '1'));
    const gOf = (l: string) => [...rOf(l)].reverse().join('');
    const first = { LLLLLL: 0, LLGLGG: 1, LLGGLG: 2, LLGGGL: 3, LGLLGG: 4, LGGLLG: 5, LGGGLL: 6, LGLGLG: 7, LGLGGL: 8, LGGLGL: 9 } as Record<string, number>;
    expect([bits.slice(0, 3), bits.slice(45, 50), bits.slice(92)]).toEqual(['101', '01010', '101']);
    let parity = '';
    let digits = '';
    for (let i = 0; i < 6; i++) {
      const chunk = bits.slice(3 + 7 * i, 10 + 7 * i);
      const l = L.indexOf(chunk);
      const g = L.map(gOf).indexOf(chunk);
      parity += l >= 0 ? 'L' : 'G';
      digits += String(l >= 0 ? l : g);
    }
    for (let i = 0; i < 6; i++) digits += String(L.map(rOf).indexOf(bits.slice(50 + 7 * i, 57 + 7 * i)));
    return `${first[parity]}${digits}`;
  }

  it('encodes 95 modules that read back as the number (a plastic and a virtual card, and the textbook 4006381333931)', () => {
    for (const number of ['2780101000014', '2780900000129', '4006381333931']) {
      const bits = ean13Modules(number);
      expect(bits).toHaveLength(95);
      expect(decode(bits)).toBe(number);
    }
  });
});

describe('bonus card page', () => {
  it('shows the card with its barcode (or QR code) for the till, the balance and the points about to expire', async () => {
    member(signedIn(createFakeApi()));
    const { user } = renderApp('/bonus');

    const card = await screen.findByRole('article', { name: 'Бонусная карта 2780 1010 0001 4' }, slow);
    const barcode = within(card).getByRole('img', { name: 'Штрихкод карты 2780 1010 0001 4' });
    expect(barcode).toHaveAttribute('data-barcode', '2780101000014');
    await user.click(within(card).getByRole('radio', { name: 'QR-код' }));
    expect(within(card).getByRole('img', { name: 'QR-код карты 2780 1010 0001 4' })).toHaveAttribute('data-qr', '2780101000014');

    const balance = screen.getByRole('region', { name: 'Баланс' });
    expect(plain(balance.textContent)).toContain('480 баллов');
    expect(within(balance).getByRole('note')).toHaveTextContent('70 баллов сгорят 12 декабря 2026 г.: успейте потратить');
    // The statement of this month.
    const statement = screen.getByRole('region', { name: 'Выписка за месяц' });
    await vi.waitFor(() => expect(plain(statement.textContent)).toContain('Начислено31 балл'));
    expect(plain(statement.textContent)).toContain('На конец месяца480 баллов');
  });

  it('lists the history, loads the next page at the end, filters on the server and exports the same selection as CSV', async () => {
    const scrolledToEnd = stubIntersectionObserver();
    const api = member(signedIn(createFakeApi())).on(
      'GET',
      '/bonus/operations.csv',
      () => new Response('\uFEFFДата;Операция\r\n', { status: 200, headers: { 'content-type': 'text/csv', 'content-disposition': 'attachment; filename="bonus-history-2026-11-22.csv"' } }),
    );
    const save = vi.spyOn(browser, 'saveFile').mockImplementation(() => undefined);
    const { user } = renderApp('/bonus');

    const list = await screen.findByRole('list', { name: 'Операции с баллами' }, slow);
    expect(within(list).getAllByRole('listitem')).toHaveLength(20);
    expect(plain(within(list).getAllByRole('listitem')[0]!.textContent)).toContain('Покупка: АЗС №1');
    expect(plain(within(list).getAllByRole('listitem')[0]!.textContent)).toContain('Начислено +11');
    scrolledToEnd();
    await vi.waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(21));
    expect(plain(within(list).getAllByRole('listitem')[20]!.textContent)).toContain('Списано −50');
    expect(screen.getByText('Это все операции.')).toBeInTheDocument();

    const form = screen.getByRole('form', { name: 'Отбор операций' });
    await user.click(within(form).getByRole('checkbox', { name: 'Оплата баллами' }));
    await user.click(within(form).getByRole('checkbox', { name: 'Сгорание' }));
    await user.click(within(form).getByRole('radio', { name: 'Списания' }));
    await user.type(within(form).getByLabelText('С даты'), '2026-11-01');
    await user.type(within(form).getByLabelText('По дату'), '2026-10-01');
    await user.click(within(form).getByRole('button', { name: 'Показать' }));
    expect(within(form).getByLabelText('По дату')).toHaveAccessibleDescription('Дата «по» раньше даты «с»');
    await user.clear(within(form).getByLabelText('По дату'));
    await user.type(within(form).getByLabelText('По дату'), '2026-11-30');
    await user.click(within(form).getByRole('button', { name: 'Показать' }));
    await vi.waitFor(() => expect(api.callsTo('GET', '/bonus/operations').at(-1)!.url.searchParams.get('kind')).toBe('spend,expiry'));
    expect(Object.fromEntries(api.callsTo('GET', '/bonus/operations').at(-1)!.url.searchParams)).toEqual({
      kind: 'spend,expiry',
      direction: 'out',
      from: '2026-11-01',
      to: '2026-11-30',
      limit: '20',
    });

    await user.click(screen.getByRole('button', { name: 'Скачать CSV' }));
    expect(await screen.findByText('Файл bonus-history-2026-11-22.csv сохранён.')).toBeInTheDocument();
    expect(Object.fromEntries(api.callsTo('GET', '/bonus/operations.csv')[0]!.url.searchParams)).toEqual({ kind: 'spend,expiry', direction: 'out', from: '2026-11-01', to: '2026-11-30' });
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('transfers points by phone within today’s allowance; a refusal is told in words and the retry is a new attempt', async () => {
    const api = member(signedIn(createFakeApi()), summary({ transferLimits: { dailyPoints: 300, dailyCount: 5, usedPoints: 100, usedCount: 1 } }))
      .once('POST', '/bonus/transfers', () => problem(404, 'bonus_recipient_not_found'))
      .on('POST', '/bonus/transfers', (request) =>
        json(201, { id: 't-1', points: (request.body as { points: number }).points, to: { phone: '+7 *** ***-**-02', name: 'Анна П.' }, balance: 330, createdAt: '2026-11-22T09:00:00Z' }),
      );
    const { user } = renderApp('/bonus');

    await user.click(await screen.findByRole('button', { name: 'Перевести баллы' }, slow));
    const dialog = screen.getByRole('dialog', { name: 'Перевод баллов участнику' });
    expect(plain(dialog.textContent)).toContain('Сегодня ещё можно: 200 баллов.');
    await user.type(within(dialog).getByLabelText('Телефон получателя'), '8 921 000-00-02');
    await user.type(within(dialog).getByLabelText('Сколько баллов'), '250');
    await user.click(within(dialog).getByRole('button', { name: 'Перевести' }));
    expect(within(dialog).getByLabelText('Сколько баллов')).toHaveAccessibleDescription(/Можно перевести не больше 200 баллов/);
    expect(api.callsTo('POST', '/bonus/transfers')).toHaveLength(0);

    await user.clear(within(dialog).getByLabelText('Сколько баллов'));
    await user.type(within(dialog).getByLabelText('Сколько баллов'), '150');
    await user.click(within(dialog).getByRole('button', { name: 'Перевести' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Участника программы с таким номером нет.');
    await user.click(within(dialog).getByRole('button', { name: 'Перевести' }));
    await vi.waitFor(() => expect(api.callsTo('POST', '/bonus/transfers')).toHaveLength(2));
    expect(await screen.findByText('Переведено 150 баллов — Анна П.')).toBeInTheDocument();
    const calls = api.callsTo('POST', '/bonus/transfers');
    expect(calls.map((c) => c.body)).toEqual([
      { toPhone: '8 921 000-00-02', points: 150 },
      { toPhone: '8 921 000-00-02', points: 150 },
    ]);
    expect(calls[0]!.headers.get('Idempotency-Key')).toBeTruthy();
    expect(calls[1]!.headers.get('Idempotency-Key')).not.toBe(calls[0]!.headers.get('Idempotency-Key'));
  });

  it('blocks a lost card with a new virtual number in its place', async () => {
    const api = member(signedIn(createFakeApi())).on('POST', '/bonus/cards/card-1/block', () =>
      json(200, {
        blocked: plasticCard({ status: 'blocked', blockReason: 'lost', replacedBy: '2780900000129' }),
        replacement: plasticCard({ id: 'card-2', kind: 'virtual', number: '2780900000129', barcode: { format: 'ean13', value: '2780900000129' } }),
        balance: 480,
      }),
    );
    const { user } = renderApp('/bonus');

    const card = await screen.findByRole('article', { name: 'Бонусная карта 2780 1010 0001 4' }, slow);
    await user.click(within(card).getByRole('button', { name: 'Заблокировать' }));
    const dialog = screen.getByRole('dialog', { name: 'Блокировка карты 2780 1010 0001 4' });
    await user.selectOptions(within(dialog).getByLabelText('Причина'), 'Потеряна');
    await user.click(within(dialog).getByRole('radio', { name: 'Новый номер виртуальной карты' }));
    await user.click(within(dialog).getByRole('button', { name: 'Заблокировать' }));
    expect(await screen.findByText('Карта 2780 1010 0001 4 заблокирована; баллы теперь на карте 2780 9000 0012 9.')).toBeInTheDocument();
    expect(api.callsTo('POST', '/bonus/cards/card-1/block')[0]!.body).toEqual({ reason: 'lost', replaceWithVirtual: true });
  });

  it('for someone without a card: attach a plastic one (the number is checked first) or create a virtual one', async () => {
    const api = member(signedIn(createFakeApi()), summary({ member: false, balance: 0, cards: [], nextExpiry: null, expiringSoon: [] }))
      .on('POST', '/bonus/cards', () => problem(409, 'bonus_card_already_active'))
      .on('POST', '/bonus/cards/virtual', () => json(201, plasticCard({ kind: 'virtual', number: '2780900000129' })));
    const { user } = renderApp('/bonus');

    const add = await screen.findByRole('region', { name: 'Добавить карту' }, slow);
    await user.type(within(add).getByLabelText('Номер карты'), '2780 1010 0001 5');
    await user.click(within(add).getByRole('button', { name: 'Привязать' }));
    expect(within(add).getByLabelText('Номер карты')).toHaveAccessibleDescription(/Проверьте номер: 13 цифр/);
    expect(api.callsTo('POST', '/bonus/cards')).toHaveLength(0);
    await user.clear(within(add).getByLabelText('Номер карты'));
    await user.type(within(add).getByLabelText('Номер карты'), '2780 1010 0001 4');
    await user.click(within(add).getByRole('button', { name: 'Привязать' }));
    expect(await within(add).findByRole('alert')).toHaveTextContent('Эта карта уже активирована.');
    expect(api.callsTo('POST', '/bonus/cards')[0]!.body).toEqual({ cardNumber: '2780101000014' });

    await user.click(within(add).getByRole('button', { name: 'Создать виртуальную карту' }));
    expect(await screen.findByText('Виртуальная карта 2780 9000 0012 9 готова.')).toBeInTheDocument();
  });
});

describe('rewards catalog', () => {
  it('exchanges points for a reward after a confirmation and shows the voucher code', async () => {
    const api = member(signedIn(createFakeApi()))
      .on('GET', '/bonus/rewards', () =>
        json(200, {
          items: [
            { id: 'w-1', code: 'coffee', title: 'Кофе в кафе АЗС', description: 'Любой кофе 0,3 л', kind: 'voucher', points: 90, validDays: 30 },
            { id: 'w-2', code: 'fuel-500', title: 'Сертификат на топливо 500 ₽', description: 'Топливо', kind: 'voucher', points: 900, validDays: 90 },
          ],
        }),
      )
      .on('GET', '/bonus/redemptions', () => json(200, { items: [], nextCursor: null }))
      .on('POST', '/bonus/rewards/coffee/redemptions', () =>
        json(201, { id: 'r-1', reward: { code: 'coffee', title: 'Кофе в кафе АЗС', kind: 'voucher' }, points: 90, voucherCode: 'COFFEE-AB23-CD45', createdAt: '2026-11-22T09:00:00Z', expiresAt: '2026-12-22T09:00:00Z', balance: 390 }),
      );
    const { user } = renderApp('/bonus/rewards');

    const catalog = await screen.findByRole('list', { name: 'Каталог наград' }, slow);
    const fuel = within(catalog).getByRole('article', { name: 'Сертификат на топливо 500 ₽' });
    expect(within(fuel).getByRole('button', { name: 'Обменять' })).toBeDisabled(); // 900 > 480
    await user.click(within(within(catalog).getByRole('article', { name: 'Кофе в кафе АЗС' })).getByRole('button', { name: 'Обменять' }));
    const dialog = screen.getByRole('dialog', { name: 'Обменять баллы?' });
    expect(dialog).toHaveTextContent('«Кофе в кафе АЗС» за 90 баллов.');
    await user.click(within(dialog).getByRole('button', { name: 'Обменять' }));
    expect(await screen.findByText('«Кофе в кафе АЗС»: ваш код COFFEE-AB23-CD45')).toBeInTheDocument();
    expect(api.callsTo('POST', '/bonus/rewards/coffee/redemptions')[0]!.headers.get('Idempotency-Key')).toBeTruthy();
  });
});

describe('activation of a plastic card (public)', () => {
  it('checks the form, sends it, confirms the SMS code, signs in with it and asks for an own password first', async () => {
    const api = createFakeApi()
      .on('POST', '/bonus/activation', () => json(202, { activationId: 'act-1', phone: '+79215551234', resendAfter: 60, codeTtl: 300 }))
      .once('POST', '/bonus/activation/confirm', () => problem(400, 'otp_invalid', { attemptsLeft: 2 }))
      .on('POST', '/bonus/activation/confirm', () => json(201, { login: '+79215551234', card: plasticCard(), mustChangePassword: true }))
      .on('POST', '/auth/login', () => json(200, token('access-9', true)))
      .on('GET', '/me', () => json(200, { ...customer, phone: '+79215551234', mustChangePassword: true }));
    const { user, location } = renderApp('/bonus/activate');

    const form = await screen.findByRole('form', { name: 'Анкета участника' }, slow);
    await user.type(within(form).getByLabelText('Номер карты'), '2780 1010 0001 5');
    await user.click(within(form).getByRole('button', { name: 'Получить код подтверждения' }));
    expect(within(form).getByLabelText('Номер карты')).toHaveAccessibleDescription(/Проверьте номер/);
    expect(within(form).getByLabelText('Номер карты')).toHaveFocus();
    expect(within(form).getByLabelText('Фамилия')).toHaveAccessibleDescription('Заполните это поле');

    await user.clear(within(form).getByLabelText('Номер карты'));
    await user.type(within(form).getByLabelText('Номер карты'), '2780 1010 0001 4');
    await user.type(within(form).getByLabelText('Электронная почта'), 'petr@example.ru');
    await user.type(within(form).getByLabelText('Фамилия'), 'Водителев');
    await user.type(within(form).getByLabelText('Имя'), 'Пётр');
    await user.type(within(form).getByLabelText('Мобильный телефон'), '8 921 555-12-34');
    await user.type(within(form).getByLabelText('Дата рождения'), '1988-03-15');
    await user.click(within(form).getByRole('radio', { name: 'Мужской' }));
    await user.click(within(form).getByRole('button', { name: 'Получить код подтверждения' }));

    const code = await screen.findByRole('form', { name: 'Код подтверждения' });
    expect(code).toHaveTextContent('Код отправлен на +7 921 555-12-34.');
    expect(api.callsTo('POST', '/bonus/activation')[0]!.body).toEqual({
      cardNumber: '2780101000014',
      email: 'petr@example.ru',
      surname: 'Водителев',
      name: 'Пётр',
      patronymic: null,
      phone: '8 921 555-12-34',
      birthDate: '1988-03-15',
      gender: 'male',
    });
    expect(within(code).getByRole('button', { name: 'Отправить код ещё раз' })).toBeDisabled();
    await user.type(within(code).getByLabelText('Код из SMS'), '111111');
    await user.click(within(code).getByRole('button', { name: 'Подтвердить' }));
    expect(await within(code).findByRole('alert')).toHaveTextContent('Неверный код. Осталось 2 попытки.');
    await user.clear(within(code).getByLabelText('Код из SMS'));
    await user.type(within(code).getByLabelText('Код из SMS'), '482913');
    await user.click(within(code).getByRole('button', { name: 'Подтвердить' }));

    await screen.findByRole('heading', { level: 1, name: 'Смените пароль' });
    expect(location()).toBe('/change-password?next=%2Fbonus');
    expect(api.callsTo('POST', '/auth/login')[0]!.body).toEqual({ login: '+79215551234', password: '482913' });
  });
});

describe('till simulator (staff)', () => {
  const operator: CustomerView = { ...customer, id: 'op-1', role: 'operator', surname: 'Смирнова', name: 'Ольга' };

  it('picks a card, rings up goods, asks the quote, pays with points through the tills’ path and refunds', async () => {
    const api = signedIn(createFakeApi(), operator)
      .on('GET', '/bonus/till/cards', () => json(200, { items: [{ number: '2780101000014', kind: 'plastic', holder: 'Иванов Иван', balance: 480 }] }))
      .on('POST', '/bonus/till/quote', () => json(200, { cardNumber: '2780101000014', balance: 480, maxSpend: 480, spendableAmount: { amount: 254000, currency: 'RUB' }, accrualPreview: 25 }))
      .on('POST', '/bonus/till/purchases', (request) => {
        const body = request.body as { receiptId: string; spendPoints: number };
        return json(200, {
          receiptId: body.receiptId,
          status: 'completed',
          cardNumber: '2780101000014',
          station: 'АЗС №1 (симулятор)',
          occurredAt: '2026-11-22T09:00:00Z',
          total: { amount: 279000, currency: 'RUB' },
          discount: { amount: body.spendPoints * 100, currency: 'RUB' },
          toPay: { amount: 279000 - body.spendPoints * 100, currency: 'RUB' },
          pointsSpent: body.spendPoints,
          pointsAccrued: 24,
          balance: 480 - body.spendPoints + 24,
          campaigns: [],
          refund: null,
        });
      });
    const { user } = renderApp('/backoffice/till');

    await screen.findByRole('heading', { level: 1, name: 'Симулятор кассы' }, slow);
    await user.type(screen.getByLabelText('Поиск карты'), '+79210000001');
    await user.click(await screen.findByRole('radio', { name: /2780 1010 0001 4 · Иванов Иван · 480 баллов/ }));
    await user.click(screen.getByRole('button', { name: /^\+ АИ-95, 40 л/ }));
    await user.click(screen.getByRole('button', { name: /^\+ Сигареты/ }));
    expect(plain(screen.getByText(/^Итого:/).textContent)).toBe('Итого: 2 790 ₽');
    await user.click(screen.getByRole('button', { name: 'Спросить баллы' }));
    expect(await screen.findByText('На карте 480 баллов; этим чеком можно оплатить до 480 баллов; без баллов начислится 25 баллов.')).toBeInTheDocument();
    await user.clear(screen.getByLabelText('Списать баллов'));
    await user.type(screen.getByLabelText('Списать баллов'), '100');
    await user.click(screen.getByRole('button', { name: 'Оплатить с баллами' }));

    const receipts = await screen.findByRole('list', { name: 'Пробитые чеки' });
    expect(plain(receipts.textContent)).toContain('чек 2 790 ₽, к оплате 2 690 ₽, списано 100, начислено 24');
    const [purchase] = api.callsTo('POST', '/bonus/till/purchases');
    const body = purchase!.body as { receiptId: string; cardNumber: string; items: { category: string }[]; spendPoints: number };
    expect(body).toMatchObject({ cardNumber: '2780101000014', spendPoints: 100 });
    expect(body.items.map((i) => i.category)).toEqual(['fuel', 'tobacco']);
    expect(body.receiptId).toMatch(/^SIM-/);

    api.on('POST', `/bonus/till/purchases/${body.receiptId}/refund`, () => json(200, { receiptId: body.receiptId, status: 'refunded', cardNumber: '2780101000014', total: { amount: 279000, currency: 'RUB' }, toPay: { amount: 269000, currency: 'RUB' }, pointsSpent: 100, pointsAccrued: 24, balance: 480, refund: { refundedAt: '2026-11-22T09:01:00Z', pointsReversed: 24, pointsReturned: 100, pointsUnrecovered: 0 } }));
    await user.click(within(receipts).getByRole('button', { name: 'Вернуть покупку' }));
    expect(await within(receipts).findByText('Возврат')).toBeInTheDocument();
    expect(plain(receipts.textContent)).toContain('480 баллов');
  });
});
