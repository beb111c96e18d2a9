import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { desktop, expectHeading, launch, newContext, phone, screenshot } from '../support/browser';

const baseUrl = inject('baseUrl');
const chromiumPath = inject('chromiumPath');

/** Intl puts no-break spaces into money; compare with plain ones. */
const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');

const person = { phone: '+79215557701', typed: '8 921 555-77-01', password: 'Zaem-Sever-2026', surname: 'Смирнова', name: 'Анна', holder: 'ANNA SMIRNOVA' };

/** The newest SMS to the person, as a tester reads it: the dev inbox in another tab. */
async function codeFromInbox(page: Page): Promise<string> {
  const inbox = await page.context().newPage();
  await inbox.goto('/dev/inbox');
  await expectHeading(inbox, 'Тестовый почтовый ящик');
  await inbox.getByLabel('Телефон или e-mail получателя').fill(person.typed);
  await inbox.getByRole('button', { name: 'Показать' }).click();
  const newest = inbox.getByRole('list', { name: 'Тестовый почтовый ящик' }).getByRole('article').first();
  await newest.waitFor();
  await expect(newest.textContent()).resolves.toContain('заявки на заём');
  const code = (await newest.locator('output.otp-code').textContent())?.trim() ?? '';
  expect(code).toMatch(/^\d{6}$/);
  await screenshot(inbox, 'loan-dev-inbox');
  await inbox.close();
  return code;
}

const debtTotal = async (page: Page) => plain(await page.locator('.debt__total').textContent());

describe.skipIf(!chromiumPath)('a microloan in the browser (real Chromium, built SPA + live API)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch(chromiumPath!);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a new person applies from the public calculator, confirms the phone by the inbox code, is approved, gets the payout, repays in part, then in full', async () => {
    const context = await newContext(browser, baseUrl, desktop);
    const page = await context.newPage();
    try {
      await journey(page);
    } catch (error) {
      await screenshot(page, 'loan-journey-failed').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });

  async function journey(page: Page) {
    // The public calculator: the figures follow the sliders.
    await page.goto('/loans/calculator');
    await expectHeading(page, 'Калькулятор займа');
    await page.getByRole('radio', { name: 'До зарплаты' }).check();
    await page.getByLabel('Сумма', { exact: true }).fill(String(10_000_00));
    await page.getByLabel('Срок', { exact: true }).fill('30');
    const figures = page.locator('.loan-figures');
    await figures.filter({ hasText: '12 400 ₽' }).waitFor();
    expect(plain(await figures.textContent())).toMatch(/Переплата2 400 ₽/);
    expect(plain(await figures.textContent())).toContain('292 % годовых');
    await screenshot(page, 'loan-calculator-desktop');
    await page.getByRole('button', { name: 'Оформить заявку' }).click();

    // The wizard: amount and term as chosen, then the phone.
    await page.waitForURL('**/loans/apply');
    await expectHeading(page, 'Заявка на заём');
    expect(await page.getByRole('listitem').filter({ hasText: 'Сумма и срок' }).getAttribute('aria-current')).toBe('step');
    await page.locator('.loan-figures').filter({ hasText: '12 400 ₽' }).waitFor();
    await page.getByRole('button', { name: 'Продолжить' }).click();
    await page.getByLabel('Номер мобильного телефона').fill(person.typed);
    await page.getByRole('button', { name: 'Получить код' }).click();
    await page.getByLabel('Код', { exact: true }).fill(await codeFromInbox(page));
    await page.getByRole('button', { name: 'Подтвердить' }).click();

    // Someone new: the phone becomes the login, with a password set here.
    await page.getByRole('heading', { name: 'Придумайте пароль' }).waitFor();
    await page.getByLabel('Новый пароль', { exact: true }).fill(person.password);
    await page.getByLabel('Пароль ещё раз').fill(person.password);
    await page.getByRole('button', { name: 'Зарегистрироваться и продолжить' }).click();

    // Personal data (the draft is saved on the server now).
    await page.getByRole('heading', { name: 'Личные данные' }).waitFor();
    await page.getByText('Черновик заявки сохраняется').waitFor();
    await page.getByLabel('Фамилия').fill(person.surname);
    await page.getByLabel('Имя', { exact: true }).fill(person.name);
    await page.getByLabel('Дата рождения').fill('1991-02-14');
    await page.getByLabel('Серия').fill('4016');
    await page.getByLabel('Номер', { exact: true }).fill('552211');
    await page.getByLabel('Дата выдачи').fill('2011-03-01');
    await page.getByLabel('Адрес регистрации').fill('Санкт-Петербург, ул. Рубинштейна, д. 7, кв. 3');
    await page.getByLabel('Доход в месяц, ₽').fill('80000');
    await page.getByLabel('Занятость').selectOption('employed');
    await screenshot(page, 'loan-personal-desktop');
    await page.getByRole('button', { name: 'Продолжить' }).click();

    // The optional paid services: offered unchecked, each with its price; she takes none, the summary says so.
    const services = page.getByRole('group', { name: 'Дополнительные услуги' });
    await services.getByRole('checkbox').first().waitFor();
    expect(await services.getByRole('checkbox').count()).toBe(2);
    for (const box of await services.getByRole('checkbox').all()) expect(await box.isChecked()).toBe(false);
    expect(plain(await services.textContent())).toContain('Страхование от несчастного случая — 990 ₽');
    expect(plain(await services.textContent())).toContain('Необязательно. Не влияет на решение по займу. Можно отказаться в течение 14 дней с возвратом денег.');
    expect(plain(await page.getByRole('region', { name: 'Итого по заявке' }).textContent())).toContain('Дополнительные услугине выбраны');

    // Three consents, each its own checkbox.
    await page.getByRole('heading', { name: 'Согласия' }).waitFor();
    await page.getByRole('button', { name: 'Отправить заявку' }).click();
    await page.getByText('Отметьте все три согласия.').waitFor();
    for (const label of ['общими условиями', 'обработку персональных данных', 'запрос кредитной истории']) {
      await page.getByRole('checkbox', { name: new RegExp(label) }).check();
    }
    await screenshot(page, 'loan-consents-desktop');
    await page.getByRole('button', { name: 'Отправить заявку' }).click();

    // Approved at once; the money goes to a card in her own name.
    await page.waitForURL(/\/loans\/[0-9a-f-]{36}$/);
    await expectHeading(page, /^Заём З-\d{6} Одобрена$/);
    await page.getByText('Одобрено автоматически').waitFor();
    await page.getByRole('button', { name: 'Привязать карту' }).click();
    await page.waitForURL('**/api/sandbox/acquirer/pay/**');
    await page.getByLabel('Номер карты').fill('4111 1111 1111 1111');
    await page.getByLabel('Срок (ММ/ГГ)').fill('12/30');
    await page.getByLabel('CVC').fill('123');
    await page.getByLabel('Владелец карты').fill(person.holder);
    await page.getByRole('button', { name: /^Оплатить/ }).click();
    await page.waitForURL(/\/loans\/[0-9a-f-]{36}\?bound=/);
    await page.getByRole('radio', { name: /Visa •••• 1111 · ANNA SMIRNOVA/ }).waitFor();
    await screenshot(page, 'loan-approved-desktop');
    await page.getByRole('button', { name: 'Получить деньги на карту' }).click();
    await expectHeading(page, /Действует$/);
    expect(await debtTotal(page)).toBe('10 000 ₽');
    await page.getByRole('table', { name: 'График платежей' }).waitFor();
    await page.getByRole('img', { name: /Остаток основного долга/ }).waitFor();
    await screenshot(page, 'loan-active-desktop');

    // Repay in part: the dialog shows where the money goes before confirming.
    await page.getByRole('button', { name: 'Погасить' }).click();
    const dialog = page.getByRole('dialog', { name: 'Погашение займа' });
    await dialog.getByLabel('Сумма, ₽').fill('4000');
    await dialog.getByText('Основной долг').waitFor();
    expect(plain(await dialog.locator('.facts').textContent())).toContain('Основной долг4 000 ₽');
    expect(plain(await dialog.locator('.facts').textContent())).toContain('Останется6 000 ₽');
    await screenshot(page, 'loan-repay-dialog-desktop');
    await dialog.getByRole('button', { name: 'Оплатить 4 000 ₽' }).click();
    await page.getByRole('status').filter({ hasText: 'Платёж 4 000 ₽ зачислен.' }).waitFor();
    await page.locator('.debt__total').filter({ hasText: '6 000 ₽' }).waitFor();

    // …then in full.
    await page.getByRole('button', { name: 'Погасить' }).click();
    await dialog.getByRole('button', { name: 'Весь долг 6 000 ₽' }).click();
    await dialog.getByText('заём будет погашен').waitFor();
    await dialog.getByRole('button', { name: 'Оплатить 6 000 ₽' }).click();
    await expectHeading(page, /Погашен$/);
    await page.getByText('Заём погашен: всего выплачено 10 000 ₽.').waitFor();
    const operations = page.getByRole('table', { name: 'Выдача и платежи' });
    expect(await operations.getByRole('row').count()).toBe(4); // header, payout, two payments
    await screenshot(page, 'loan-repaid-desktop');

    // The list of loans shows it repaid.
    await page.getByRole('navigation', { name: 'Разделы кабинета' }).getByRole('link', { name: 'Займы' }).click();
    await expectHeading(page, 'Займы');
    await page.getByRole('article').filter({ hasText: 'Погашен' }).waitFor();
  }

  it('the calculator works at 360 px', async () => {
    const context = await newContext(browser, baseUrl, phone);
    const page = await context.newPage();
    await page.goto('/loans/calculator');
    await expectHeading(page, 'Калькулятор займа');
    await page.getByRole('radio', { name: 'Заём в рассрочку' }).check();
    await page.locator('.loan-figures').filter({ hasText: 'раз в 30 дней' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'loan-calculator-phone');
    await context.close();
  });
});
