import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { desktop, expectHeading, launch, newContext, phone, screenshot } from '../support/browser';

const baseUrl = inject('baseUrl');
const chromiumPath = inject('chromiumPath');

/** The demo company's people (README lists them). */
const admin = { login: '+79210000070', password: 'demo12345' };
const anna = { login: '+79210000072', password: 'demo12345' };

const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');
const fits = async (page: Page, width: number) => expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(width);

async function signIn(page: Page, login: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Телефон или номер договора').fill(login);
  await page.getByLabel('Пароль', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.waitForURL((url) => url.pathname === '/');
}

describe.skipIf(!chromiumPath)('the corporate cabinet (real Chromium, built SPA + live API)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch(chromiumPath!);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('a company admin sets a limit on an employee’s line, gives the restricted line its calls back, and downloads an act as PDF', async () => {
    const context = await newContext(browser, baseUrl, desktop);
    const page = await context.newPage();
    await signIn(page, admin.login, admin.password);
    await page.getByRole('navigation', { name: 'Разделы кабинета' }).getByRole('link', { name: 'Компания' }).click();
    await page.waitForURL('**/company');
    await expectHeading(page, 'Компания');
    await page.getByRole('link', { name: 'ООО «Северная звезда»' }).click();
    await expectHeading(page, 'ООО «Северная звезда»');

    const table = page.getByRole('table', { name: 'Номера компании' });
    const denis = table.getByRole('row').filter({ hasText: 'Денис Орлов' });
    const annaRow = table.getByRole('row').filter({ hasText: 'Анна Белова' });
    await denis.waitFor();
    await annaRow.getByText('Только входящие').waitFor();
    await screenshot(page, 'corporate-lines-desktop');

    // A limit on Денис's line.
    await page.getByRole('button', { name: 'Лимит: +7 921 000-00-71' }).click();
    const dialog = page.getByRole('dialog', { name: 'Лимит для +7 921 000-00-71' });
    await dialog.getByLabel('Лимит в месяц, ₽').fill('500');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Лимит для +7 921 000-00-71: 500 ₽.').waitFor();
    await expect.poll(async () => plain(await denis.textContent())).toContain('500 ₽');

    // Анна's line is over its 700 ₽: raised to 1000 ₽, it takes outgoing calls again.
    await page.getByRole('button', { name: 'Лимит: +7 921 000-00-72' }).click();
    const annaDialog = page.getByRole('dialog', { name: 'Лимит для +7 921 000-00-72' });
    await annaDialog.getByLabel('Лимит в месяц, ₽').fill('1000');
    await annaDialog.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Лимит для +7 921 000-00-72: 1 000 ₽.').waitFor();
    await annaRow.getByText('Работает').waitFor();

    // The act for the last month.
    await page.getByRole('navigation', { name: 'Разделы компании' }).getByRole('link', { name: 'Документы' }).click();
    const docs = page.getByRole('table', { name: 'Счета и акты по месяцам' });
    const actRow = docs.getByRole('row').filter({ hasText: 'Акт' }).first();
    await actRow.waitFor();
    await screenshot(page, 'corporate-documents-desktop');
    const [download] = await Promise.all([page.waitForEvent('download'), actRow.getByRole('button', { name: /^Скачать PDF: Акт/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^АКТ-\d+-\d{6}\.pdf$/);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // The spending report for the last month adds up and exports.
    await page.getByRole('navigation', { name: 'Разделы компании' }).getByRole('link', { name: 'Расходы' }).click();
    await page.getByRole('table', { name: 'По отделам' }).waitFor();
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Скачать CSV' }).click()]);
    expect([...(await readFile((await csv.path())!)).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    await context.close();
  });

  it('an employee signs in on a phone and sees only her own line, at 360 px', async () => {
    const context = await newContext(browser, baseUrl, phone);
    const page = await context.newPage();
    await signIn(page, anna.login, anna.password);
    await page.goto('/company');
    await expectHeading(page, 'Компания');
    await page.getByRole('link', { name: 'ООО «Северная звезда»' }).click();
    await expectHeading(page, 'ООО «Северная звезда»');
    const table = page.getByRole('table', { name: 'Номера компании' });
    await table.getByRole('row').nth(1).waitFor();
    await expect(table.getByRole('row').count()).resolves.toBe(2);
    expect(plain(await table.textContent())).toContain('+7 921 000-00-72');
    await expect(page.getByRole('navigation', { name: 'Разделы компании' }).count()).resolves.toBe(0);
    await fits(page, phone.width);
    await screenshot(page, 'corporate-employee-phone');
    await context.close();
  });
});
