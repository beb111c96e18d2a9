import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumArgs } from './chromium';

export const screenshotDir = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'screenshots');

export const desktop = { width: 1280, height: 800 };
export const phone = { width: 360, height: 740 };

export async function launch(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: chromiumArgs, headless: true });
}

export async function newContext(browser: Browser, baseURL: string, viewport = desktop): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    viewport,
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
    deviceScaleFactor: 1,
    isMobile: viewport.width < 600,
    hasTouch: viewport.width < 600,
  });
  context.setDefaultTimeout(15_000);
  return context;
}

/** Full-page PNG into e2e/screenshots/ (gitignored), for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  // Let fonts and the last paint settle so the picture shows what a person sees.
  await page.evaluate(() => document.fonts.ready);
  // From the top: otherwise the sticky header is painted where the page was scrolled to.
  await page.evaluate(() => window.scrollTo(0, 0));
  // Transitions finished (a switch just turned on is drawn on, not half-way).
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true, animations: 'disabled' });
}

/** Fails the step with what the page said when an expected heading never comes. */
export async function expectHeading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor({ state: 'visible' });
}
