import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { desktop, expectHeading, launch, newContext, phone, screenshot } from '../support/browser';

const baseUrl = inject('baseUrl');
const chromiumPath = inject('chromiumPath');

const demo = { typed: '8 921 000-00-01', e164: '+79210000001', password: 'demo12345' };
const newPassword = 'Sever-Veter-2026';

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
