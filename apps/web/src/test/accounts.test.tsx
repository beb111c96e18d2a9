import type { AccountView, TariffChangeQuote } from '@cabinet/shared-types';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { internetAccount, line, minimum, mobileAccount, plus10, tariff } from './account-fixtures';
import { createFakeApi, json, noContent, problem, signedIn, type FakeApi } from './fake-api';
import { renderApp } from './render-app';

const rub = (amount: number) => ({ amount, currency: 'RUB' as const });
/** Intl puts no-break spaces in money: compare with plain spaces. */
const text = (element: HTMLElement) => element.textContent?.replace(/[\u00a0\u202f]/g, ' ') ?? '';

function withAccount(api: FakeApi, account: () => AccountView) {
  return api
    .on('GET', `/accounts/${account().id}`, () => json(200, account()))
    .on('GET', '/accounts', () => json(200, { items: [account()], nextCursor: null }))
    .on('GET', '/tariffs', () => json(200, { items: [tariff(), minimum], nextCursor: null }))
    .on('GET', '/tariff-options', () => json(200, { items: [plus10], nextCursor: null }));
}

describe('accounts dashboard', () => {
  it('shows every account as a card: balance, low-balance warning in words, tariffs, package bars, paid-until, access', async () => {
    signedIn(createFakeApi()).on('GET', '/accounts', () =>
      json(200, {
        items: [mobileAccount(), internetAccount({ access: 'viewer', id: 'i-2', number: '8000002' })],
        nextCursor: null,
      }),
    );
    renderApp('/');

    // The first wait of the file also waits for the lazy home chunks (over a second on a busy machine).
    const mobile = await screen.findByRole('article', { name: 'Лицевой счёт 7000001' }, { timeout: 5000 });
    expect(text(mobile)).toContain('342,50 ₽');
    expect(within(mobile).getByText(/Мало средств/)).toBeInTheDocument();
    expect(within(mobile).getByText('Без переплат. Всё')).toBeInTheDocument();
    expect(within(mobile).getByText('Черный')).toBeInTheDocument();
    const minutes = within(within(mobile).getByRole('region', { name: '+7 921 000-00-01' })).getByRole('progressbar', {
      name: 'Минуты',
    });
    expect(minutes).toHaveAttribute('value', '1088');
    expect(minutes).toHaveAttribute('max', '1500');
    expect(minutes).toHaveAccessibleDescription(/^осталось 1\s088 из 1\s500 мин$/);
    expect(within(mobile).getAllByRole('progressbar', { name: 'Интернет' })[0]).toHaveAccessibleDescription(
      'осталось 23,6 из 40 ГБ',
    );
    expect(within(mobile).getByRole('link', { name: 'Открыть счёт 7000001' })).toHaveAttribute('href', '/accounts/a-1');

    const internet = screen.getByRole('article', { name: 'Лицевой счёт 8000002' });
    expect(text(internet)).toContain('1 200 ₽');
    expect(within(internet).queryByText(/Мало средств/)).not.toBeInTheDocument();
    expect(within(internet).getByText('Ваш доступ: просмотр')).toBeInTheDocument();
    expect(text(internet)).toContain('22 дек. 2026 г.');
    expect(text(internet)).toContain('Домашний 500 · 500 Мбит/с');
  });
});

describe('account page: tariff', () => {
  const quote = (when: 'now' | 'next_period'): TariffChangeQuote => ({
    tariff: { id: 't-min', name: 'Минимум' },
    when,
    effectiveAt: when === 'now' ? '2026-11-22T05:00:00Z' : '2026-12-22T05:00:00Z',
    changeFee: rub(10000),
    proratedDifference: rub(when === 'now' ? -30000 : 0),
    chargedNow: rub(when === 'now' ? 10000 : 0),
    newMonthlyFee: rub(35000),
    balanceAfter: rub(when === 'now' ? 54250 : 34250),
    packagesAfter: when === 'now' ? { minutes: 400, sms: 100, mb: 10240 } : null,
  });

  it('when a tariff is chosen, then the quote is shown first and the change happens only on confirm', async () => {
    let account = mobileAccount();
    const api = withAccount(signedIn(createFakeApi()), () => account)
      .on('GET', '/accounts/a-1/lines/l-1/tariff-change/quote', (request) =>
        json(200, quote(request.url.searchParams.get('when') as 'now' | 'next_period')),
      )
      .on('POST', '/accounts/a-1/lines/l-1/tariff-change', () => {
        account = mobileAccount({
          balance: rub(24250),
          lines: [line({ tariff: minimum }), ...mobileAccount().lines.slice(1)],
        });
        return json(200, { quote: quote('now'), scheduled: null });
      });
    const { user } = renderApp('/accounts/a-1/tariff');

    const tab = await screen.findByRole('tab', { name: 'Тариф' });
    expect(tab).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel')).toHaveAccessibleName('Тариф');
    const compare = screen.getByRole('list', { name: 'Сравнение тарифов' });
    expect(within(compare).getByRole('article', { name: 'Без переплат. Всё' })).toHaveTextContent('Ваш тариф');
    await user.click(await within(compare).findByRole('button', { name: 'Перейти на «Минимум»' }));

    const panel = await screen.findByRole('region', { name: 'Переход на «Минимум»' });
    await user.click(within(panel).getByRole('radio', { name: /Сейчас/ }));
    await within(panel).findByText('Спишется сейчас');
    const details = text(panel);
    expect(details).toContain('Плата за переход100 ₽');
    expect(details).toContain('Перерасчёт за остаток периодавозврат 300 ₽');
    expect(details).toContain('Спишется сейчас100 ₽');
    expect(details).toContain('Баланс после542,50 ₽');
    expect(details).toContain('400 мин · 100 SMS · 10 ГБ');
    expect(api.callsTo('POST', '/accounts/a-1/lines/l-1/tariff-change')).toHaveLength(0);

    await user.click(within(panel).getByRole('button', { name: 'Подтвердить переход' }));

    expect(await screen.findByText('Тариф изменён на «Минимум». Списано 100 ₽.', { normalizer: (s) => s.replace(/\u00a0/g, ' ') })).toBeInTheDocument();
    expect(api.callsTo('POST', '/accounts/a-1/lines/l-1/tariff-change')[0]?.body).toEqual({ tariffId: 't-min', when: 'now' });
    // The account is read again, so the balance and the tariff shown are the new ones.
    await screen.findByRole('article', { name: 'Минимум' }).then((card) => expect(card).toHaveTextContent('Ваш тариф'));
  });

  it('when a change is scheduled, then it is shown and "Отменить" cancels it', async () => {
    let account = mobileAccount({
      lines: [
        line({
          scheduledChange: {
            id: 'sc-1',
            tariff: { id: 't-min', name: 'Минимум' },
            effectiveAt: '2026-12-22T05:00:00Z',
            status: 'scheduled',
          },
        }),
      ],
    });
    const api = withAccount(signedIn(createFakeApi()), () => account).on(
      'DELETE',
      '/accounts/a-1/lines/l-1/tariff-change',
      () => {
        account = mobileAccount({ lines: [line()] });
        return noContent();
      },
    );
    const { user } = renderApp('/accounts/a-1/tariff');

    const scheduled = await screen.findByRole('region', { name: 'Смена тарифа' });
    expect(text(scheduled)).toContain('С 22 дек. 2026 г. — переход на тариф «Минимум».');
    await user.click(within(scheduled).getByRole('button', { name: 'Отменить' }));

    expect(await screen.findByText('Запланированная смена тарифа отменена.')).toBeInTheDocument();
    expect(api.callsTo('DELETE', '/accounts/a-1/lines/l-1/tariff-change')).toHaveLength(1);
    await expect.poll(() => screen.queryByRole('region', { name: 'Смена тарифа' })).toBeNull();
  });
});

describe('account page: options', () => {
  it('when an option is switched on, then its fee is shown first, and after confirming the balance changes', async () => {
    let account = mobileAccount();
    const api = withAccount(signedIn(createFakeApi()), () => account).on('POST', '/accounts/a-1/lines/l-1/options', () => {
      account = mobileAccount({
        balance: rub(14250),
        lines: [
          line({
            options: [
              { id: 'o-10gb', code: 'megafon-plus-10gb', name: '+10 ГБ', monthlyFee: rub(20000), activatedAt: '2026-11-22T06:00:00Z' },
            ],
          }),
        ],
      });
      return noContent();
    });
    const { user } = renderApp('/accounts/a-1/options');

    const toggle = await screen.findByRole('switch', { name: '+10 ГБ' });
    expect(toggle).not.toBeChecked();
    expect(toggle).toHaveAccessibleDescription(/Добавляет: \+10 ГБ\. 200\s₽ в месяц/);
    await user.click(toggle);

    const dialog = screen.getByRole('dialog', { name: 'Подключить «+10 ГБ»?' });
    expect(text(dialog)).toContain('спишется 200 ₽');
    expect(text(dialog)).toContain('на балансе 342,50 ₽');
    expect(api.callsTo('POST', '/accounts/a-1/lines/l-1/options')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: /^Подключить за 200\s₽$/ }));

    await screen.findByText(/Опция «\+10 ГБ» подключена/);
    expect(api.callsTo('POST', '/accounts/a-1/lines/l-1/options')[0]?.body).toEqual({ optionId: 'o-10gb' });
    await expect.poll(() => screen.getByRole('switch', { name: '+10 ГБ' })).toBeChecked();
  });

  it('when the balance is too low, then the refusal says so', async () => {
    withAccount(signedIn(createFakeApi()), () => mobileAccount()).on('POST', '/accounts/a-1/lines/l-1/options', () =>
      problem(409, 'insufficient_funds'),
    );
    const { user } = renderApp('/accounts/a-1/options');

    await user.click(await screen.findByRole('switch', { name: '+10 ГБ' }));
    await user.click(screen.getByRole('button', { name: /^Подключить за 200\s₽$/ }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Недостаточно средств на балансе');
    expect(screen.getByRole('switch', { name: '+10 ГБ' })).not.toBeChecked();
  });
});

describe('access levels', () => {
  it('a viewer sees the account but no actions: no tariff buttons, no switches, no block, no access tab', async () => {
    withAccount(signedIn(createFakeApi()), () => mobileAccount({ access: 'viewer' }));
    const { user } = renderApp('/accounts/a-1/tariff');

    await screen.findByRole('article', { name: 'Минимум' });
    expect(screen.getByText(/только для просмотра/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Перейти на/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('tab', { name: 'Доступ' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('tab', { name: 'Опции' }));
    await screen.findByRole('article', { name: '+10 ГБ' });
    expect(screen.queryByRole('switch')).not.toBeInTheDocument();
    expect(screen.getByText('Не подключена')).toBeInTheDocument();

    await user.click(screen.getByRole('tab', { name: 'Блокировка' }));
    await screen.findByRole('heading', { name: /Блокировка номера/ });
    expect(within(screen.getByRole('tabpanel')).queryByRole('button')).not.toBeInTheDocument();
  });

  it('a line manager acts only on their line, and a 403 from the API is explained', async () => {
    withAccount(signedIn(createFakeApi()), () => mobileAccount({ access: 'line_manager', managedLineId: 'l-1' })).on(
      'POST',
      '/accounts/a-1/lines/l-1/block',
      () => problem(403, 'forbidden'),
    );
    const { user } = renderApp('/accounts/a-1/block?line=l-2');

    await screen.findByRole('heading', { name: 'Блокировка номера +7 952 000-00-11' });
    expect(within(screen.getByRole('tabpanel')).queryByRole('button')).not.toBeInTheDocument();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Номер' }), 'l-1');
    await user.click(await screen.findByRole('button', { name: 'Заблокировать номер' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Заблокировать номер?' });
    expect(dialog).toHaveTextContent('первые 90 дней бесплатно');
    await user.click(within(dialog).getByRole('button', { name: 'Заблокировать номер' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Недостаточно прав.');
  });
});

describe('account page: devices', () => {
  it('checks the MAC address before sending, then adds the device', async () => {
    let devices = [{ id: 'd-1', mac: 'A4:83:E7:44:55:66', name: 'Телевизор', addedAt: '2026-11-01T10:00:00Z' }];
    const api = withAccount(signedIn(createFakeApi()), () => internetAccount())
      .on('GET', '/accounts/i-1/contract/devices', () => json(200, { items: devices, nextCursor: null }))
      .on('POST', '/accounts/i-1/contract/devices', (request) => {
        const body = request.body as { mac: string; name: string };
        devices = [...devices, { id: 'd-2', ...body, addedAt: '2026-11-22T10:00:00Z' }];
        return json(201, devices[1]);
      });
    const { user } = renderApp('/accounts/i-1/devices');

    await screen.findByRole('article', { name: 'Телевизор' });
    expect(screen.getByText(/Зарегистрировано 1 из 5/)).toBeInTheDocument();
    const mac = screen.getByLabelText('MAC-адрес');
    await user.type(mac, 'A4:83:E7:44:55');
    await user.type(screen.getByLabelText('Название'), 'Планшет');
    await user.click(screen.getByRole('button', { name: 'Добавить' }));
    expect(mac).toHaveAttribute('aria-invalid', 'true');
    expect(mac).toHaveAccessibleDescription(/Неверный MAC-адрес/);

    await user.clear(mac);
    await user.type(mac, 'a4-83-e7-44-55-66');
    await user.click(screen.getByRole('button', { name: 'Добавить' }));
    expect(mac).toHaveAccessibleDescription(/уже зарегистрировано/);
    expect(api.callsTo('POST', '/accounts/i-1/contract/devices')).toHaveLength(0);

    await user.clear(mac);
    await user.type(mac, '3c52.821a.2b3c');
    await user.click(screen.getByRole('button', { name: 'Добавить' }));

    expect(await screen.findByText('Устройство «Планшет» добавлено.')).toBeInTheDocument();
    expect(api.callsTo('POST', '/accounts/i-1/contract/devices')[0]?.body).toEqual({ mac: '3c52.821a.2b3c', name: 'Планшет' });
    expect(await screen.findByRole('article', { name: 'Планшет' })).toBeInTheDocument();
  });

  it('with five devices the add form gives way to the limit message', async () => {
    const devices = Array.from({ length: 5 }, (_, i) => ({
      id: `d-${i}`,
      mac: `A4:83:E7:44:55:6${i}`,
      name: `Устройство ${i + 1}`,
      addedAt: '2026-11-01T10:00:00Z',
    }));
    withAccount(signedIn(createFakeApi()), () => internetAccount()).on('GET', '/accounts/i-1/contract/devices', () =>
      json(200, { items: devices, nextCursor: null }),
    );
    renderApp('/accounts/i-1/devices');

    expect(await screen.findByText(/больше нельзя/)).toBeInTheDocument();
    expect(screen.queryByLabelText('MAC-адрес')).not.toBeInTheDocument();
  });
});

describe('account page: access', () => {
  it('the owner invites by phone with a level and a line, and sees who has access', async () => {
    let grants: unknown[] = [];
    const api = withAccount(signedIn(createFakeApi()), () => mobileAccount())
      .on('GET', '/accounts/a-1/grants', () => json(200, { items: grants, nextCursor: null }))
      .once('POST', '/accounts/a-1/grants', () => problem(404, 'customer_not_found'))
      .on('POST', '/accounts/a-1/grants', (request) => {
        const body = request.body as { phone: string; level: string; lineId?: string };
        grants = [
          {
            id: 'g-1',
            accountId: 'a-1',
            grantee: { id: 'c-2', phone: body.phone, name: 'Анна П.' },
            level: body.level,
            lineId: body.lineId ?? null,
            createdAt: '2026-11-22T10:00:00Z',
          },
        ];
        return json(201, grants[0]);
      });
    const { user } = renderApp('/accounts/a-1/access');

    await screen.findByText(/ни у кого, кроме вас/);
    await user.type(screen.getByLabelText('Телефон человека'), '8 921 000-00-02');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Уровень доступа' }), 'line_manager');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Номер' }), 'l-2');
    await user.click(screen.getByRole('button', { name: 'Дать доступ' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Этот номер не зарегистрирован в кабинете');

    await user.click(screen.getByRole('button', { name: 'Дать доступ' }));
    expect(await screen.findByText('Доступ выдан: Анна П., управление линией.')).toBeInTheDocument();
    expect(api.callsTo('POST', '/accounts/a-1/grants')[1]?.body).toEqual({
      phone: '+79210000002',
      level: 'line_manager',
      lineId: 'l-2',
    });
    const grant = await screen.findByRole('article', { name: 'Анна П.' });
    expect(text(grant)).toContain('управление линией · номер +7 952 000-00-11');
  });

  it('revokes after a confirmation', async () => {
    let grants = [
      {
        id: 'g-1',
        accountId: 'a-1',
        grantee: { id: 'c-2', phone: '+79210000002', name: 'Анна П.' },
        level: 'viewer',
        lineId: null,
        createdAt: '2026-11-22T10:00:00Z',
      },
    ];
    const api = withAccount(signedIn(createFakeApi()), () => mobileAccount())
      .on('GET', '/accounts/a-1/grants', () => json(200, { items: grants, nextCursor: null }))
      .on('DELETE', '/accounts/a-1/grants/g-1', () => {
        grants = [];
        return noContent();
      });
    const { user } = renderApp('/accounts/a-1/access');

    const grant = await screen.findByRole('article', { name: 'Анна П.' });
    await user.click(within(grant).getByRole('button', { name: 'Отозвать доступ' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Отозвать доступ' }));

    expect(await screen.findByText('Доступ для Анна П. отозван.')).toBeInTheDocument();
    expect(api.callsTo('DELETE', '/accounts/a-1/grants/g-1')).toHaveLength(1);
  });
});

describe('account tabs', () => {
  it('are URL-addressable and move with the arrow keys', async () => {
    withAccount(signedIn(createFakeApi()), () => mobileAccount());
    const { user, location } = renderApp('/accounts/a-1');

    const overview = await screen.findByRole('tab', { name: 'Обзор' });
    expect(overview).toHaveAttribute('aria-selected', 'true');
    overview.focus();
    await user.keyboard('{ArrowRight}');
    expect(await screen.findByRole('tab', { name: 'Тариф', selected: true })).toHaveFocus();
    expect(location()).toBe('/accounts/a-1/tariff?line=l-1');
    await user.keyboard('{End}');
    expect(await screen.findByRole('tab', { name: 'Доступ', selected: true })).toBeInTheDocument();
  });
});
