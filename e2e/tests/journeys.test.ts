import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { desktop, expectHeading, launch, newContext, phone, screenshot } from '../support/browser';

const baseUrl = inject('baseUrl');
const chromiumPath = inject('chromiumPath');

const demo = { typed: '8 921 000-00-01', e164: '+79210000001', password: 'demo12345' };
const newPassword = 'Sever-Veter-2026';

/** Intl puts no-break spaces into money and numbers; compare with plain ones. */
const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');

/** `1 142,50 ₽` → 114250 kopecks. */
const kopecks = (text: string | null) => {
  const match = /(-?[\d\s]+)(?:,(\d{2}))?\s*₽/.exec(plain(text));
  if (!match) throw new Error(`no amount in ${JSON.stringify(text)}`);
  return Number(match[1]!.replace(/\s/g, '')) * 100 + Number(match[2] ?? 0);
};
const rub = (amount: number) => `${Math.trunc(amount / 100).toLocaleString('ru-RU').replace(/\u00a0/g, ' ')},${String(amount % 100).padStart(2, '0')} ₽`.replace(',00 ₽', ' ₽');

/** The sandbox acquirer's own card page (served by the API), as a payer fills it in. */
async function payOnAcquirerPage(page: Page, card: string): Promise<void> {
  await page.waitForURL('**/api/sandbox/acquirer/pay/**');
  await page.getByLabel('Номер карты').fill(card);
  await page.getByLabel('Срок (ММ/ГГ)').fill('12/30');
  await page.getByLabel('CVC').fill('123');
  await page.getByLabel('Владелец карты').fill('IVAN IVANOV');
  await page.getByRole('button', { name: /^Оплатить/ }).click();
}

async function signIn(page: Page): Promise<void> {
  if (!new URL(page.url()).pathname.startsWith('/login')) await page.goto('/login');
  await page.getByLabel('Телефон или номер договора').fill(demo.e164);
  await page.getByLabel('Пароль', { exact: true }).fill(demo.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expectHeading(page, /^Здравствуйте, Иван/);
}

// One file, run in this order: the last journey changes the demo customer's password.
describe.skipIf(!chromiumPath)('browser journeys (real Chromium, built SPA + live API)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch(chromiumPath!);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('signs in with a phone typed as 8 921 000-00-01, sees the home page with the name, signs out', async () => {
    const context = await newContext(browser, baseUrl, desktop);
    const page = await context.newPage();

    await page.goto('/');
    await page.waitForURL('**/login');
    await expectHeading(page, 'Вход в личный кабинет');
    await screenshot(page, 'sign-in-desktop');

    await page.getByLabel('Телефон или номер договора').fill(demo.typed);
    await page.getByLabel('Пароль', { exact: true }).fill(demo.password);
    await page.getByRole('button', { name: 'Войти' }).click();

    await expectHeading(page, /^Здравствуйте, Иван/);
    expect(new URL(page.url()).pathname).toBe('/');
    const details = page.getByRole('article').filter({ hasText: 'Ваши данные' });
    await expect(details.textContent()).resolves.toContain('Иванов');
    await expect(details.textContent()).resolves.toContain('+7 921 000-00-01');
    await expect(page.locator('.topbar__user').textContent()).resolves.toBe('Иван Иванов');
    await screenshot(page, 'home-desktop');

    // The access token lives only in memory: a reload restores the session from the cookie.
    await page.reload();
    await expectHeading(page, /^Здравствуйте, Иван/);
    await expect(page.evaluate(() => JSON.stringify(localStorage))).resolves.not.toMatch(/ey[A-Za-z0-9_-]{10,}\./);

    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.waitForURL('**/login');
    await expectHeading(page, 'Вход в личный кабинет');
    await expect(page.getByRole('status').filter({ hasText: 'Вы вышли' }).count()).resolves.toBe(1);

    // Signed out for real: a reload does not bring the session back.
    await page.goto('/');
    await page.waitForURL('**/login');
    await context.close();
  });

  it('on a 360 px phone: sign-in, home and the menu fit the screen', async () => {
    const context = await newContext(browser, baseUrl, phone);
    const page = await context.newPage();

    await page.goto('/login');
    await expectHeading(page, 'Вход в личный кабинет');
    await screenshot(page, 'sign-in-360');
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(phone.width);

    await page.getByLabel('Телефон или номер договора').fill(demo.typed);
    await page.getByLabel('Пароль', { exact: true }).fill(demo.password);
    await page.getByRole('button', { name: 'Войти' }).click();
    await expectHeading(page, /^Здравствуйте, Иван/);
    await screenshot(page, 'home-360');
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(phone.width);

    const menu = page.getByRole('button', { name: 'Открыть меню' });
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
    await menu.click();
    const nav = page.getByRole('navigation', { name: 'Разделы кабинета' });
    await nav.getByRole('link', { name: 'Профиль' }).waitFor();
    await screenshot(page, 'menu-360');
    await nav.getByRole('link', { name: 'Профиль' }).click();
    await expectHeading(page, 'Профиль');
    await expect(page.getByRole('button', { name: 'Открыть меню' }).getAttribute('aria-expanded')).resolves.toBe('false');
    await screenshot(page, 'profile-360');
    await context.close();
  });

  it('a deep link while signed out goes to sign-in and back: /sessions lists this device', async () => {
    const context = await newContext(browser, baseUrl, desktop);
    const page = await context.newPage();

    await page.goto('/sessions');
    await page.waitForURL('**/login?next=%2Fsessions');
    await page.getByLabel('Телефон или номер договора').fill(demo.e164);
    await page.getByLabel('Пароль', { exact: true }).fill(demo.password);
    await page.getByRole('button', { name: 'Войти' }).click();

    await page.waitForURL('**/sessions');
    await expectHeading(page, 'Устройства и сеансы');
    await page.getByText('Это устройство').waitFor();
    await screenshot(page, 'sessions-desktop');
    await context.close();
  });

  it('compares tariffs on the MegaFon line, schedules «Минимум» and cancels it, turns on «+10 ГБ» (342,50 ₽ → 142,50 ₽)', async () => {
    const context = await newContext(browser, baseUrl, desktop);
    const page = await context.newPage();
    await signIn(page);

    // The dashboard: the mobile account with its low balance said in words.
    const card = page.getByRole('article', { name: 'Лицевой счёт 7000001' });
    await card.getByText(/Мало средств/).waitFor();
    expect(plain(await card.textContent())).toContain('342,50 ₽');
    await card.getByRole('progressbar', { name: 'Минуты' }).first().waitFor();
    await screenshot(page, 'dashboard-desktop');
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(desktop.width);

    await card.getByRole('link', { name: 'Открыть счёт 7000001' }).click();
    await expectHeading(page, 'Лицевой счёт 7000001');
    await page.getByRole('tab', { name: 'Тариф' }).click();
    await page.getByRole('combobox', { name: 'Номер' }).selectOption({ label: '+7 921 000-00-01 · МегаФон · Без переплат. Всё' });

    // Compare, choose «Минимум» from the next period, read the quote before confirming.
    const compare = page.getByRole('list', { name: 'Сравнение тарифов' });
    await compare.getByRole('article', { name: 'Без переплат. Всё' }).getByText('Ваш тариф').waitFor();
    await compare.getByRole('button', { name: 'Перейти на «Минимум»' }).click();
    const panel = page.getByRole('region', { name: 'Переход на «Минимум»' });
    await panel.getByRole('radio', { name: /Сейчас/ }).check();
    await panel.getByText('Перерасчёт за остаток периода').waitFor();
    expect(plain(await panel.textContent())).toMatch(/Плата за переход\s*100 ₽/);
    await panel.getByRole('radio', { name: /Со следующего периода/ }).check();
    await panel.getByText('Плата за переход спишется в день смены тарифа.').waitFor();
    expect(plain(await panel.textContent())).toMatch(/Баланс после\s*342,50 ₽/);
    await screenshot(page, 'account-tariff-quote-desktop');
    await panel.getByRole('button', { name: 'Запланировать переход' }).click();

    await page.getByText(/Переход на «Минимум» запланирован с/).waitFor();
    const scheduled = page.getByRole('region', { name: 'Смена тарифа' });
    await scheduled.getByText(/переход на тариф «Минимум»/).waitFor();
    await screenshot(page, 'account-tariff-scheduled-desktop');
    await scheduled.getByRole('button', { name: 'Отменить' }).click();
    await page.getByText('Запланированная смена тарифа отменена.').waitFor();
    await scheduled.waitFor({ state: 'detached' });

    // An option: the fee is shown before it is turned on, then the balance drops by it.
    await page.getByRole('tab', { name: 'Опции' }).click();
    const toggle = page.getByRole('switch', { name: '+10 ГБ' });
    await expect(toggle.isChecked()).resolves.toBe(false);
    await toggle.click();
    const dialog = page.getByRole('dialog', { name: 'Подключить «+10 ГБ»?' });
    expect(plain(await dialog.textContent())).toContain('спишется 200 ₽');
    await dialog.getByRole('button', { name: /Подключить за 200/ }).click();
    await page.getByText(/Опция «\+10 ГБ» подключена/).waitFor();
    await expect.poll(() => toggle.isChecked(), { timeout: 10_000 }).toBe(true);
    await screenshot(page, 'account-options-desktop');

    await page.getByRole('tab', { name: 'Обзор' }).click();
    await page.getByTestId('balance-7000001').filter({ hasText: /142,50/ }).waitFor();
    await page.getByRole('link', { name: 'Главная' }).click();
    await expectHeading(page, /^Здравствуйте, Иван/);
    await page.getByRole('article', { name: 'Лицевой счёт 7000001' }).filter({ hasText: /142,50\s₽/ }).waitFor();
    await context.close();
  });

  it('on a 360 px phone: the dashboard, the tariff quote and the public catalog fit the screen', async () => {
    const context = await newContext(browser, baseUrl, phone);
    const page = await context.newPage();

    await page.goto('/login');
    await page.getByRole('link', { name: 'Посмотреть тарифы' }).click();
    await expectHeading(page, 'Тарифы');
    await page.getByRole('list', { name: 'Тарифы' }).getByRole('article').first().waitFor();
    await page.getByRole('radio', { name: 'Мобильная связь' }).check();
    await page.getByRole('combobox', { name: 'Оператор' }).selectOption('megafon');
    await page.waitForURL('**/tariffs?kind=mobile&provider=megafon');
    await page.getByRole('article', { name: 'Минимум' }).waitFor();
    await screenshot(page, 'catalog-360');
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(phone.width);

    await signIn(page);
    await page.getByRole('article', { name: 'Лицевой счёт 7000001' }).waitFor();
    await screenshot(page, 'dashboard-360');
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(phone.width);

    await page.getByRole('link', { name: 'Открыть счёт 7000001' }).click();
    await page.getByRole('tab', { name: 'Тариф' }).click();
    await page.getByRole('button', { name: 'Перейти на «Минимум»' }).click();
    const panel = page.getByRole('region', { name: 'Переход на «Минимум»' });
    await panel.getByText('Баланс после').waitFor();
    await screenshot(page, 'account-tariff-quote-360');
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(phone.width);
    await context.close();
  });

  it('the public catalog on a desktop, without signing in', async () => {
    const context = await newContext(browser, baseUrl, desktop);
    const page = await context.newPage();
    await page.goto('/tariffs');
    await expectHeading(page, 'Тарифы');
    await page.getByRole('article', { name: 'Гигабит' }).waitFor();
    expect(plain(await page.getByRole('article', { name: 'Гигабит' }).textContent())).toContain('1 000 Мбит/с');
    await screenshot(page, 'catalog-desktop');
    await context.close();
  });

  it('home internet (contract 100200300): devices with a MAC checked before sending, and the suspension rule', async () => {
    const context = await newContext(browser, baseUrl, desktop);
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Телефон или номер договора').fill('100200300');
    await page.getByLabel('Пароль', { exact: true }).fill(demo.password);
    await page.getByRole('button', { name: 'Войти' }).click();
    await expectHeading(page, /^Здравствуйте/);

    const card = page.getByRole('article', { name: 'Лицевой счёт 8000001' });
    await card.getByText('Оплачено до').waitFor();
    expect(plain(await card.textContent())).toContain('1 200 ₽');
    await card.getByRole('link', { name: 'Открыть счёт 8000001' }).click();
    await page.getByRole('tab', { name: 'Устройства' }).click();
    await page.getByRole('article', { name: 'Телевизор' }).waitFor();

    await page.getByLabel('MAC-адрес').fill('A4:83:E7:44:55');
    await page.getByLabel('Название', { exact: true }).fill('Планшет');
    await page.getByRole('button', { name: 'Добавить', exact: true }).click();
    await page.getByText(/Неверный MAC-адрес/).waitFor();
    await page.getByLabel('MAC-адрес').fill('a4-83-e7-00-11-22');
    await page.getByRole('button', { name: 'Добавить', exact: true }).click();
    await page.getByText('Устройство «Планшет» добавлено.').waitFor();
    await page.getByRole('article', { name: 'Планшет' }).waitFor();
    await screenshot(page, 'account-devices-desktop');

    await page.getByRole('tab', { name: 'Приостановка' }).click();
    await page.getByText(/первые 90 дней бесплатно/).first().waitFor();
    await page.getByRole('tab', { name: 'Доступ' }).click();
    await page.getByLabel('Телефон человека').waitFor();
    await screenshot(page, 'account-access-desktop');
    await context.close();
  });

  it('tops up 500 ₽ with a 3-D Secure card, sees the new balance and the receipt; saves a card; sets a threshold autopay; exports the history CSV', async () => {
    const context = await newContext(browser, baseUrl, desktop);
    const page = await context.newPage();
    await signIn(page);

    // From the dashboard card: its last charges and "Пополнить".
    const card = page.getByRole('article', { name: 'Лицевой счёт 7000001' });
    const before = kopecks(await page.getByTestId('balance-7000001').textContent());
    const charges = card.getByRole('region', { name: 'Последние списания' });
    await charges.getByRole('link', { name: 'Вся история счёта 7000001' }).waitFor();
    await charges.getByText('Загрузка…').waitFor({ state: 'detached' });
    await card.getByRole('link', { name: 'Пополнить счёт 7000001' }).click();
    await expectHeading(page, 'Пополнение счёта');
    await page.getByRole('group', { name: 'Способ оплаты' }).waitFor();
    await page.getByRole('group', { name: 'Быстрый выбор суммы' }).getByRole('button', { name: /^500/ }).click();
    await expect(page.getByRole('radio', { name: 'Банковская карта' }).isChecked()).resolves.toBe(true);
    await screenshot(page, 'top-up-desktop');
    await page.getByRole('button', { name: /^Оплатить 500/ }).click();

    // The acquirer's card page, then its 3-D Secure page.
    await payOnAcquirerPage(page, '5555 5555 5555 4444');
    await page.waitForURL('**/api/sandbox/acquirer/3ds/**');
    await page.getByRole('heading', { name: 'Подтвердите покупку' }).waitFor();
    await screenshot(page, 'acquirer-3ds-desktop');
    await page.getByLabel('Код из SMS банка').fill('123456');
    await page.getByRole('button', { name: 'Подтвердить' }).click();

    // Back in the cabinet: the result page polls until the payment has succeeded.
    await page.waitForURL(/\/payments\/[0-9a-f-]{36}$/);
    await expectHeading(page, 'Платёж прошёл');
    await page.getByRole('status').filter({ hasText: 'Счёт 7000001 пополнен на 500 ₽' }).waitFor();
    const balance = page.getByTestId('new-balance');
    await balance.filter({ hasText: rub(before + 500_00) }).waitFor();
    expect(plain(await page.locator('.details').textContent())).toContain('Mastercard •••• 4444');
    await screenshot(page, 'payment-succeeded-desktop');

    await page.getByRole('link', { name: 'Чек' }).click();
    await expectHeading(page, /^Чек № /);
    const receipt = page.getByRole('article', { name: 'Кассовый чек · Приход' });
    expect(plain(await receipt.textContent())).toContain('Итого: 500 ₽');
    expect(plain(await receipt.textContent())).toContain('Mastercard •••• 4444');
    await screenshot(page, 'receipt-desktop');

    // Save a card: the 1 ₽ binding on the acquirer's page, then back to /cards?bound=…
    await page.getByRole('navigation', { name: 'Разделы кабинета' }).getByRole('link', { name: 'Банковские карты' }).click();
    await expectHeading(page, 'Банковские карты');
    await page.getByText('Сохранённых карт нет.').waitFor();
    await page.getByRole('button', { name: 'Подключить карту' }).click();
    await payOnAcquirerPage(page, '4111 1111 1111 1111');
    await page.waitForURL(/\/cards\?bound=/);
    await page.getByText('Карта Visa •••• 1111 подключена.').waitFor();
    const saved = page.getByRole('article', { name: 'Visa •••• 1111' });
    await saved.waitFor();
    expect(plain(await saved.textContent())).toContain('основная');
    await screenshot(page, 'cards-desktop');

    // A threshold autopay with that card.
    await page.goto('/accounts');
    await page.getByRole('link', { name: 'Открыть счёт 7000001' }).click();
    await page.getByRole('tab', { name: 'Автоплатёж' }).click();
    const form = page.getByRole('form', { name: 'Новый автоплатёж' });
    await expect(form.getByRole('radio', { name: 'Когда баланс станет меньше порога' }).isChecked()).resolves.toBe(true);
    await form.getByLabel('Сумма пополнения, ₽').fill('300');
    await form.getByLabel('Порог, ₽').fill('100');
    await form.getByRole('button', { name: 'Подключить автоплатёж' }).click();
    await form.getByText('Автоплатёж подключён.').waitFor();
    const rule = page.getByRole('article', { name: /^Пополнять на 300\s₽, когда баланс меньше 100\s₽$/ });
    await rule.waitFor();
    expect(plain(await rule.textContent())).toContain('Visa •••• 1111');
    expect(plain(await rule.textContent())).toContain('работает');
    await screenshot(page, 'autopay-desktop');

    // The history: the top-up is there, the chart, and the CSV of this selection.
    await page.getByRole('tab', { name: 'История' }).click();
    const list = page.getByRole('list', { name: 'Операции по счёту' });
    await list.getByRole('listitem').first().waitFor();
    // The chart, or its words when nothing was spent in the six months.
    await page.getByRole('img', { name: /Расходы по месяцам/ }).or(page.getByText('За последние полгода списаний не было.')).waitFor();
    await page.getByRole('radio', { name: 'Зачисления' }).check();
    await page.getByRole('button', { name: 'Показать', exact: true }).click();
    await page.waitForURL(/direction=credit/);
    await list.getByRole('listitem').filter({ hasText: '+500 ₽' }).first().waitFor();
    await screenshot(page, 'history-desktop');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Скачать CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString('utf8');
    expect(csv.split(/\r?\n/)[0]).toMatch(/[А-Яа-яЁё]/);
    expect(csv).toContain(';');
    await page.getByText(/^Файл .+\.csv скачан\.$/).waitFor();

    // The payments list knows the top-up and the binding.
    await page.getByRole('navigation', { name: 'Разделы кабинета' }).getByRole('link', { name: 'Платежи' }).click();
    await expectHeading(page, 'Платежи');
    await page.getByRole('list', { name: 'Платежи' }).getByRole('link', { name: 'Пополнение счёта 7000001' }).first().waitFor();
    await screenshot(page, 'payments-desktop');
    await context.close();
  });

  it('on a 360 px phone: top-up, the SBP QR, history with its chart, autopay and cards fit the screen', async () => {
    const context = await newContext(browser, baseUrl, phone);
    const page = await context.newPage();
    /** Nothing sticks out to the right (tabs scroll inside their own strip, so they are not counted). */
    const fits = async () => {
      const wide = await page.evaluate((width) => {
        if (document.documentElement.scrollWidth <= width) return [];
        return [...document.querySelectorAll('body *')]
          .filter((element) => element.getBoundingClientRect().right > width + 1 && !element.closest('.tabs'))
          .slice(0, 5)
          .map((element) => `${element.tagName.toLowerCase()}.${element.className} → ${Math.round(element.getBoundingClientRect().right)} px`);
      }, phone.width);
      expect(wide).toEqual([]);
    };
    await signIn(page);

    await page.getByRole('article', { name: 'Лицевой счёт 7000001' }).getByRole('link', { name: 'Пополнить счёт 7000001' }).click();
    await expectHeading(page, 'Пополнение счёта');
    await page.getByRole('radio', { name: /Visa •••• 1111/ }).waitFor();
    await page.getByRole('radio', { name: 'СБП — из приложения банка' }).check();
    await page.getByLabel('Сумма, ₽').fill('150');
    await screenshot(page, 'top-up-360');
    await fits();
    await page.getByRole('button', { name: /^Оплатить 150/ }).click();
    await expectHeading(page, 'Ждём оплату');
    await page.getByRole('img', { name: /QR-код для оплаты 150\s₽ по СБП/ }).waitFor();
    await screenshot(page, 'payment-sbp-360');
    await fits();
    // The "bank app": approve, and the cabinet shows the outcome.
    await page.getByRole('link', { name: 'Открыть приложение банка' }).click();
    await page.getByRole('button', { name: 'Оплатить' }).click();
    await expectHeading(page, 'Платёж прошёл');
    await screenshot(page, 'payment-succeeded-360');
    await fits();

    await page.getByRole('link', { name: 'К счёту 7000001' }).click();
    await page.getByRole('tab', { name: 'История' }).click();
    await page.getByRole('img', { name: /Расходы по месяцам/ }).or(page.getByText('За последние полгода списаний не было.')).waitFor();
    await page.getByRole('list', { name: 'Операции по счёту' }).getByRole('listitem').first().waitFor();
    await screenshot(page, 'history-360');
    await fits();
    await page.getByRole('tab', { name: 'Автоплатёж' }).click();
    await page.getByRole('article', { name: /^Пополнять на 300\s₽/ }).waitFor();
    await screenshot(page, 'autopay-360');
    await fits();
    await page.getByRole('button', { name: 'Обещанный платёж' }).click();
    const dialog = page.getByRole('dialog', { name: 'Обещанный платёж' });
    await dialog.getByText('Вернуть до', { exact: true }).waitFor();
    await screenshot(page, 'promised-terms-360');
    await dialog.getByRole('button', { name: 'Отмена' }).click();

    await page.goto('/cards');
    await page.getByRole('article', { name: 'Visa •••• 1111' }).waitFor();
    await screenshot(page, 'cards-360');
    await fits();
    await context.close();
  });

  it('resets a forgotten password with the SMS code from the dev inbox, then signs in with the new one', async () => {
    const context = await newContext(browser, baseUrl, desktop);
    const page = await context.newPage();

    await page.goto('/login');
    await page.getByRole('link', { name: 'Забыли пароль?' }).click();
    await expectHeading(page, 'Восстановление пароля');
    await page.getByLabel('Телефон или номер договора').fill(demo.e164);
    await screenshot(page, 'forgot-step1');
    await page.getByRole('button', { name: 'Получить код' }).click();
    await page.getByLabel('Код из SMS').waitFor();
    await expect(page.getByRole('button', { name: 'Отправить код ещё раз' }).isDisabled()).resolves.toBe(true);
    await screenshot(page, 'forgot-step2');

    // Read the code the way a tester would: the dev inbox, in another tab.
    const inbox = await context.newPage();
    await inbox.goto('/dev/inbox');
    await expectHeading(inbox, 'Тестовый почтовый ящик');
    await inbox.getByLabel('Телефон или e-mail получателя').fill(demo.typed);
    await inbox.getByRole('button', { name: 'Показать' }).click();
    await inbox.waitForURL(/to=%2B79210000001/);
    const newest = inbox.getByRole('list', { name: 'Тестовый почтовый ящик' }).getByRole('article').first();
    await newest.waitFor();
    await expect(newest.textContent()).resolves.toContain('восстановления пароля');
    const code = (await newest.locator('output.otp-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^\d{6}$/);
    await screenshot(inbox, 'dev-inbox');
    await inbox.close();

    await page.getByLabel('Код из SMS').fill(code);
    await page.getByLabel('Новый пароль', { exact: true }).fill(newPassword);
    await page.getByLabel('Повторите новый пароль').fill(newPassword);
    await page.getByRole('button', { name: 'Сменить пароль' }).click();

    await page.waitForURL('**/login');
    await page.getByRole('status').filter({ hasText: 'Пароль изменён' }).waitFor();
    await expect(page.getByLabel('Телефон или номер договора').inputValue()).resolves.toBe(demo.e164);

    // The old password no longer works…
    await page.getByLabel('Пароль', { exact: true }).fill(demo.password);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('alert').filter({ hasText: 'Неверный логин или пароль' }).waitFor();

    // …the new one does.
    await page.getByLabel('Пароль', { exact: true }).fill(newPassword);
    await page.getByRole('button', { name: 'Войти' }).click();
    await expectHeading(page, /^Здравствуйте, Иван/);
    await screenshot(page, 'home-after-reset');
    await context.close();
  });
});
