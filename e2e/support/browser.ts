import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumArgs } from './chromium';
import { checkPage } from './quality';

export { checkPage, screenshotDir } from './quality';

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

/**
 * The page gate: screenshots at 360 and 1280 px into e2e/artifacts/screenshots/ and axe-core at both
 * widths (serious/critical violations fail). Kept under its old name so every journey calling
 * `screenshot(page, name)` gets the checks; new journeys may call `checkPage` from ./quality directly.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  await checkPage(page, name);
}

/** Fails the step with what the page said when an expected heading never comes. */
export async function expectHeading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor({ state: 'visible' });
}
