#!/usr/bin/env node
// Runs every test suite of the workspace in order and closes with one line:
//   "Tests: N passed, N failed, N skipped"
// Each runner writes a Jest-format JSON report (numPassedTests, numFailedTests, numPendingTests).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pnpm = (args) => {
  // Inside `pnpm test`, npm_execpath points at the very pnpm that runs us.
  const exec = process.env.npm_execpath;
  return exec && /pnpm/.test(exec) ? [process.execPath, [exec, ...args]] : ['npx', ['-y', 'pnpm@10.34.8', ...args]];
};
const run = (label, args) => {
  console.log(`\n=== ${label}`);
  const [cmd, argv] = pnpm(args);
  return spawnSync(cmd, argv, { cwd: root, stdio: 'inherit', env: process.env }).status ?? 1;
};

const suites = [
  { name: 'api (Jest + supertest)', pkg: 'apps/api', filter: '@cabinet/api' },
  { name: 'web (Vitest)', pkg: 'apps/web', filter: '@cabinet/web' },
  { name: 'browser journeys (Chromium)', pkg: 'e2e', filter: '@cabinet/e2e', needsBuild: true },
].filter((s) => existsSync(path.join(root, s.pkg, 'package.json')));

let failedRunners = 0;
if (run('build shared types', ['--filter', '@cabinet/shared-types', 'build']) !== 0) process.exit(1);
const totals = { passed: 0, failed: 0, skipped: 0 };
let built = false;
for (const s of suites) {
  if (s.needsBuild && !built) {
    if (run('build everything for the browser journeys', ['-r', 'build']) !== 0) {
      failedRunners++;
      continue;
    }
    built = true;
  }
  const report = path.join(root, s.pkg, 'test-results', 'results.json');
  rmSync(report, { force: true });
  mkdirSync(path.dirname(report), { recursive: true });
  const code = run(`tests: ${s.name}`, ['--filter', s.filter, 'test']);
  if (!existsSync(report)) {
    console.error(`!! ${s.name}: no report at ${path.relative(root, report)} (exit ${code})`);
    failedRunners++;
    continue;
  }
  const r = JSON.parse(readFileSync(report, 'utf8'));
  totals.passed += r.numPassedTests ?? 0;
  totals.failed += r.numFailedTests ?? 0;
  totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  const suiteFailures = r.numFailedTestSuites ?? 0;
  if (code !== 0 || suiteFailures > 0) {
    if ((r.numFailedTests ?? 0) === 0) failedRunners++;
    console.error(`!! ${s.name}: exit ${code}, ${r.numFailedTests ?? 0} failed test(s), ${suiteFailures} failed suite(s)`);
  }
  console.log(`--- ${s.name}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${(r.numPendingTests ?? 0) + (r.numTodoTests ?? 0)} skipped`);
}
console.log('');
console.log(`Tests: ${totals.passed} passed, ${totals.failed + failedRunners} failed, ${totals.skipped} skipped`);
process.exit(totals.failed + failedRunners > 0 ? 1 : 0);
