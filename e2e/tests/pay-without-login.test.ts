import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectHeading, launch, newContext, phone, screenshot } from '../support/browser';

const baseUrl = inject('baseUrl');
const chromiumPath = inject('chromiumPath');

/** Elena Sokolova's demo line (README): the number anyone may pay for without signing in. */
const demo = { typed: '8 921 000-00-07', masked: 'Елена С.' };

describe.skipIf(!chromiumPath)('pay without signing in (real Chromium, built SPA + live API)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch(chromiumPath!);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('from the sign-in page at 360 px: finds the demo number (a masked name, no balance), pays 150 ₽ by card on the acquirer’s page, sees it credited', async () => {
    const context = await newContext(browser, baseUrl, phone);
    const page = await context.newPage();

    await page.goto('/login');
    await expectHeading(page, 'Вход в личный кабинет');
    await page.getByRole('main').getByRole('link', { name: 'Оплатить без входа' }).click();
    await expectHeading(page, 'Оплатить без входа');
    await page.getByLabel('Номер телефона или договора').fill(demo.typed);
    await page.getByRole('button', { name: 'Найти' }).click();

    const recipient = page.getByRole('status', { name: 'Получатель' });
    await expect.poll(async () => recipient.textContent(), { timeout: 15_000 }).toContain(demo.masked);
    const text = (await page.getByRole('main').textContent()) ?? '';
    expect(text).not.toMatch(/Соколова|472|Баланс:/); // the balance is 472 ₽
    await screenshot(page, 'pay-without-login-phone');

    await page.getByLabel('Сумма, ₽').fill('150');
    await page.getByRole('button', { name: /^Оплатить 150/ }).click();

    await page.waitForURL('**/api/sandbox/acquirer/pay/**');
    await page.getByLabel('Номер карты').fill('5555 5555 5555 4444'); // asks for 3-D Secure
    await page.getByLabel('Срок (ММ/ГГ)').fill('12/30');
    await page.getByLabel('CVC').fill('123');
    await page.getByLabel('Владелец карты').fill('PETR PETROV');
    await page.getByRole('button', { name: /^Оплатить/ }).click();
    await page.waitForURL('**/api/sandbox/acquirer/3ds/**');
    await page.getByLabel('Код из SMS банка').fill('123456');
    await page.getByRole('button', { name: 'Подтвердить' }).click();

    await page.waitForURL('**/pay/*');
    await expectHeading(page, 'Платёж прошёл');
    const outcome = (await page.getByRole('main').textContent()) ?? '';
    expect(outcome.replace(/[\u00a0\u202f]/g, ' ')).toContain('150 ₽');
    expect(outcome).toContain(demo.masked);
    await screenshot(page, 'pay-without-login-done');
    await context.close();
  });
});
