import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, newContext, phone } from '../support/browser';
import { checkPage, screenshotDir } from '../support/quality';

const chromiumPath = inject('chromiumPath');
const baseUrl = inject('baseUrl');

// The gate itself: it must fail on what a screen reader or a low-vision person would trip over.
describe.skipIf(!chromiumPath)('the page gate (axe-core + screenshots at 360 and 1280 px)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch(chromiumPath!);
  });

  afterAll(async () => {
    await browser?.close();
    for (const width of [360, 1280]) rmSync(join(screenshotDir, `gate-selftest-bad@${width}.png`), { force: true });
  });

  it('fails on an unlabelled field, an image without alt and grey-on-white text, naming each rule', async () => {
    const page = await (await newContext(browser, baseUrl || 'http://127.0.0.1')).newPage();
    await page.setContent(`<!doctype html><html lang="ru"><head><title>Плохая</title></head><body><main>
      <h1>Плохая страница</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
      <input type="text"><p style="color:#ccc;background:#fff">Почти не видно</p></main></body></html>`);
    const error = await checkPage(page, 'gate-selftest-bad').then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/serious\/critical/);
    expect(error?.message).toContain('image-alt');
    expect(error?.message).toContain('label');
    expect(error?.message).toContain('color-contrast');
    await page.context().close();
  });

  it('passes a clean page, saves both widths and gives the page back at its own viewport', async () => {
    const page = await (await newContext(browser, baseUrl || 'http://127.0.0.1', phone)).newPage();
    await page.setContent(`<!doctype html><html lang="ru"><head><title>Хорошая</title></head><body><main>
      <h1>Хорошая страница</h1><label for="n">Имя</label><input id="n" type="text"></main></body></html>`);
    await checkPage(page, 'gate-selftest-good');
    expect(existsSync(join(screenshotDir, 'gate-selftest-good@360.png'))).toBe(true);
    expect(existsSync(join(screenshotDir, 'gate-selftest-good@1280.png'))).toBe(true);
    expect(page.viewportSize()).toEqual(phone);
    await page.context().close();
  });
});
