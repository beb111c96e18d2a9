// Measures what a first visit downloads: the entry script plus every module it preloads
// (Vite lists the entry's static imports as <link rel="modulepreload"> in dist/index.html).
// Lazy pages are not counted. Fails when the gzipped initial JS is over the budget.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const budgetKb = Number(process.env.INITIAL_JS_BUDGET_KB ?? 150);
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');

const scripts = [...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)].map((m) => m[1]);
const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1]);
const styles = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => m[1]);

const size = (file) => {
  const content = readFileSync(join(dist, file.replace(/^\//, '')));
  return { raw: content.length, gzip: gzipSync(content, { level: 9 }).length };
};
const kb = (bytes) => (bytes / 1024).toFixed(1);

let js = { raw: 0, gzip: 0 };
for (const file of [...new Set([...scripts, ...preloads])]) {
  const s = size(file);
  js = { raw: js.raw + s.raw, gzip: js.gzip + s.gzip };
  console.log(`  ${file.padEnd(48)} ${kb(s.raw).padStart(7)} KB  gzip ${kb(s.gzip).padStart(6)} KB`);
}
const css = styles.reduce((sum, file) => sum + size(file).gzip, 0);

console.log(
  `initial JS: ${kb(js.raw)} KiB, gzip ${kb(js.gzip)} KiB (${js.gzip} bytes; budget ${budgetKb} KiB); initial CSS gzip ${kb(css)} KiB`,
);
if (js.gzip / 1024 > budgetKb) {
  console.error(`initial JS is over the budget: ${kb(js.gzip)} KB > ${budgetKb} KB gzipped`);
  process.exit(1);
}
