import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { chromiumCandidates, findChromium } from './chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    chromiumPath: string | null;
  }
}

const e2eDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(e2eDir, '..');
const apiMain = join(repoRoot, 'apps', 'api', 'dist', 'main.js');
const webIndex = join(repoRoot, 'apps', 'web', 'dist', 'index.html');
const resultsDir = join(e2eDir, 'test-results');
const serverLog = join(resultsDir, 'server.log');

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function logTail(): string {
  try {
    return readFileSync(serverLog, 'utf8').split('\n').slice(-40).join('\n');
  } catch {
    return '(no server log)';
  }
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The API exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${logTail()}`);
    }
    try {
      const response = await fetch(`${url}/api/v1/health`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`GET /api/v1/health did not answer 200 within ${timeoutMs / 1000} s:\n${logTail()}`);
}

function banner(lines: string[]): void {
  const width = Math.max(...lines.map((line) => line.length)) + 4;
  const bar = '!'.repeat(width);
  console.warn(['', bar, ...lines.map((line) => `! ${line.padEnd(width - 4)} !`), bar, ''].join('\n'));
}

/**
 * Starts the product the way a person runs it: one `node apps/api/dist/main.js` serving the
 * built SPA at / and the API at /api/v1, with an embedded PostgreSQL whose data lives in a
 * fresh temp folder (so every run starts from the demo seed).
 */
export default async function setup(project: TestProject) {
  mkdirSync(resultsDir, { recursive: true });
  const chromiumPath = findChromium();
  if (!chromiumPath) {
    const lines = [
      `Chromium not found (looked at ${chromiumCandidates.join(', ')}).`,
      'Install it with: apt-get update && apt-get install -y chromium',
    ];
    if (process.env.CI === 'true') {
      banner(['E2E FAILED: no browser on a CI machine.', ...lines]);
      throw new Error(`E2E journeys need Chromium. ${lines.join(' ')}`);
    }
    banner(['E2E JOURNEYS SKIPPED: no browser.', ...lines]);
    project.provide('chromiumPath', null);
    project.provide('baseUrl', '');
    return undefined;
  }

  for (const [file, what] of [
    [apiMain, 'the API'],
    [webIndex, 'the SPA'],
  ] as const) {
    if (!existsSync(file)) {
      throw new Error(`${file} is missing: build ${what} first (npx -y pnpm@10.34.8 -r build).`);
    }
  }

  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'cabinet-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(port),
    HOST: '127.0.0.1',
    WORKERS: '1',
    SERVE_WEB: '1',
    DEV_INBOX: '1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL; // the embedded PostgreSQL, under DATA_DIR
  const log = openSync(serverLog, 'w');
  const child = spawn(process.execPath, [apiMain], {
    cwd: repoRoot,
    env,
    detached: true, // its own process group: teardown ends the API and its PostgreSQL together
    stdio: ['ignore', log, log],
  });

  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000));
      if ((await Promise.race([exited, timeout])) === 'timeout') {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, child, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }

  project.provide('chromiumPath', chromiumPath);
  project.provide('baseUrl', baseUrl);
  return stop;
}
