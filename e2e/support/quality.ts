import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/**
 * The quality gate every journey runs on each page it visits (issue 11):
 *
 *   await checkPage(page, 'top-up');
 *
 * 1. axe-core (injected into the page) at 360 px and at 1280 px wide: any serious or critical
 *    violation fails the step, with the rule, the elements and axe's help text in the message.
 * 2. A full-page screenshot at 360 px and at 1280 px wide into e2e/artifacts/screenshots/
 *    (`<name>@360.png`, `<name>@1280.png`), uploaded by CI.
 * The page is put back at its own viewport afterwards, so the journey goes on where it was.
 * Every page's figures (violations by impact, the time the check took) go to e2e/artifacts/pages.jsonl,
 * and each page's full axe answer (every impact) to e2e/artifacts/axe/<name>.json.
 *
 * Knobs: AXE=off skips the accessibility part (screenshots only); AXE=report records without failing.
 */
export const artifactsDir = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'artifacts');
export const screenshotDir = join(artifactsDir, 'screenshots');
const axeDir = join(artifactsDir, 'axe');
const pagesLog = join(artifactsDir, 'pages.jsonl');

export const WIDTHS = [360, 1280] as const;
/** Impacts that fail a journey. Moderate and minor ones are recorded, not enforced. */
const FAILING = new Set(['serious', 'critical']);
/** WCAG 2.1 A/AA plus axe's best practices (landmarks, one h1, headings in order…). */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

const require = createRequire(import.meta.url);
let axeSource: string | undefined;
const axeScript = () => (axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

/** Fonts loaded, finite CSS transitions/animations finished (axe reads colours mid-fade otherwise), two frames. */
const settle = (page: Page) =>
  page.evaluate(async () => {
    await document.fonts.ready;
    const finite = document.getAnimations().filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity));
    await Promise.race([Promise.all(finite.map((a) => a.finished.catch(() => undefined))), new Promise((r) => setTimeout(r, 2000))]);
    await new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
  });

async function runAxe(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, so the page's Content-Security-Policy does not block it.
  const present = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!present) await page.evaluate(axeScript());
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 300), failureSummary: n.failureSummary })),
    }));
  }, AXE_TAGS);
}

const safeName = (name: string) => name.replace(/[^\w.-]+/g, '_');

/** Screenshots at both widths and axe at both widths; throws on serious/critical violations. */
export async function checkPage(page: Page, name: string): Promise<void> {
  const started = Date.now();
  mkdirSync(screenshotDir, { recursive: true });
  mkdirSync(axeDir, { recursive: true });
  const mode = (process.env.AXE ?? 'fail').toLowerCase();
  const own = page.viewportSize() ?? { width: 1280, height: 800 };
  // Its own width first (no resize, so the journey's state is what gets checked), then the other one.
  const widths = [own.width, ...WIDTHS.filter((w) => w !== own.width)];
  const found: Record<number, AxeViolation[]> = {};
  try {
    for (const width of widths) {
      if (width !== page.viewportSize()?.width) await page.setViewportSize({ width, height: own.height });
      await settle(page);
      if (mode !== 'off') found[width] = await runAxe(page);
      // From the top: otherwise a sticky header is painted where the page was scrolled to.
      await page.evaluate(() => window.scrollTo(0, 0));
      const label = WIDTHS.includes(width as (typeof WIDTHS)[number]) ? String(width) : `${width}px`;
      await page.screenshot({ path: join(screenshotDir, `${safeName(name)}@${label}.png`), fullPage: true, animations: 'disabled' });
    }
  } finally {
    if (page.viewportSize()?.width !== own.width) {
      await page.setViewportSize(own);
      await settle(page).catch(() => undefined);
    }
  }

  const byImpact: Record<string, number> = {};
  const failing: string[] = [];
  const seen = new Set<string>();
  for (const [width, violations] of Object.entries(found)) {
    for (const v of violations) {
      byImpact[v.impact ?? 'unknown'] = (byImpact[v.impact ?? 'unknown'] ?? 0) + v.nodes.length;
      if (!FAILING.has(v.impact ?? '')) continue;
      for (const n of v.nodes) {
        const key = `${v.id} ${JSON.stringify(n.target)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        failing.push(`  [${v.impact}] ${v.id} @${width}px ${JSON.stringify(n.target)}: ${v.help}\n      ${n.html}\n      ${(n.failureSummary ?? '').replace(/\n/g, ' ')}`);
      }
    }
  }
  writeFileSync(join(axeDir, `${safeName(name)}.json`), JSON.stringify({ name, url: page.url(), violations: found }, null, 2));
  appendFileSync(
    pagesLog,
    `${JSON.stringify({ name, url: page.url(), widths, violations: byImpact, failing: failing.length, ms: Date.now() - started })}\n`,
  );
  if (failing.length > 0 && mode === 'fail') {
    throw new Error(`axe: ${failing.length} serious/critical violation(s) on "${name}" (${page.url()}):\n${failing.join('\n')}`);
  }
}
