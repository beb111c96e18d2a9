import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { desktop, expectHeading, launch, newContext, phone, screenshot } from '../support/browser';

const baseUrl = inject('baseUrl');
const chromiumPath = inject('chromiumPath');

/** The demo home-internet subscriber (README): nobody else signs in as her, and nothing here changes her password. */
const anna = { login: '+79210000002', password: 'demo12345' };

/** "Уведомления: 3 непрочитанных" → 3; "Уведомления" → 0. */
async function unread(page: Page): Promise<number> {
  const bell = page.locator('header a.notification-bell');
  await bell.waitFor();
  const label = (await bell.getAttribute('aria-label')) ?? '';
  const match = /(\d+)/.exec(label);
  return match ? Number(match[1]) : 0;
}

describe.skipIf(!chromiumPath)('news, promotions and the notification centre', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch(chromiumPath!);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a visitor reads the news, signs in to join a promotion, and the header badge counts the notice until it is read', async () => {
    const context = await newContext(browser, baseUrl, desktop);
    const page = await context.newPage();

    // Public: the list with pictures, then one promotion.
    await page.goto('/news');
    await expectHeading(page, 'Новости и акции');
    const card = page.getByRole('article', { name: 'Удвоенный трафик на месяц' });
    // The picture may still be on its way when the card shows: wait for it to load (or fail) before measuring it.
    const banner = (img: HTMLImageElement) =>
      img.complete ? img.naturalWidth : new Promise<number>((done) => ['load', 'error'].forEach((e) => img.addEventListener(e, () => done(img.naturalWidth), { once: true })));
    await expect(card.getByRole('img', { name: /баннер акции/ }).evaluate(banner)).resolves.toBe(640);
    // Scheduled for tomorrow: not shown yet.
    await expect(page.getByRole('article', { name: 'Новогодние тарифы' }).count()).resolves.toBe(0);
    await screenshot(page, 'news-list-1280');
    await card.getByRole('link', { name: 'Удвоенный трафик на месяц' }).click();
    await expectHeading(page, 'Удвоенный трафик на месяц');
    await page.getByRole('link', { name: 'Участвовать в личном кабинете' }).click();

    // Sign-in brings her back to the promotions.
    await page.getByLabel('Телефон или номер договора').fill(anna.login);
    await page.getByLabel('Пароль', { exact: true }).fill(anna.password);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.waitForURL('**/promotions');
    await expectHeading(page, 'Акции');
    const before = await unread(page);

    const promo = page.getByRole('article', { name: 'Удвоенный трафик на месяц' });
    await promo.getByRole('button', { name: 'Участвовать' }).click();
    await expect(promo.getByRole('status').textContent()).resolves.toMatch(/Вы участвуете с/);
    await expect.poll(() => unread(page), { timeout: 15_000 }).toBe(before + 1);
    await screenshot(page, 'promotions-joined-1280');

    // The centre lists the notice; reading all clears the badge.
    await page.locator('header a.notification-bell').click();
    await expectHeading(page, 'Уведомления');
    const list = page.getByRole('list', { name: 'Уведомления' });
    const notice = list.getByText(/Вы участвуете в акции «Удвоенный трафик на месяц»/);
    await notice.waitFor();
    await expect(notice.count()).resolves.toBe(1);
    await screenshot(page, 'notifications-1280');
    await page.getByRole('button', { name: 'Прочитать все' }).click();
    await page.getByText('Всё прочитано').waitFor();
    await expect.poll(() => unread(page), { timeout: 15_000 }).toBe(0);

    // Reloaded, the join is still there (recorded, not only shown).
    await page.goto('/promotions');
    await expect(page.getByRole('article', { name: 'Удвоенный трафик на месяц' }).getByRole('status').textContent()).resolves.toMatch(/Вы участвуете с/);
    await context.close();
  });

  it('on a 360 px phone the news and the notification settings fit the screen', async () => {
    const context = await newContext(browser, baseUrl, phone);
    const page = await context.newPage();
    await page.goto('/news');
    await expectHeading(page, 'Новости и акции');
    await page.getByRole('article').first().waitFor();
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(phone.width);
    await screenshot(page, 'news-list-360');

    await page.goto('/login?next=%2Fprofile%2Fnotifications');
    await page.getByLabel('Телефон или номер договора').fill(anna.login);
    await page.getByLabel('Пароль', { exact: true }).fill(anna.password);
    await page.getByRole('button', { name: 'Войти' }).click();
    await expectHeading(page, 'Настройки уведомлений');
    await expect(page.getByRole('checkbox', { name: 'Смена пароля: SMS' }).isDisabled()).resolves.toBe(true);
    await page.getByRole('checkbox', { name: 'Низкий баланс: SMS' }).click();
    await expect.poll(() => page.getByRole('checkbox', { name: 'Низкий баланс: SMS' }).isChecked()).toBe(false);
    await page.reload();
    await expectHeading(page, 'Настройки уведомлений');
    await expect(page.getByRole('checkbox', { name: 'Низкий баланс: SMS' }).isChecked()).resolves.toBe(false);
    await screenshot(page, 'notification-settings-360');
    await context.close();
  });
});
