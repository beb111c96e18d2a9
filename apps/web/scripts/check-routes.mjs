// Route budget (issue 11), run by `build` after measure-bundle.mjs; fails the build when:
//  1. a <Route element={<X …/>}> in src/app/router.tsx names a component that is not `lazy(() => import(…))`
//     (layouts and guards from ./layouts and ./session are the frame and may be static);
//  2. a module the router lazy-imports is not the facade of its own lazy chunk in the build;
//  3. any page (src/features/*/pages/*, src/app/pages/*, src/app/compose/*) is in the first download
//     (the entry chunk and everything it imports statically);
//  4. a route chunk with its own static imports, less what the first download already has, is over
//     ROUTE_JS_BUDGET_KB gzipped (default 60).
// Reads dist/.vite/chunks.json, written by the chunk-report plugin in vite.config.ts.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(web, 'dist');
const budgetKb = Number(process.env.ROUTE_JS_BUDGET_KB ?? 60);
const problems = [];

// 1. The router's source.
const router = readFileSync(join(web, 'src', 'app', 'router.tsx'), 'utf8');
const lazyNames = new Map(
  [...router.matchAll(/const\s+(\w+)\s*=\s*lazy\(\s*\(\)\s*=>\s*import\(\s*'([^']+)'\s*\)/g)].map((m) => [m[1], m[2]]),
);
const frame = new Set(
  [...router.matchAll(/import\s*\{([^}]+)\}\s*from\s*'\.\/(?:layouts|session)\/[^']+'/g)].flatMap((m) =>
    m[1].split(',').map((s) => s.trim()).filter(Boolean),
  ),
);
const elements = [...router.matchAll(/<Route\b[^>]*?element=\{<(\w+)/g)].map((m) => m[1]);
for (const name of new Set(elements)) {
  if (!lazyNames.has(name) && !frame.has(name)) problems.push(`route element <${name}> is not lazy(() => import(…)) in router.tsx`);
}
// Components handed to a lazy page as props (alternatives={<GosuslugiButton />}) must be lazy too.
for (const m of router.matchAll(/(\w+)=\{<(\w+)[\s/>]/g)) {
  if (m[1] !== 'element' && !lazyNames.has(m[2]) && !frame.has(m[2])) problems.push(`<${m[2]}> in the route tree is not lazy`);
}

// 2–4. The build.
const reportFile = join(dist, '.vite', 'chunks.json');
if (!existsSync(reportFile)) {
  console.error(`${reportFile} is missing: run vite build (the chunk-report plugin writes it)`);
  process.exit(1);
}
const chunks = JSON.parse(readFileSync(reportFile, 'utf8'));
const byFile = new Map(chunks.map((c) => [c.fileName, c]));
const closure = (start) => {
  const seen = new Set();
  const walk = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const next of byFile.get(file)?.imports ?? []) walk(next);
  };
  walk(start);
  return seen;
};
const entry = chunks.find((c) => c.isEntry);
if (!entry) {
  console.error('no entry chunk in the build');
  process.exit(1);
}
const initial = closure(entry.fileName);

const toSrc = (spec) => spec.replace(/^@\//, 'src/').replace(/^\.\//, 'src/app/');
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const rows = [];
for (const [name, spec] of lazyNames) {
  const src = toSrc(spec);
  const chunk = chunks.find((c) => c.isDynamicEntry && c.facadeModule && c.facadeModule.replace(/\.(tsx?|jsx?)$/, '') === src);
  if (!chunk) {
    problems.push(`${name} (${spec}) is not its own lazy chunk`);
    continue;
  }
  if (initial.has(chunk.fileName)) problems.push(`${name} (${spec}) is in the first download`);
  const own = [...closure(chunk.fileName)].filter((f) => !initial.has(f));
  const bytes = own.reduce((sum, f) => sum + gz(f), 0);
  rows.push({ name, bytes });
  if (bytes / 1024 > budgetKb) problems.push(`${name}: ${(bytes / 1024).toFixed(1)} KB gzipped beyond the first download > ${budgetKb} KB`);
}
const pagePattern = /^src\/(features\/[^/]+\/pages|app\/pages|app\/compose)\//;
for (const file of initial) {
  for (const mod of byFile.get(file)?.modules ?? []) {
    if (pagePattern.test(mod)) problems.push(`page module ${mod} is in the first download (${file})`);
  }
}

rows.sort((a, b) => b.bytes - a.bytes);
const top = rows.slice(0, 3).map((r) => `${r.name} ${(r.bytes / 1024).toFixed(1)} KB`).join(', ');
console.log(
  `routes: ${lazyNames.size} lazy chunks, ${initial.size} chunks in the first download; largest routes beyond it (gzip): ${top}; budget ${budgetKb} KB`,
);
if (problems.length) {
  console.error(`route budget failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
