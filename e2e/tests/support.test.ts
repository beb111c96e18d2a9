import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { desktop, expectHeading, launch, newContext, phone, screenshot } from '../support/browser';

const baseUrl = inject('baseUrl');
const chromiumPath = inject('chromiumPath');

/** Anna signs in by her contract number; no other journey changes her password. */
const customer = { login: '100200300', password: 'demo12345' };
/** The demo operator takes general, connection and technical chats (the seed's queue rules). */
const operator = { login: '+79210000099', password: 'operator12345' };

async function signIn(page: Page, login: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Телефон или номер договора').fill(login);
  await page.getByLabel('Пароль', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
}

const fits = async (page: Page, width: number) => expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(width);

describe.skipIf(!chromiumPath)('support chat and FAQ (real Chromium, built SPA + live API)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch(chromiumPath!);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('a customer writes in the chat, the operator answers in the back office, the customer sees the answer without reloading, then rates the chat', async () => {
    // 1. The customer opens a request from the cabinet.
    const home = await newContext(browser, baseUrl, desktop);
    const me = await home.newPage();
    await signIn(me, customer.login, customer.password);
    await expectHeading(me, /^Здравствуйте, Анна/);
    await me.getByRole('navigation', { name: 'Разделы кабинета' }).getByRole('link', { name: 'Поддержка' }).click();
    await expectHeading(me, 'Поддержка');
    await me.getByLabel('Тема').selectOption('technical');
    await me.getByLabel('Сообщение').fill('Роутер мигает красным, интернета нет с утра');
    await me.getByRole('button', { name: 'Отправить' }).click();
    await expectHeading(me, /^Обращение S-\d+$/);
    const number = ((await me.getByRole('heading', { level: 1 }).textContent()) ?? '').replace('Обращение ', '').trim();
    const log = me.getByRole('log', { name: 'Переписка' });
    await log.getByText('Роутер мигает красным, интернета нет с утра').waitFor();
    await me.getByText('На связи').waitFor();
    // A marker that a reload would wipe out.
    await me.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    // 2. The operator, in another browser context, finds it in the queue and answers.
    const office = await newContext(browser, baseUrl, desktop);
    const staff = await office.newPage();
    await signIn(staff, operator.login, operator.password);
    await staff.waitForURL('**/backoffice');
    await staff.getByRole('navigation', { name: 'Разделы back office' }).getByRole('link', { name: 'Чаты поддержки' }).click();
    await expectHeading(staff, 'Чаты поддержки');
    await staff.getByRole('list', { name: 'Очередь' }).getByRole('link', { name: new RegExp(`^${number}`) }).click();
    await expectHeading(staff, `Обращение ${number}`);
    await staff.getByRole('log', { name: 'Переписка' }).getByText('Роутер мигает красным, интернета нет с утра').waitFor();
    await screenshot(staff, 'support-operator-chat');
    await staff.getByLabel('Ответ').fill('Здравствуйте, Анна! Перезагрузите роутер: выключите его на 30 секунд.');
    await staff.getByRole('button', { name: 'Отправить' }).click();
    await staff.getByRole('log', { name: 'Переписка' }).getByText(/Перезагрузите роутер/).waitFor();

    // 3. The customer sees the answer live: same page, no reload.
    await log.getByText('Здравствуйте, Анна! Перезагрузите роутер: выключите его на 30 секунд.').waitFor();
    await log.getByText(/взял\(а\) обращение/).waitFor();
    await expect(me.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).resolves.toBe(true);
    await screenshot(me, 'support-customer-chat');

    // The customer answers back; the operator's page shows it live too.
    await me.getByLabel('Сообщение').fill('Помогло, спасибо!');
    await me.getByRole('button', { name: 'Отправить' }).click();
    await staff.getByRole('log', { name: 'Переписка' }).getByText('Помогло, спасибо!').waitFor();

    // 4. The customer ends it with a rating; the operator sees it closed.
    await me.getByRole('button', { name: 'Завершить обращение' }).click();
    await me.getByRole('radio', { name: '5 звёзд' }).check();
    await me.getByRole('button', { name: 'Завершить и оценить' }).click();
    await me.getByText('Оценка: 5 из 5').first().waitFor();
    await staff.getByRole('log', { name: 'Переписка' }).getByText('Обращение закрыто').waitFor();

    // On a phone the chat fits the screen.
    await me.setViewportSize(phone);
    await fits(me, phone.width);
    await screenshot(me, 'support-chat-360');
    await Promise.all([home.close(), office.close()]);
  });

  it('on a 360 px phone: the public help page finds «пароль» when asked about «пароля»', async () => {
    const visit = await newContext(browser, baseUrl, phone);
    await visit.setExtraHTTPHeaders({ 'X-Forwarded-For': '198.51.100.81' });
    const page = await visit.newPage();
    await page.goto('/help');
    await expectHeading(page, 'Помощь');
    await page.getByRole('searchbox', { name: 'Поиск по частым вопросам' }).fill('пароля');
    await page.getByRole('button', { name: 'Найти' }).click();
    const found = page.getByRole('region', { name: 'Найдено' });
    await found.getByText('Как восстановить пароль от личного кабинета?').click();
    await found.getByRole('button', { name: 'Да' }).first().click();
    await found.getByText('Спасибо за отзыв').waitFor();
    await screenshot(page, 'help-search-360');
    await fits(page, phone.width);
    await visit.close();
  });
});
