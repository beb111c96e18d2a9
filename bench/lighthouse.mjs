#!/usr/bin/env node
// Lighthouse (issue 11) on the sign-in page and the dashboard, mobile emulation (Lighthouse's default: a
// Moto G Power-sized screen, simulated slow 4G and a 4× slower CPU), against the production build served the way
// `start` serves it (node apps/api/dist/main.js, a fresh embedded PostgreSQL with the demo seed). Prints a table;
// exits 1 when a score is under its target: performance ≥ 90, accessibility ≥ 95, best practices ≥ 95.
//
//   npx -y pnpm@10.34.8 -r build && npx -y pnpm@10.34.8 --filter @cabinet/bench lighthouse
//
// Knobs: CHROME_PATH (/usr/bin/chromium), RUNS (1 per page; the median score is taken), BASE_URL (a running
// server instead of starting one; it must have the demo seed), LIGHTHOUSE_JSON (a folder for the full reports).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
// puppeteer-core comes with lighthouse: it signs in before the dashboard's run.
const puppeteer = createRequire(import.meta.resolve('lighthouse'))('puppeteer-core');

const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const RUNS = Number(process.env.RUNS ?? 1);
const TARGETS = { performance: 90, accessibility: 95, 'best-practices': 95 };
const demo = { login: '+79210000001', password: 'demo12345' };

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function startServer() {
  const main = path.join(root, 'apps', 'api', 'dist', 'main.js');
  if (!existsSync(main) || !existsSync(path.join(root, 'apps', 'web', 'dist', 'index.html'))) {
    throw new Error('Build first: npx -y pnpm@10.34.8 -r build');
  }
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cabinet-lighthouse-'));
  const log = openSync(path.join(dataDir, 'server.log'), 'w');
  const env = { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', WORKERS: '1', SERVE_WEB: '1', SEED_DEMO: '1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', JWT_SECRET: 'lighthouse-secret-lighthouse-secret-0123', PAYMENT_SANDBOX_SECRET: 'lighthouse-sandbox-0123456' };
  delete env.DATABASE_URL; // the embedded PostgreSQL under DATA_DIR, seeded with the demo data
  const child = spawn(process.execPath, [main], { cwd: root, env, detached: true, stdio: ['ignore', log, log] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}); log: ${path.join(dataDir, 'server.log')}`);
    if (await fetch(`${base}/api/v1/health`).then((r) => r.ok, () => false)) break;
    await sleep(200);
  }
  return {
    base,
    stop: async () => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // gone
      }
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function main() {
  console.log(`load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const server = process.env.BASE_URL ? { base: process.env.BASE_URL, stop: async () => {} } : await startServer();
  const chrome = await chromeLauncher.launch({
    chromePath: CHROME_PATH,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const rows = [];
  const reportDir = process.env.LIGHTHOUSE_JSON;
  if (reportDir) mkdirSync(reportDir, { recursive: true });
  try {
    const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}`, defaultViewport: null });
    const pages = [
      { name: 'sign-in (/login)', url: `${server.base}/login`, signedIn: false },
      { name: 'dashboard (/)', url: `${server.base}/`, signedIn: true },
    ];
    for (const p of pages) {
      const scores = { performance: [], accessibility: [], 'best-practices': [] };
      let metrics = {};
      for (let run = 0; run < RUNS; run++) {
        const page = await browser.newPage();
        if (p.signedIn) {
          // Sign in as a person does; the refresh cookie then restores the session when Lighthouse loads "/". A run
          // after the first starts signed out: the last one's cookies would send /login straight on to "/".
          const cdp = await page.createCDPSession();
          await cdp.send('Network.clearBrowserCookies');
          await cdp.detach();
          await page.goto(`${server.base}/login`, { waitUntil: 'load', timeout: 120_000 });
          await page.waitForSelector('input[autocomplete="username"]', { timeout: 60_000 });
          await page.type('input[autocomplete="username"]', demo.login);
          await page.type('input[type="password"]', demo.password);
          await Promise.all([page.waitForFunction(() => location.pathname === '/', { timeout: 60_000 }), page.keyboard.press('Enter')]);
          await page.waitForSelector('h1', { timeout: 60_000 });
        }
        const result = await lighthouse(
          p.url,
          { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: Object.keys(TARGETS), disableStorageReset: p.signedIn },
          undefined,
          page,
        );
        const lhr = result.lhr;
        if (lhr.runtimeError) throw new Error(`${p.name}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        if (p.signedIn && !new URL(lhr.finalDisplayedUrl).pathname.match(/^\/$/)) throw new Error(`${p.name}: ended at ${lhr.finalDisplayedUrl}, not the dashboard`);
        for (const k of Object.keys(TARGETS)) scores[k].push(Math.round((lhr.categories[k].score ?? 0) * 100));
        const a = lhr.audits;
        metrics = {
          FCP: a['first-contentful-paint'].displayValue,
          LCP: a['largest-contentful-paint'].displayValue,
          TBT: a['total-blocking-time'].displayValue,
          CLS: a['cumulative-layout-shift'].displayValue,
        };
        const failed = Object.keys(TARGETS)
          .filter((k) => k !== 'performance')
          .flatMap((k) => lhr.categories[k].auditRefs.filter((r) => r.weight > 0 && (a[r.id].score ?? 1) < 1).map((r) => `${k}: ${r.id}`));
        if (failed.length) metrics.failing = failed.join(', ');
        if (reportDir) writeFileSync(path.join(reportDir, `${p.signedIn ? 'dashboard' : 'sign-in'}-${run + 1}.json`), result.report);
        await page.close();
      }
      rows.push({ name: p.name, ...Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, median(v)])), metrics });
    }
    // What moved, when the dashboard's CLS is over 0.1: the same load in a plain (unthrottled) tab, at 412 px.
    if (rows.some((r) => Number(r.metrics.CLS) > 0.1)) {
      const page = await browser.newPage();
      await page.setViewport({ width: 412, height: 823, isMobile: true, deviceScaleFactor: 1.75 });
      await page.evaluateOnNewDocument(() => {
        window.__shifts = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            if (e.hadRecentInput) continue;
            window.__shifts.push({ value: e.value, at: Math.round(e.startTime), sources: (e.sources ?? []).map((s) => {
              const n = s.node;
              const name = n ? `${n.nodeName.toLowerCase()}${n.id ? `#${n.id}` : ''}${n.className && typeof n.className === 'string' ? `.${n.className.trim().split(/\s+/).join('.')}` : ''}` : '?';
              return `${name} ${JSON.stringify(s.previousRect.toJSON?.() ?? {})}→${JSON.stringify(s.currentRect.toJSON?.() ?? {})}`;
            }) });
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(`${server.base}/`, { waitUntil: 'load', timeout: 120_000 });
      await sleep(5000);
      const shifts = await page.evaluate(() => window.__shifts);
      console.log(`layout shifts on / (${shifts.length}):`);
      for (const sh of shifts) console.log(`  ${sh.value.toFixed(3)} at ${sh.at} ms: ${sh.sources.join(' | ')}`);
      await page.close();
    }
    await browser.disconnect();
  } finally {
    await chrome.kill();
    await server.stop();
  }

  const pad = (s, n) => String(s).padEnd(n);
  console.log(`\nLighthouse ${lighthouse.version ?? ''} — mobile emulation, ${RUNS} run(s) per page (median); load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  console.log(`${pad('page', 20)} ${pad('performance', 12)} ${pad('accessibility', 14)} ${pad('best practices', 15)} metrics`);
  let ok = true;
  for (const r of rows) {
    const mark = (k) => {
      const pass = r[k] >= TARGETS[k];
      ok &&= pass;
      return `${r[k]}${pass ? '' : ` < ${TARGETS[k]}`}`;
    };
    const m = r.metrics;
    console.log(`${pad(r.name, 20)} ${pad(mark('performance'), 12)} ${pad(mark('accessibility'), 14)} ${pad(mark('best-practices'), 15)} FCP ${m.FCP}, LCP ${m.LCP}, TBT ${m.TBT}, CLS ${m.CLS}${m.failing ? `; not passed: ${m.failing}` : ''}`);
  }
  console.log(`targets: performance ≥ ${TARGETS.performance}, accessibility ≥ ${TARGETS.accessibility}, best practices ≥ ${TARGETS['best-practices']}: ${ok ? 'met' : 'NOT met'}`);
  process.exit(ok ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
