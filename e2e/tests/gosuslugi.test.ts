import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { desktop, expectHeading, launch, newContext, phone, screenshot } from '../support/browser';

const baseUrl = inject('baseUrl');
const chromiumPath = inject('chromiumPath');

/** The local Gosuslugi stand-in's page (its own origin), as a person fills it in. */
async function signInOnGosuslugi(page: Page, login: string): Promise<void> {
  await page.waitForURL((url) => url.pathname.startsWith('/interaction/'));
  await page.getByRole('heading', { name: 'Вход' }).waitFor();
  expect(new URL(page.url()).origin).not.toBe(new URL(baseUrl).origin);
  await page.getByLabel('Телефон / Email / СНИЛС').fill(login);
  await page.getByLabel('Пароль').fill('gosuslugi');
}

// Gosuslugi sign-in through the local OpenID provider that `start` runs in dev, and the integrator back office.
// Only people of this file: Gosuslugi test persons (+7 921 000-00-50/51/52) and the demo administrator.
describe.skipIf(!chromiumPath)('Gosuslugi sign-in and the integrator back office (real Chromium)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch(chromiumPath!);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a confirmed Gosuslugi person new here signs in through the provider and gets a cabinet made from the verified data', async () => {
    const context = await newContext(browser, baseUrl, desktop);
    const page = await context.newPage();
    await page.goto('/login');
    await expectHeading(page, 'Вход в личный кабинет');
    const button = page.getByRole('link', { name: 'Войти через Госуслуги' });
    await button.waitFor();
    await screenshot(page, 'gosuslugi-sign-in-desktop');
    await button.click();

    await signInOnGosuslugi(page, '+7 921 000-00-50');
    await screenshot(page, 'gosuslugi-provider-desktop');
    await page.getByRole('button', { name: 'Войти', exact: true }).click();

    await expectHeading(page, /^Здравствуйте, Пётр Сергеевич/);
    expect(new URL(page.url()).origin).toBe(new URL(baseUrl).origin);
    await expect(page.locator('.topbar__user').textContent()).resolves.toBe('Пётр Петров');

    await page.goto('/profile');
    await expectHeading(page, 'Профиль');
    const card = page.getByRole('article', { name: 'Госуслуги' });
    await card.getByText('Петров Пётр Сергеевич').waitFor();
    await expect(card.textContent()).resolves.toContain('серия 4010, номер ***456');
    await screenshot(page, 'gosuslugi-profile-desktop');

    // A reload keeps the session: it lives in the refresh cookie the callback set.
    await page.reload();
    await expectHeading(page, 'Профиль');
    await context.close();
  });

  it('on a 360 px phone: an existing customer with the Gosuslugi phone confirms the link with the password and is signed in', async () => {
    const context = await newContext(browser, baseUrl, phone);
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Войти через Госуслуги' }).click();
    await signInOnGosuslugi(page, '+79210000051');
    await screenshot(page, 'gosuslugi-provider-360');
    await page.getByRole('button', { name: 'Войти', exact: true }).click();

    await expectHeading(page, 'Привязка Госуслуг к кабинету');
    const form = page.getByRole('form', { name: 'Привязка Госуслуг к кабинету' });
    await expect(form.textContent()).resolves.toContain('+7 921 ***-**-51');
    await screenshot(page, 'gosuslugi-link-360');
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(phone.width);
    await form.getByLabel('Пароль от личного кабинета').fill('wrong-password');
    await form.getByRole('button', { name: 'Подтвердить и войти' }).click();
    await form.getByRole('alert').filter({ hasText: 'Неверный пароль.' }).waitFor();
    await form.getByLabel('Пароль от личного кабинета').fill('demo12345');
    await form.getByRole('button', { name: 'Подтвердить и войти' }).click();
    await expectHeading(page, /^Здравствуйте, Анна Викторовна/);
    await screenshot(page, 'gosuslugi-linked-home-360');
    await context.close();
  });

  it('an unconfirmed Gosuslugi account is refused with a clear message', async () => {
    const context = await newContext(browser, baseUrl, desktop);
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Войти через Госуслуги' }).click();
    await signInOnGosuslugi(page, '+79210000052');
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await expectHeading(page, 'Вход через Госуслуги');
    await page.getByRole('alert').filter({ hasText: 'не подтверждена' }).waitFor();
    await screenshot(page, 'gosuslugi-unconfirmed-desktop');
    await context.close();
  });

  it('the administrator adds a partner, issues a key shown once, and the key answers the API', async () => {
    const context = await newContext(browser, baseUrl, desktop);
    const page = await context.newPage();
    await page.goto('/login?next=%2Fbackoffice%2Fintegrations');
    await page.getByLabel('Телефон или номер договора').fill('+79210000098');
    await page.getByLabel('Пароль', { exact: true }).fill('admin12345');
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await expectHeading(page, 'Интеграции');
    await page.getByRole('link', { name: 'Демо-партнёр: CRM' }).waitFor();

    const add = page.getByRole('form', { name: 'Добавить партнёра' });
    await add.getByLabel('Название').fill('АЗС «Север» — кассы');
    await add.getByLabel('Почта для уведомлений').fill('it@sever-azs.example');
    await add.getByRole('button', { name: 'Добавить партнёра' }).click();
    await expectHeading(page, 'АЗС «Север» — кассы');

    await page.getByText('Выпустить ключ', { exact: true }).first().click();
    const form = page.getByRole('form', { name: 'Выпустить ключ' });
    await form.getByLabel('Название ключа').fill('Кассы, боевой');
    await form.getByRole('checkbox', { name: /bonus:read/ }).check();
    await form.getByRole('button', { name: 'Выпустить ключ' }).click();
    const reveal = page.getByRole('region', { name: 'Новый ключ «Кассы, боевой»' });
    const key = (await reveal.getByRole('status').textContent())!.trim();
    expect(key).toMatch(/^cab_[0-9a-f]{12}_[\w-]{32}$/);
    await screenshot(page, 'integrations-key-desktop');

    const me = await page.evaluate(async (k) => (await fetch('/api/v1/integrations/me', { headers: { Authorization: `Bearer ${k}` } })).json(), key);
    expect(me).toMatchObject({ name: 'Кассы, боевой', scopes: ['bonus:read'] });
    await reveal.getByRole('button', { name: 'Я сохранил' }).click();
    await page.getByRole('link', { name: 'Кассы, боевой' }).click();
    await expectHeading(page, 'Ключ «Кассы, боевой»');
    // The call log is written in batches about a second after the call: look again until it is there.
    const logged = page.getByRole('cell', { name: 'GET /integrations/me' });
    for (let i = 0; i < 10 && (await logged.count()) === 0; i++) {
      await page.waitForTimeout(500);
      await page.reload();
      await expectHeading(page, 'Ключ «Кассы, боевой»');
    }
    await logged.first().waitFor();
    await screenshot(page, 'integrations-key-log-desktop');

    await page.setViewportSize(phone);
    await page.goto('/backoffice/integrations');
    await expectHeading(page, 'Интеграции');
    await screenshot(page, 'integrations-360');
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(phone.width);
    await context.close();
  });
});
