import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromiumArgs } from '../support/chromium';
import { desktop, expectHeading, launch, newContext, phone, screenshot } from '../support/browser';

const baseUrl = inject('baseUrl');
const chromiumPath = inject('chromiumPath');

/** A demo subscriber no other journey signs in as (README: Андрей Волков). */
const andrey = { login: '+79210000006', password: 'demo12345' };

async function signIn(page: Page, login: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Телефон или номер договора').fill(login);
  await page.getByLabel('Пароль', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
}

/** Waits until a service worker is active and controls this page; returns its script URL. */
async function controllingWorker(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
    }
    return `${reg.active?.scriptURL} controls ${navigator.serviceWorker.controller?.scriptURL}`;
  });
}

// The installable app (issue 10) and the onboarding guide (issue 8). Only Andrey Volkov signs in here.
describe.skipIf(!chromiumPath)('the installable app and the onboarding guide (real Chromium)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch(chromiumPath!);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('Chromium finds the manifest, its icons and a service worker that controls the page; its install check passes; offline the shell still opens', async () => {
    // A profile on disk (not an incognito context, where Chromium never offers to install).
    const profile = await mkdtemp(join(tmpdir(), 'cabinet-pwa-'));
    const context: BrowserContext = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath!, args: chromiumArgs, headless: true, baseURL: baseUrl, viewport: desktop, locale: 'ru-RU' });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto('/login');
      await expectHeading(page, /Вход/);

      const href = await page.locator('link[rel="manifest"]').getAttribute('href');
      expect(href).toBe('/manifest.webmanifest');
      const manifestResponse = await page.request.get(href!);
      expect(manifestResponse.status()).toBe(200);
      expect(manifestResponse.headers()['content-type']).toContain('application/manifest+json');
      const manifest = await manifestResponse.json();
      expect(manifest).toMatchObject({ short_name: 'Кабинет', start_url: '/', scope: '/', display: 'standalone', lang: 'ru' });
      const sizes = manifest.icons.map((i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`);
      expect(sizes).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
      for (const icon of manifest.icons) {
        const r = await page.request.get(icon.src);
        expect({ src: icon.src, status: r.status(), type: r.headers()['content-type'] }).toEqual({ src: icon.src, status: 200, type: 'image/png' });
        const png = await r.body();
        const [w, h] = icon.sizes.split('x').map(Number);
        expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([w, h]);
      }

      expect(await controllingWorker(page)).toBe(`${baseUrl}/sw.js controls ${baseUrl}/sw.js`);

      // Chromium's own view: the manifest as it parsed it, and its installability check.
      const cdp = await context.newCDPSession(page);
      const parsed = await cdp.send('Page.getAppManifest');
      expect(parsed.url).toBe(`${baseUrl}/manifest.webmanifest`);
      expect(parsed.errors).toEqual([]);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      expect(installabilityErrors).toEqual([]);

      // Offline: a page never opened before still starts from the cached shell, the API is not faked.
      await context.setOffline(true);
      const offline = await page.goto('/offices');
      expect(offline?.status()).toBe(200);
      await expect(page.locator('#root').count()).resolves.toBe(1);
      expect(await page.evaluate(() => fetch('/api/v1/health').then(() => 'answered', () => 'failed'))).toBe('failed');
      await context.setOffline(false);
    } finally {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    }
  });

  it('on first sign-in the guide shows a tip over the section; one is dismissed, then all; it stays dismissed after a reload', async () => {
    const context = await newContext(browser, baseUrl, phone);
    const page = await context.newPage();
    await signIn(page, andrey.login, andrey.password);
    await expectHeading(page, /Андрей|Главная|Здравствуйте/);
    const tip = page.getByRole('region', { name: 'Подсказка' });
    await tip.waitFor();
    await expect(tip.textContent()).resolves.toContain('Всё главное на одном экране');
    await screenshot(page, 'pwa-guide-home-phone');
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(phone.width);
    await tip.getByRole('button', { name: 'Понятно' }).click();
    await tip.waitFor({ state: 'detached' });

    await page.goto('/payments');
    await tip.waitFor();
    await expect(tip.textContent()).resolves.toContain('Подсказка 3 из 8');
    await tip.getByRole('button', { name: 'Больше не показывать подсказки' }).click();
    await tip.waitFor({ state: 'detached' });

    // Remembered on the server: a reload (a new session start) shows no tip on any section.
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.goto('/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    await expect(tip.count()).resolves.toBe(0);

    // The offices page at 360 px: the list fits, the map links open the map services.
    await page.goto('/offices');
    await expectHeading(page, 'Офисы и пункты выдачи');
    const nevsky = page.getByRole('article', { name: 'Офис на Невском' });
    await expect(nevsky.getByRole('link', { name: /Открыть в Яндекс Картах/ }).getAttribute('href')).resolves.toMatch(/^https:\/\/yandex\.ru\/maps\/\?pt=30\.325908,59\.935602/);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(phone.width);
    await screenshot(page, 'pwa-offices-phone');
    await context.close();
  });
});
