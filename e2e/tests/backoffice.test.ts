import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { desktop, expectHeading, launch, newContext, phone, screenshot } from '../support/browser';

const baseUrl = inject('baseUrl');
const chromiumPath = inject('chromiumPath');

const operator = { login: '+79210000099', password: 'operator12345' };
/** A person nobody knows yet; the journey makes them a customer. */
const applicant = { typed: '8 (921) 444-71-71', e164: '+79214447171', name: 'Мария', surname: 'Соколова', patronymic: 'Ивановна' };
const iccid = '8970199250000075512';
const newPassword = 'Belye-Nochi-2026';

/**
 * A visitor as the product sees one behind its reverse proxy: their own address (trust proxy is
 * `loopback`), so the journeys that share this server do not share one visitor's form quota.
 */
async function visitor(browser: Browser, viewport = desktop, address = '198.51.100.71'): Promise<BrowserContext> {
  const context = await newContext(browser, baseUrl, viewport);
  await context.setExtraHTTPHeaders({ 'X-Forwarded-For': address });
  return context;
}

async function signIn(page: Page, login: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Телефон или номер договора').fill(login);
  await page.getByLabel('Пароль', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
}

const fits = async (page: Page, width: number) => expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(width);

describe.skipIf(!chromiumPath)('becoming a customer and the back office (real Chromium, built SPA + live API)', () => {
  let browser: Browser;
  let tracking = '';

  beforeAll(async () => {
    browser = await launch(chromiumPath!);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('applies for a tariff on the public page, an operator processes it, the SMS in the dev inbox carries the password, the new customer signs in and changes it', async () => {
    // 1. A visitor picks a tariff in the public catalog and applies.
    const visit = await visitor(browser);
    const page = await visit.newPage();
    await page.goto('/tariffs');
    await expectHeading(page, 'Тарифы');
    await page.getByRole('link', { name: 'Подключить тариф «Минимум»' }).click();
    await expectHeading(page, 'Заявка на подключение');
    // The tariff chosen in the catalog is preselected once the tariffs have loaded.
    await expect.poll(() => page.getByLabel('Тариф').inputValue(), { timeout: 15_000 }).not.toBe('');
    await page.getByLabel('Как к вам обращаться').fill(applicant.name);
    await page.getByLabel('Телефон для связи').fill(applicant.typed);
    await page.getByLabel('Куда привезти SIM-карту').fill('Санкт-Петербург, Литейный пр., д. 20, кв. 7');
    await page.getByLabel(/Согласен с условиями/).check();
    await screenshot(page, 'connect-desktop');
    await page.getByRole('button', { name: 'Отправить заявку' }).click();
    await expectHeading(page, 'Заявка принята');
    tracking = ((await page.getByTestId('tracking-number').textContent()) ?? '').trim();
    expect(tracking).toMatch(/^A-\d{6}$/);
    await screenshot(page, 'connect-accepted');

    // The visitor follows it: number + phone.
    await page.getByRole('link', { name: 'Проверить статус заявки' }).click();
    await expectHeading(page, 'Статус заявки');
    await page.getByLabel('Телефон для связи').fill(applicant.typed);
    await page.getByRole('button', { name: 'Узнать статус' }).click();
    await page.getByRole('heading', { name: new RegExp(`Заявка ${tracking}.*Новая`) }).waitFor();

    // 2. The operator signs in on the same page as everyone and lands in the console.
    const office = await newContext(browser, baseUrl, desktop);
    const staff = await office.newPage();
    await signIn(staff, operator.login, operator.password);
    await staff.waitForURL('**/backoffice');
    await expectHeading(staff, /^Здравствуйте, Ольга/);
    await screenshot(staff, 'backoffice-home');
    await staff.getByRole('navigation', { name: 'Разделы back office' }).getByRole('link', { name: 'Заявки на связь' }).click();
    await expectHeading(staff, 'Заявки на мобильную связь');
    await staff.getByLabel('Поиск').fill(tracking);
    await staff.getByRole('button', { name: 'Найти' }).click();
    await staff.getByRole('link', { name: new RegExp(`^${tracking}`) }).click();
    await expectHeading(staff, new RegExp(`Заявка ${tracking}`));
    const form = staff.getByRole('form', { name: 'Оформление' });
    await form.getByLabel('ICCID SIM-карты').fill(iccid);
    await form.getByLabel('Фамилия').fill(applicant.surname);
    await expect(form.getByLabel('Имя', { exact: true }).inputValue()).resolves.toBe(applicant.name);
    await form.getByLabel('Отчество').fill(applicant.patronymic);
    await screenshot(staff, 'backoffice-process');
    await form.getByRole('button', { name: 'Оформить и отправить SMS' }).click();
    await staff.getByText(/клиент создан, логин \+7 921 444-71-71/).waitFor();
    await staff.getByRole('heading', { name: new RegExp(`Заявка ${tracking}.*Выполнена`) }).waitFor();

    // 3. The SMS, read the way a tester would: the dev inbox.
    const inbox = await visit.newPage();
    await inbox.goto('/dev/inbox');
    await expectHeading(inbox, 'Тестовый почтовый ящик');
    await inbox.getByLabel('Телефон или e-mail получателя').fill(applicant.typed);
    await inbox.getByRole('button', { name: 'Показать' }).click();
    await inbox.waitForURL(/to=%2B79214447171/);
    const sms = inbox.getByRole('list', { name: 'Тестовый почтовый ящик' }).getByRole('article').filter({ hasText: 'последние 4 цифры ICCID' }).first();
    await sms.waitFor();
    const text = (await sms.textContent()) ?? '';
    const password = /ICCID SIM-карты: (\d{4})/.exec(text)?.[1];
    expect(password).toBe(iccid.slice(-4));
    expect(text).toContain('+7 921 444-71-71');
    await screenshot(inbox, 'backoffice-first-login-sms');
    await inbox.close();

    // 4. The new customer signs in with the issued password and must change it first.
    const home = await newContext(browser, baseUrl, desktop);
    const me = await home.newPage();
    await signIn(me, applicant.e164, password!);
    await me.waitForURL('**/change-password**');
    await expectHeading(me, 'Смените пароль');
    await me.getByLabel('Текущий пароль').fill(password!);
    await me.getByLabel('Новый пароль', { exact: true }).fill(newPassword);
    await me.getByLabel('Повторите новый пароль').fill(newPassword);
    await me.getByRole('button', { name: 'Сменить пароль' }).click();
    await expectHeading(me, /^Здравствуйте, Мария/);
    await me.getByRole('article', { name: /Лицевой счёт 7\d{6}/ }).first().waitFor();
    await screenshot(me, 'new-customer-home');

    // The issued password is gone; the new one works.
    await me.getByRole('button', { name: 'Выйти' }).click();
    await me.waitForURL('**/login');
    await signIn(me, applicant.e164, password!);
    await me.getByRole('alert').filter({ hasText: 'Неверный логин или пароль' }).waitFor();
    await signIn(me, applicant.e164, newPassword);
    await expectHeading(me, /^Здравствуйте, Мария/);

    // The visitor's status page now says done.
    await page.getByRole('button', { name: 'Узнать статус' }).click();
    await page.getByRole('heading', { name: new RegExp(`Заявка ${tracking}.*Выполнена`) }).waitFor();
    await page.getByRole('list', { name: 'История заявки' }).getByText('Выполнена').waitFor();

    // The operator finds the new customer and their card.
    await staff.getByRole('status').getByRole('link', { name: 'Карточка клиента' }).click();
    await expectHeading(staff, 'Соколова Мария Ивановна');
    await staff.getByRole('heading', { name: 'Счета и линии' }).waitFor();
    await screenshot(staff, 'backoffice-customer-card');
    await Promise.all([visit.close(), office.close(), home.close()]);
  });

  it('on a 360 px phone: the public form, the number catalog and the console fit the screen', async () => {
    const visit = await visitor(browser, phone, '198.51.100.72');
    const page = await visit.newPage();
    await page.goto('/connect');
    await expectHeading(page, 'Заявка на подключение');
    await page.getByLabel('Тариф').locator('option').nth(1).waitFor({ state: 'attached' });
    await screenshot(page, 'connect-360');
    await fits(page, phone.width);
    await page.goto('/numbers');
    await expectHeading(page, 'Красивые номера');
    await page.getByRole('list', { name: 'Номера' }).getByRole('article').first().waitFor();
    await screenshot(page, 'numbers-360');
    await fits(page, phone.width);
    await visit.close();

    const office = await newContext(browser, baseUrl, phone);
    const staff = await office.newPage();
    await signIn(staff, operator.login, operator.password);
    await staff.waitForURL('**/backoffice');
    await staff.getByRole('list', { name: 'Очереди' }).waitFor();
    await screenshot(staff, 'backoffice-home-360');
    await fits(staff, phone.width);
    await staff.getByRole('button', { name: 'Открыть меню' }).click();
    await staff.getByRole('navigation', { name: 'Разделы back office' }).getByRole('link', { name: 'Клиенты' }).click();
    await expectHeading(staff, 'Клиенты');
    await staff.getByRole('searchbox', { name: 'Найти клиента' }).fill('Иванов');
    await staff.getByRole('button', { name: 'Найти' }).click();
    await staff.getByRole('list', { name: 'Найденные клиенты' }).getByRole('link').first().click();
    await staff.getByRole('heading', { name: 'Счета и линии' }).waitFor();
    await screenshot(staff, 'backoffice-card-360');
    await fits(staff, phone.width);
    if (tracking) {
      await staff.goto('/backoffice/connections?status=all');
      await staff.getByRole('link', { name: new RegExp(`^${tracking}`) }).waitFor();
      await fits(staff, phone.width);
    }
    await office.close();
  });
});
