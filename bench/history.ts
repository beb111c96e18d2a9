/**
 * History benchmark (issue 4). One account with 1,000,000 ledger entries; through the real HTTP API with a
 * signed-in customer (GET /api/v1/accounts/:id/transactions?limit=50), the median latency of page 1 and of
 * the page that starts 100,000 rows deep, for each sort (time and amount, both directions). Prints both
 * latencies and their ratio. Target: deep / first ≤ 1.5 (keyset pages: a deep page costs what the first does).
 *
 *   npx -y pnpm@10.34.8 --filter @cabinet/bench history            (embedded PostgreSQL)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx -y pnpm@10.34.8 --filter @cabinet/bench history
 *
 * Knobs: ENTRIES (1000000), DEPTH (100000), RUNS (31 per page, median reported), LIMIT (50).
 * The deep cursor is built from the row at DEPTH in the API's cursor format; the bench first checks that
 * this format is the API's by comparing it with the `nextCursor` page 1 returns, and that the deep page
 * starts at the row DEPTH + 1 of the full order.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { Page, TransactionSort, TransactionView } from '../packages/shared-types/src';
import { createApp, createServices } from '../apps/api/src/app';
import { loadConfig } from '../apps/api/src/config';
import { openDatabase } from '../apps/api/src/db/data-source';
import { startEmbeddedPostgres } from '../apps/api/src/db/embedded';
import { systemClock } from '../apps/api/src/platform/clock';
import { createLogger } from '../apps/api/src/platform/logger';
import { seedCatalog } from '../apps/api/src/seed/catalog';

type DataSource = Awaited<ReturnType<typeof openDatabase>>;

const env = process.env;
const ENTRIES = Number(env.ENTRIES ?? 1_000_000);
const DEPTH = Number(env.DEPTH ?? 100_000);
const RUNS = Number(env.RUNS ?? 31);
const LIMIT = Number(env.LIMIT ?? 50);
const TARGET = 1.5;
const SORTS: { sort: TransactionSort; order: string; key: (r: { amount: string; created_at: Date }) => string }[] = [
  { sort: '-createdAt', order: 'e.created_at DESC, e.id DESC', key: (r) => r.created_at.toISOString() },
  { sort: 'createdAt', order: 'e.created_at ASC, e.id ASC', key: (r) => r.created_at.toISOString() },
  { sort: '-amount', order: 'e.amount DESC, e.id DESC', key: (r) => r.amount },
  { sort: 'amount', order: 'e.amount ASC, e.id ASC', key: (r) => r.amount },
];

/** The API's history cursor: base64url of `[sort, sortKeyValue, id]` (apps/api/src/modules/ledger/history.ts). */
const cursorOf = (sort: TransactionSort, value: string, id: string) => Buffer.from(JSON.stringify([sort, value, id])).toString('base64url');
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  let adminUrl = env.DATABASE_URL;
  let stop = async () => {};
  if (!adminUrl) {
    const dir = mkdtempSync(path.join(tmpdir(), 'cabinet-bench-'));
    chmodSync(dir, 0o755);
    const pg = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), database: 'postgres' });
    adminUrl = pg.url;
    stop = pg.stop;
  }
  const dbName = `cabinet_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;

  let met = false;
  try {
    met = await bench(url.toString());
  } finally {
    if (env.KEEP_DB) console.log(`  kept database ${dbName}`);
    else await admin.query(`DROP DATABASE ${dbName} WITH (FORCE)`);
    await admin.end();
    await stop();
  }
  if (!met) process.exitCode = 1;
}

/** Loads the account, measures, prints; true when every ratio meets the target. */
async function bench(url: string): Promise<boolean> {
  const ds = await openDatabase(url, { poolSize: 10 });
  const config = { ...loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'bench-secret-bench-secret-bench-secret', LOG_LEVEL: env.BENCH_LOG ?? 'silent', SERVE_WEB: '0' }), databaseUrl: url };
  const deps = { config, ds, clock: systemClock, logger: createLogger(env.BENCH_LOG ?? 'silent') };
  const services = createServices(deps);
  await ds.transaction((em) => seedCatalog(em, systemClock));

  const password = 'bench-pass-12345';
  const customer = await ds.transaction((em) => services.customers.create(em, { phone: '+79000000001', surname: 'Бенчев', name: 'Бенч', password }));
  const accountId = await ds.transaction((em) =>
    services.accounts.openMobileAccount(em, { customerId: customer.id, creditLimit: 0n, lines: [{ msisdn: '+79010000001', iccid: '8970100000000000001', operator: 'megafon', tariffCode: 'megafon-vse' }] }),
  );

  console.log(`Loading ${ENTRIES.toLocaleString('en')} ledger entries into one account…`);
  const t0 = performance.now();
  // Amounts repeat a lot (a few hundred distinct values), so sorting by amount leans on the id tie-breaker;
  // one entry every 30 s (≈ a year for a million), times in whole milliseconds as the product's clock writes them;
  // balance_after is the running sum, the account's balance the total.
  await ds.query(
    `INSERT INTO ledger_entries (id, customer_id, account_id, amount, kind, ref, description, balance_after, created_at)
     SELECT gen_random_uuid(), $1, $2, a.amount, a.kind, 'bench-' || a.g, a.description,
            sum(a.amount) OVER (ORDER BY a.g), $4::timestamptz + a.g * interval '30 seconds'
       FROM (SELECT g,
                    CASE WHEN g % 10 = 0 THEN 50000 + (g % 7) * 10000 ELSE -(100 + (g * 7919) % 300 * 25) END AS amount,
                    CASE WHEN g % 10 = 0 THEN 'payment' WHEN g % 10 < 8 THEN 'usage' ELSE 'option_fee' END AS kind,
                    CASE WHEN g % 10 = 0 THEN 'Пополнение картой' ELSE 'Списание по услугам связи' END AS description
               FROM generate_series(1, $3::bigint) g) a`,
    [customer.id, accountId, ENTRIES, new Date(systemClock.now().getTime() - 400 * 86_400_000)],
  );
  await ds.query(`UPDATE accounts SET balance = (SELECT coalesce(sum(amount), 0) FROM ledger_entries WHERE account_id = $1) WHERE id = $1`, [accountId]);
  await ds.query('VACUUM ANALYZE ledger_entries');
  await ds.query('ANALYZE accounts');
  const [check] = await ds.query(
    `SELECT a.balance::text AS balance, (SELECT sum(amount) FROM ledger_entries WHERE account_id = a.id)::text AS sum, (SELECT count(*) FROM ledger_entries WHERE account_id = a.id)::int AS n
       FROM accounts a WHERE a.id = $1`,
    [accountId],
  );
  console.log(`  loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${check.n.toLocaleString('en')} entries, balance ${check.balance} = sum ${check.sum}`);
  if (check.balance !== check.sum) throw new Error('balance ≠ sum of entries');

  const app = createApp({ ...deps, services });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  try {
    return await measure(server, customer.phone, password, accountId, ds);
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
    await ds.destroy();
  }
}

async function measure(server: Server, phone: string, password: string, accountId: string, ds: DataSource): Promise<boolean> {
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: phone, password }) });
  if (login.status !== 200) throw new Error(`sign-in answered ${login.status}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const get = async (sort: TransactionSort, cursor?: string): Promise<{ ms: number; page: Page<TransactionView> }> => {
    const qs = new URLSearchParams({ sort, limit: String(LIMIT), ...(cursor ? { cursor } : {}) });
    const start = performance.now();
    const res = await fetch(`${base}/accounts/${accountId}/transactions?${qs}`, { headers: { authorization: `Bearer ${accessToken}` } });
    const body = await res.json();
    const ms = performance.now() - start;
    if (res.status !== 200) throw new Error(`history answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
    return { ms, page: body as Page<TransactionView> };
  };

  const results: { sort: TransactionSort; first: number; deep: number }[] = [];
  for (const s of SORTS) {
    // The rows at positions LIMIT and DEPTH (1-based) of the full order, and the one just after DEPTH.
    const [atLimit] = await ds.query(`SELECT id, amount::text AS amount, created_at FROM ledger_entries e WHERE e.account_id = $1 ORDER BY ${s.order} OFFSET $2 LIMIT 1`, [accountId, LIMIT - 1]);
    const [atDepth, afterDepth] = await ds.query(`SELECT id, amount::text AS amount, created_at FROM ledger_entries e WHERE e.account_id = $1 ORDER BY ${s.order} OFFSET $2 LIMIT 2`, [accountId, DEPTH - 1]);
    const first = await get(s.sort);
    if (first.page.nextCursor !== cursorOf(s.sort, s.key(atLimit), atLimit.id)) throw new Error(`${s.sort}: the API's cursor format is not the one this bench builds`);
    const deepCursor = cursorOf(s.sort, s.key(atDepth), atDepth.id);
    const deep = await get(s.sort, deepCursor);
    if (deep.page.items[0]?.id !== afterDepth.id || deep.page.items.length !== LIMIT) throw new Error(`${s.sort}: the deep page does not start at row ${DEPTH + 1}`);

    for (let i = 0; i < 5; i++) {
      await get(s.sort); // warm-up
      await get(s.sort, deepCursor);
    }
    const firstMs: number[] = [];
    const deepMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Alternate which goes first, one request at a time, so neither page gets a warmer cache or an idler CPU.
      if (i % 2) {
        firstMs.push((await get(s.sort)).ms);
        deepMs.push((await get(s.sort, deepCursor)).ms);
      } else {
        deepMs.push((await get(s.sort, deepCursor)).ms);
        firstMs.push((await get(s.sort)).ms);
      }
    }
    results.push({ sort: s.sort, first: median(firstMs), deep: median(deepMs) });
  }

  console.log(`\nHistory pages through the HTTP API, one account with ${ENTRIES.toLocaleString('en')} entries, limit ${LIMIT}, median of ${RUNS} runs:`);
  let met = true;
  for (const r of results) {
    const ratio = r.deep / r.first;
    met &&= ratio <= TARGET;
    console.log(
      `  sort=${r.sort.padEnd(10)} page 1: ${r.first.toFixed(2).padStart(6)} ms   ${DEPTH.toLocaleString('en')} rows deep: ${r.deep.toFixed(2).padStart(6)} ms   ratio ${ratio.toFixed(2)}  target ≤ ${TARGET} ${ratio <= TARGET ? 'MET' : 'NOT MET'}`,
    );
  }
  console.log(`  overall: target ≤ ${TARGET} ${met ? 'MET' : 'NOT MET'}`);
  return met;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
