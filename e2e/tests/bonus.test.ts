import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { desktop, expectHeading, launch, newContext, phone, screenshot } from '../support/browser';

const baseUrl = inject('baseUrl');
const chromiumPath = inject('chromiumPath');

/** Printed cards of the demo batch SMART-2026-01 that nobody has activated (README lists them). */
const freeCards = { desktop: '2780101000021', phone: '2780101000038' };
/** The demo station cashier (staff) of the bonus seed, for the till simulator. */
const cashier = { login: '+79210000090', password: 'cashier12345' };
/** The demo member Anna (home internet): a transfer recipient only — nobody signs in as her here. */
const anna = '+79210000002';

const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');
/** "480 баллов" → 480 */
const points = (text: string | null) => {
  const match = /(\d[\d\s]*)\s+балл/.exec(plain(text));
  if (!match) throw new Error(`no points in ${JSON.stringify(text)}`);
  return Number(match[1]!.replace(/\s/g, ''));
};
const spaced = (n: string) => n.replace(/(\d{4})(?=\d)/g, '$1 ');

async function balanceOn(page: Page): Promise<number> {
  const region = page.getByRole('region', { name: 'Баланс' });
  await region.waitFor();
  return points(await region.locator('.bonus-balance__amount').textContent());
}

async function codeFromInbox(context: BrowserContext, to: string): Promise<string> {
  const inbox = await context.newPage();
  await inbox.goto('/dev/inbox');
  await expectHeading(inbox, 'Тестовый почтовый ящик');
  await inbox.getByLabel('Телефон или e-mail получателя').fill(to);
  await inbox.getByRole('button', { name: 'Показать' }).click();
  const newest = inbox.getByRole('list', { name: 'Тестовый почтовый ящик' }).getByRole('article').first();
  await newest.waitFor();
  await expect(newest.textContent()).resolves.toContain('Код подтверждения');
  const code = (await newest.locator('output.otp-code').textContent())?.trim() ?? '';
  expect(code).toMatch(/^\d{6}$/);
  await inbox.close();
  return code;
}

/** The activation form, the code from the dev inbox, the forced password change: ends on /bonus. */
async function activate(context: BrowserContext, page: Page, card: string, mobile: string, name: string): Promise<void> {
  await page.goto('/login');
  await page.getByRole('link', { name: 'Активация бонусной карты' }).click();
  await expectHeading(page, 'Активация бонусной карты');
  const form = page.getByRole('form', { name: 'Анкета участника' });
  await form.getByLabel('Номер карты').fill(spaced(card));
  await form.getByLabel('Электронная почта').fill(`${mobile.replace(/\D/g, '')}@example.ru`);
  await form.getByLabel('Фамилия').fill('Заправкин');
  await form.getByLabel('Имя', { exact: true }).fill(name);
  await form.getByLabel('Отчество').fill('Ильич');
  await form.getByLabel('Мобильный телефон').fill(mobile);
  await form.getByLabel('Дата рождения').fill('1988-03-15');
  await form.getByRole('radio', { name: 'Мужской' }).check();
  await screenshot(page, `bonus-activation-form-${page.viewportSize()!.width}`);
  await form.getByRole('button', { name: 'Получить код подтверждения' }).click();

  const codeForm = page.getByRole('form', { name: 'Код подтверждения' });
  await codeForm.waitFor();
  const e164 = `+7${mobile.replace(/\D/g, '').slice(1)}`;
  const code = await codeFromInbox(context, e164);
  await codeForm.getByLabel('Код из SMS').fill(code);
  await codeForm.getByRole('button', { name: 'Подтвердить' }).click();

  // Signed in with the code as the first password: a password of one's own comes first.
  await expectHeading(page, 'Смените пароль');
  await page.getByLabel('Текущий пароль').fill(code);
  await page.getByLabel('Новый пароль', { exact: true }).fill('Zapravka-2026!');
  await page.getByLabel('Повторите новый пароль').fill('Zapravka-2026!');
  await page.getByRole('button', { name: 'Сменить пароль' }).click();
  await page.waitForURL('**/bonus');
  await expectHeading(page, 'Бонусная программа');
}

/** The cashier rings up a receipt for this card in the till simulator; returns what it earned and spent. */
async function ringUp(browser: Browser, card: string, opts: { spend?: number }): Promise<{ accrued: number; spent: number }> {
  const context = await newContext(browser, baseUrl, desktop);
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Телефон или номер договора').fill(cashier.login);
  await page.getByLabel('Пароль', { exact: true }).fill(cashier.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  // Staff land in the back office; the simulator is one of its sections.
  await page.waitForURL('**/backoffice');
  await page.getByRole('navigation', { name: 'Разделы back office' }).getByRole('link', { name: 'Симулятор кассы' }).click();
  await expectHeading(page, 'Симулятор кассы');
  await page.getByLabel('Поиск карты').fill(card.slice(-6));
  await page.getByRole('radio', { name: new RegExp(spaced(card)) }).check();
  await page.getByRole('button', { name: /^\+ АИ-95, 40 л/ }).click();
  await page.getByRole('button', { name: /^\+ Сигареты/ }).click();
  if (opts.spend) {
    await page.getByRole('button', { name: 'Спросить баллы' }).click();
    const quote = page.getByRole('status').filter({ hasText: 'этим чеком можно оплатить' });
    await quote.waitFor();
    await page.getByLabel('Списать баллов').fill(String(opts.spend));
    await screenshot(page, 'bonus-till-quote');
    await page.getByRole('button', { name: 'Оплатить с баллами' }).click();
  } else {
    await page.getByRole('button', { name: 'Оплатить без баллов' }).click();
  }
  const receipt = page.getByRole('list', { name: 'Пробитые чеки' }).getByRole('listitem').first();
  await receipt.waitFor();
  const text = plain(await receipt.locator('.tx__meta').textContent());
  const match = /списано (\d+), начислено (\d+)/.exec(text);
  if (!match) throw new Error(`no receipt figures in ${text}`);
  await screenshot(page, opts.spend ? 'bonus-till-paid-with-points' : 'bonus-till-paid');
  await context.close();
  return { spent: Number(match[1]), accrued: Number(match[2]) };
}

describe.skipIf(!chromiumPath)('bonus programme journeys (real Chromium, built SPA + live API)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch(chromiumPath!);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('activates a plastic card with the code from the dev inbox, earns points at the till simulator, spends some there and transfers some', async () => {
    const context = await newContext(browser, baseUrl, desktop);
    const page = await context.newPage();
    await activate(context, page, freeCards.desktop, '8 977 600-10-01', 'Пётр');

    const card = page.getByRole('article', { name: `Бонусная карта ${spaced(freeCards.desktop)}` });
    await card.waitFor();
    await expect(card.getByRole('img', { name: `Штрихкод карты ${spaced(freeCards.desktop)}` }).getAttribute('data-barcode')).resolves.toBe(freeCards.desktop);
    expect(await balanceOn(page)).toBe(0);

    // A purchase at the till (money only): the balance shows what it earned.
    const first = await ringUp(browser, freeCards.desktop, {});
    expect(first.accrued).toBeGreaterThanOrEqual(25); // 1 % of 2 540 ₽ of fuel (×2 on a campaign day); tobacco earns nothing
    await page.reload();
    expect(await balanceOn(page)).toBe(first.accrued);
    await screenshot(page, 'bonus-card-desktop');

    // Points pay part of the next receipt.
    const second = await ringUp(browser, freeCards.desktop, { spend: 10 });
    expect(second.spent).toBe(10);
    await page.reload();
    const afterSpend = first.accrued - 10 + second.accrued;
    expect(await balanceOn(page)).toBe(afterSpend);
    const history = page.getByRole('list', { name: 'Операции с баллами' });
    await history.getByText('Оплата баллами: АЗС №1 (симулятор)').waitFor();

    // Some go to another member.
    await page.getByRole('button', { name: 'Перевести баллы' }).click();
    const dialog = page.getByRole('dialog', { name: 'Перевод баллов участнику' });
    await dialog.getByLabel('Телефон получателя').fill(anna);
    await dialog.getByLabel('Сколько баллов').fill('5');
    await screenshot(page, 'bonus-transfer-dialog');
    await dialog.getByRole('button', { name: 'Перевести' }).click();
    await page.getByRole('status').filter({ hasText: 'Переведено 5 баллов — Анна П.' }).waitFor();
    await expect.poll(() => balanceOn(page)).toBe(afterSpend - 5);
    await history.getByText(/^Перевод баллов: Анна П\./).waitFor();

    // The history filtered to what went out.
    const filters = page.getByRole('form', { name: 'Отбор операций' });
    await filters.getByRole('radio', { name: 'Списания' }).check();
    await filters.getByRole('button', { name: 'Показать' }).click();
    await expect.poll(async () => (await history.getByRole('listitem').allTextContents()).length).toBe(2);
    await screenshot(page, 'bonus-history-filtered');
    await context.close();
  });

  it('on a 360 px phone: activation, the card with its barcode and QR code, and the history fit the screen', async () => {
    const context = await newContext(browser, baseUrl, phone);
    const page = await context.newPage();
    const fits = async () => expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(phone.width);
    await activate(context, page, freeCards.phone, '8 977 600-10-02', 'Олег');
    await fits();
    await ringUp(browser, freeCards.phone, {});
    await page.reload();
    expect(await balanceOn(page)).toBeGreaterThan(0);
    const card = page.getByRole('article', { name: `Бонусная карта ${spaced(freeCards.phone)}` });
    await card.getByRole('img', { name: /^Штрихкод карты/ }).waitFor();
    await screenshot(page, 'bonus-card-360');
    await fits();
    await card.getByText('QR-код', { exact: true }).click();
    await expect(card.getByRole('img', { name: /^QR-код карты/ }).getAttribute('data-qr')).resolves.toBe(freeCards.phone);
    await screenshot(page, 'bonus-card-qr-360');
    await page.getByRole('list', { name: 'Операции с баллами' }).waitFor();
    await fits();
    await page.goto('/bonus/rewards');
    await expectHeading(page, 'Награды за баллы');
    await screenshot(page, 'bonus-rewards-360');
    await fits();
    await context.close();
  });
});
