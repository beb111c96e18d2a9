/**
 * What load.ts and fault.ts share: a fresh database (the local PostgreSQL at DATABASE_URL, or an embedded one),
 * customers with a MegaFon line, history and a saved card, and the built API (`node apps/api/dist/main.js`, what
 * `start` runs) in its own process, so the load generator does not share its event loop.
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type autocannon from 'autocannon';
import { Client } from 'pg';
import { createServices } from '../apps/api/src/app';
import { loadConfig } from '../apps/api/src/config';
import { openDatabase } from '../apps/api/src/db/data-source';
import { startEmbeddedPostgres } from '../apps/api/src/db/embedded';
import { systemClock } from '../apps/api/src/platform/clock';
import { createLogger } from '../apps/api/src/platform/logger';
import { seedCatalog } from '../apps/api/src/seed/catalog';

export const repoRoot = path.resolve(__dirname, '..');
export const apiMain = path.join(repoRoot, 'apps', 'api', 'dist', 'main.js');
export const JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123';
export const SANDBOX_SECRET = 'bench-sandbox-secret-0123456789';
export const PASSWORD = 'bench-pass-123';

export type DataSource = Awaited<ReturnType<typeof openDatabase>>;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A fresh database; `drop` removes it (and stops the embedded server when there is one). */
export async function freshDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  let adminUrl = process.env.DATABASE_URL;
  let stop = async () => {};
  if (!adminUrl) {
    const dir = mkdtempSync(path.join(tmpdir(), 'cabinet-bench-'));
    chmodSync(dir, 0o755);
    const pg = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), database: 'postgres' });
    adminUrl = pg.url;
    stop = pg.stop;
  }
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
      await stop();
    },
  };
}

export interface BenchCustomer {
  phone: string;
  customerId: string;
  accountId: string;
  lineId: string;
  cardId: string;
}

/**
 * Migrates (openDatabase runs the migrations), seeds the catalog and `n` customers, each with a MegaFon line,
 * `entries` history rows (balance = the sum of its entries) and a saved card the sandbox acquirer charges at once.
 */
export async function seedCustomers(url: string, n: number, entries: number): Promise<{ ds: DataSource; customers: BenchCustomer[] }> {
  const ds = await openDatabase(url, { poolSize: 4 });
  const config = { ...loadConfig({ NODE_ENV: 'test', JWT_SECRET, LOG_LEVEL: 'silent', SERVE_WEB: '0' }), databaseUrl: url };
  const services = createServices({ config, ds, clock: systemClock, logger: createLogger('silent') });
  await ds.transaction((em) => seedCatalog(em, systemClock));
  const customers: BenchCustomer[] = [];
  for (let i = 0; i < n; i++) {
    const k = String(i).padStart(6, '0');
    const phone = `+7903${k.padStart(7, '0')}`;
    const customer = await ds.transaction((em) => services.customers.create(em, { phone, surname: 'Нагрузкин', name: `Клиент ${i}`, password: PASSWORD }));
    const accountId = await services.accounts.openMobileAccount(ds.manager, {
      customerId: customer.id,
      lines: [{ msisdn: `+7904${k.padStart(7, '0')}`, iccid: `89704000000${k.padStart(8, '0')}`, operator: 'megafon', tariffCode: 'megafon-vse' }],
    });
    const [line] = await ds.query('SELECT id FROM mobile_lines WHERE account_id = $1', [accountId]);
    await ds.query(
      `INSERT INTO ledger_entries (id, customer_id, account_id, amount, kind, ref, description, balance_after, created_at)
       SELECT gen_random_uuid(), $1, $2, a.amount, a.kind, 'bench-' || a.g, a.description, 0, now() - (($3 - a.g) * interval '1 hour')
         FROM (SELECT g,
                      CASE WHEN g % 10 = 0 THEN 50000 ELSE -(100 + (g * 7919) % 300 * 5) END AS amount,
                      CASE WHEN g % 10 = 0 THEN 'payment' ELSE 'usage' END AS kind,
                      CASE WHEN g % 10 = 0 THEN 'Пополнение картой' ELSE 'Списание по услугам связи' END AS description
                 FROM generate_series(1, $3::int) AS g) a`,
      [customer.id, accountId, entries],
    );
    await ds.query(
      `UPDATE ledger_entries e SET balance_after = s.run FROM (
         SELECT id, sum(amount) OVER (ORDER BY created_at, id) AS run FROM ledger_entries WHERE account_id = $1) s WHERE e.id = s.id`,
      [accountId],
    );
    await ds.query('UPDATE accounts SET balance = (SELECT coalesce(sum(amount), 0) FROM ledger_entries WHERE account_id = $1) WHERE id = $1', [accountId]);
    const token = `tok_bench_${k}`;
    await ds.query(
      `INSERT INTO sandbox_acquirer_cards (token, last4, brand, exp_month, exp_year, holder, behaviour, created_at) VALUES ($1, '1111', 'visa', 12, 2030, 'BENCH', 'success', now()) ON CONFLICT DO NOTHING`,
      [token],
    );
    const [card] = await ds.query(
      `INSERT INTO saved_cards (customer_id, provider, token, last4, brand, exp_month, exp_year, holder, is_default, created_at) VALUES ($1, 'sandbox', $2, '1111', 'visa', 12, 2030, 'BENCH', true, now()) RETURNING id`,
      [customer.id, token],
    );
    customers.push({ phone, customerId: customer.id, accountId, lineId: line.id, cardId: card.id });
  }
  // What autovacuum does within a minute of a bulk load. Planner statistics: without them the planner guesses a few
  // rows per account and sorts a whole history instead of walking its keyset index. The visibility map: without it
  // the history summary's index-only scan still visits every entry's heap page.
  await ds.query('VACUUM ANALYZE');
  return { ds, customers };
}

export interface ApiProcess {
  base: string;
  port: number;
  child: ChildProcess;
  /** SIGKILL, no goodbye. */
  kill: (signal?: NodeJS.Signals) => Promise<void>;
}

/** `node apps/api/dist/main.js` against `url`, on `port`; resolves when GET /api/v1/health answers 200. */
export async function startApi(url: string, opts: { port?: number; workers?: number; log?: string; extraEnv?: Record<string, string> } = {}): Promise<ApiProcess & { healthyAfterMs: number }> {
  if (!existsSync(apiMain)) throw new Error(`${apiMain} is missing: build first (npx -y pnpm@10.34.8 -r build)`);
  const port = opts.port ?? (await freePort());
  const started = Date.now();
  const out = opts.log ? openSync(opts.log, 'a') : 'ignore';
  // API_NODE_ARGS: node flags for the API process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` (profiles at SIGTERM).
  const child = spawn(process.execPath, [...(process.env.API_NODE_ARGS?.split(' ').filter(Boolean) ?? []), apiMain], {
    cwd: repoRoot,
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      WORKERS: String(opts.workers ?? 1),
      JWT_SECRET,
      PAYMENT_SANDBOX_SECRET: SANDBOX_SECRET,
      SERVE_WEB: '0',
      SEED_DEMO: '0',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_AUTH_PER_MINUTE: '1000000',
      ...opts.extraEnv,
    },
  });
  const base = `http://127.0.0.1:${port}`;
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await gone;
  };
  const healthyAfterMs = await waitHealthy(base, child, 60_000).catch(async (e) => {
    await kill();
    throw e;
  });
  void healthyAfterMs;
  return { base, port, child, kill, healthyAfterMs: Date.now() - started };
}

/** Milliseconds until GET /api/v1/health answered 200. */
export async function waitHealthy(base: string, child: ChildProcess | null, timeoutMs: number): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) throw new Error(`the API exited (${child.exitCode ?? child.signalCode})`);
    try {
      const r = await fetch(`${base}/api/v1/health`, { signal: AbortSignal.timeout(1000) });
      if (r.status === 200) return Date.now() - t0;
    } catch {
      // not yet
    }
    await sleep(50);
  }
  throw new Error(`GET /api/v1/health did not answer 200 within ${timeoutMs} ms`);
}

export async function signIn(base: string, phone: string): Promise<string> {
  const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: phone, password: PASSWORD }) });
  if (r.status !== 200) throw new Error(`sign-in ${phone}: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { accessToken: string }).accessToken;
}

export const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

/** Starts `bench/baselines.mjs <mode>` on a free port (in `workers` processes, default one) and waits for it. */
export async function startBaseline(mode: 'hello' | 'pg', dbUrl: string, accountId: string, workers = 1) {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(__dirname, 'baselines.mjs'), mode], {
    env: { ...process.env, PORT: String(port), DATABASE_URL: dbUrl, ACCOUNT_ID: accountId, WORKERS: String(workers) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${base}/`)).ok) break;
    } catch {
      await sleep(50);
    }
  }
  return { base, pid: child.pid!, stop: () => new Promise<void>((r) => (child.exitCode !== null ? r() : (child.once('exit', () => r()), child.kill('SIGTERM')))) };
}

/** /proc/<pid>/stat fields after the command name: [0] state, [1] ppid, … [11] utime, [12] stime, [13] cutime, [14] cstime. */
export function procStat(pid: number | string): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  } catch {
    return undefined; // the process ended meanwhile, or is not on this machine
  }
}

/**
 * CPU seconds (user + system) used so far by these processes and their children (the API's cluster
 * workers; the postmaster's backends, autovacuum workers and helpers), those that ended included (the
 * root's cutime). Linux /proc. Other PostgreSQL or Node processes on the machine (someone's test run) are
 * not counted.
 */
export function cpuSeconds(roots: number[]): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    const f = procStat(pid);
    if (!f) continue;
    if (roots.includes(Number(pid))) ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    else if (roots.includes(Number(f[1]))) ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks / 100;
}

/** The postmaster of a backend (`SELECT pg_backend_pid()`), when the server runs on this machine: its tree's CPU is PostgreSQL's share. */
export function postmasterOf(backendPid: number): number | undefined {
  return Number(procStat(backendPid)?.[1]) || undefined;
}

export interface Measured {
  result: autocannon.Result;
  /** CPU per request of this process (the client), the serving processes and PostgreSQL, in µs. */
  clientUs: number;
  serverUs: number;
  pgUs: number;
}

/** A run, and the CPU per request it cost the client, the serving processes (and their children) and PostgreSQL. */
export async function measured(run: () => Promise<autocannon.Result>, serving: number[] = [], postmaster?: number): Promise<Measured> {
  const cpu0 = process.cpuUsage();
  const server0 = cpuSeconds(serving);
  const pg0 = postmaster ? cpuSeconds([postmaster]) : NaN;
  const result = await run();
  const cpu = process.cpuUsage(cpu0);
  const n = Math.max(1, result.requests.total);
  return {
    result,
    clientUs: (cpu.user + cpu.system) / n,
    serverUs: ((cpuSeconds(serving) - server0) * 1e6) / n,
    pgUs: postmaster ? ((cpuSeconds([postmaster]) - pg0) * 1e6) / n : NaN,
  };
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
