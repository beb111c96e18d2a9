/**
 * Bonus program benchmark (issue 6). Loads 1,000,000 lots across 100,000 members (10 each, all due), then:
 *
 * 1. The expiry job — the product's own `BonusExpiryService.runDue` (batches of members, locked in order
 *    with SKIP LOCKED, every due lot zeroed, balances and one history line per member) — against a raw-SQL
 *    baseline that does the same writes in one statement with no locks or batches. Both start from the same
 *    state (every lot live again, vacuumed). Prints lots/s of both and their ratio.
 * 2. Till accrual through the real HTTP API (POST /api/v1/integrations/bonus/purchases with an API key,
 *    a new receipt each time, a random member's card) against a raw-SQL baseline: one statement per
 *    purchase doing the same writes (balance, history line, lot, receipt) from a pool of as many
 *    connections as the API has requests in flight. Prints requests/s of both and their ratio.
 *
 *   npx -y pnpm@10.34.8 -r build && npx -y pnpm@10.34.8 --filter @cabinet/bench bonus           (embedded PostgreSQL)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx -y pnpm@10.34.8 --filter @cabinet/bench bonus
 *
 * Knobs: MEMBERS (100000), LOTS_PER_MEMBER (10), REQUESTS (10000), IN_FLIGHT (16), BATCH_LOTS (5000, the
 * job's batch), PROFILE_DIR (spawn: V8 CPU profiles of the server's processes), SERVER=spawn|inprocess (spawn: the built product, `node apps/api/dist/main.js` with WORKERS=2
 * as `start` runs it; inprocess: createApp in this process, which then also plays the client), KEEP_DB.
 * The client, the API workers and PostgreSQL share the machine's cores; the printed CPU per request of each
 * (from /proc, Linux) says where the time goes.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Pool } from 'pg';
import { createApp, createServices } from '../apps/api/src/app';
import { loadConfig } from '../apps/api/src/config';
import { openDatabase } from '../apps/api/src/db/data-source';
import { freePort, startEmbeddedPostgres } from '../apps/api/src/db/embedded';
import { systemClock } from '../apps/api/src/platform/clock';
import { createLogger } from '../apps/api/src/platform/logger';
import { cpuSeconds, postmasterOf } from './support';

const env = process.env;
const MEMBERS = Number(env.MEMBERS ?? 100_000);
const LOTS_PER_MEMBER = Number(env.LOTS_PER_MEMBER ?? 10);
const REQUESTS = Number(env.REQUESTS ?? 10_000);
const IN_FLIGHT = Number(env.IN_FLIGHT ?? 16);
const BATCH_LOTS = Number(env.BATCH_LOTS ?? 5000);
const MAIN = path.join(__dirname, '..', 'apps', 'api', 'dist', 'main.js');
const SPAWN = (env.SERVER ?? 'spawn') === 'spawn';
const SECRET = 'bench-secret-bench-secret-bench-secret';

const fmt = (n: number) => Math.round(n).toLocaleString('en');

async function main() {
  let adminUrl = env.DATABASE_URL;
  let stop = async () => {};
  if (!adminUrl) {
    const dir = mkdtempSync(path.join(tmpdir(), 'cabinet-bench-'));
    chmodSync(dir, 0o755);
    const pg = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), database: 'postgres' });
    adminUrl = pg.url;
    stop = async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const dbName = `cabinet_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const [{ pid: backend }] = (await admin.query('SELECT pg_backend_pid() AS pid')).rows as { pid: number }[];
  const postmaster = postmasterOf(backend);

  const ds = await openDatabase(url.toString(), { poolSize: 4 });
  const config = { ...loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET, LOG_LEVEL: 'silent', SERVE_WEB: '0' }), databaseUrl: url.toString() };
  const deps = { config, ds, clock: systemClock, logger: createLogger('silent') };
  const services = createServices(deps);
  const lots = MEMBERS * LOTS_PER_MEMBER;

  console.log(`Loading ${fmt(MEMBERS)} members with ${LOTS_PER_MEMBER} lots each (${fmt(lots)} lots, all due)…`);
  const t0 = performance.now();
  // Card numbers: EAN-13 of the virtual range (2 7809 NNNNNNN C), check digit computed in SQL.
  await ds.query(`
    INSERT INTO customers (phone, surname, name, password_hash, created_at, updated_at)
    SELECT '+7902' || lpad(g::text, 7, '0'), 'Bench', 'Bench', 'x', now(), now() FROM generate_series(1, ${MEMBERS}) g;
    INSERT INTO bonus_members (customer_id, balance, created_at) SELECT id, 0, now() FROM customers WHERE surname = 'Bench';
    INSERT INTO bonus_cards (number, kind, customer_id, status, activated_at, created_at)
    SELECT d || ((10 - (SELECT sum(substr(d, i, 1)::int * CASE WHEN i % 2 = 1 THEN 1 ELSE 3 END) FROM generate_series(1, 12) i) % 10) % 10)::text,
           'virtual', customer_id, 'active', now(), now()
      FROM (SELECT customer_id, '27809' || lpad((row_number() OVER (ORDER BY customer_id))::text, 7, '0') AS d FROM bonus_members) x;
    INSERT INTO bonus_lots (customer_id, points, remaining, earned_at, expires_at, source, operation_id)
    SELECT m.customer_id, 5 + g, 5 + g, now() - interval '13 months' + g * interval '1 day', now() - interval '1 month' + g * interval '1 day', 'accrual', gen_random_uuid()
      FROM bonus_members m CROSS JOIN generate_series(1, ${LOTS_PER_MEMBER}) g;
    SELECT setval('bonus_virtual_card_seq', ${MEMBERS});`);
  const reset = async () => {
    await ds.query(`
      UPDATE bonus_lots SET remaining = points;
      UPDATE bonus_members m SET balance = s.total FROM (SELECT customer_id, sum(points) AS total FROM bonus_lots GROUP BY 1) s WHERE m.customer_id = s.customer_id;
      DELETE FROM bonus_operations WHERE kind = 'expiry';`);
    await ds.query('VACUUM ANALYZE bonus_lots, bonus_members, bonus_operations');
  };
  await reset();
  const cards: string[] = (await ds.query('SELECT number FROM bonus_cards')).map((r: { number: string }) => r.number);
  console.log(`  loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // ——— 1. expiry ———
  const pg0 = postmaster ? cpuSeconds([postmaster]) : 0;
  const j0 = performance.now();
  const run = await services.bonusExpiry.runDue({ batchLots: BATCH_LOTS, maxMs: Number.POSITIVE_INFINITY });
  const jobMs = performance.now() - j0;
  const jobPg = postmaster ? cpuSeconds([postmaster]) - pg0 : NaN;
  const check = async () => {
    const [r] = await ds.query(`SELECT (SELECT count(*) FROM bonus_lots WHERE remaining > 0)::int AS live, (SELECT sum(balance) FROM bonus_members)::bigint AS balance,
                                       (SELECT count(*) FROM bonus_operations WHERE kind = 'expiry')::int AS ops`);
    if (r.live !== 0 || Number(r.balance) !== 0 || r.ops !== MEMBERS) throw new Error(`expiry left ${JSON.stringify(r)}`);
  };
  await check();
  if (run.lots !== lots) throw new Error(`the job expired ${run.lots} lots, not ${lots}`);

  await reset();
  const b0 = performance.now();
  await ds.query(
    `WITH d AS (SELECT id, customer_id, remaining FROM bonus_lots WHERE remaining > 0 AND expires_at <= $1),
          u AS (UPDATE bonus_lots b SET remaining = 0 FROM d WHERE b.id = d.id RETURNING d.customer_id, d.remaining),
          s AS (SELECT customer_id, sum(remaining) AS points FROM u GROUP BY 1),
          m AS (UPDATE bonus_members mm SET balance = mm.balance - s.points FROM s WHERE mm.customer_id = s.customer_id RETURNING mm.customer_id, mm.balance, s.points)
     INSERT INTO bonus_operations (id, customer_id, kind, points, balance_after, description, created_at)
     SELECT gen_random_uuid(), customer_id, 'expiry', -points, balance, 'baseline', $1 FROM m`,
    [new Date()],
  );
  const baseMs = performance.now() - b0;
  await check();
  const jobRate = lots / (jobMs / 1000);
  const baseRate = lots / (baseMs / 1000);

  // ——— 2. till accrual ———
  // Both phases of the accrual run after this: the expiry phase's dead rows are not autovacuum's work during one of them.
  await ds.query('VACUUM ANALYZE bonus_lots, bonus_members, bonus_operations');
  const key = await ds.transaction((em) => services.apiKeys.create(em, { name: 'bench till', scopes: ['bonus:purchases'] }));
  let base: string;
  let closeServer: () => Promise<void>;
  let apiPid = process.pid;
  if (SPAWN) {
    if (!existsSync(MAIN)) throw new Error(`Build the product first (npx -y pnpm@10.34.8 -r build): ${MAIN} is missing`);
    const port = await freePort();
    // PROFILE_DIR: the server and its workers write V8 CPU profiles there.
    const nodeArgs = env.PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${env.PROFILE_DIR}`] : [];
    const child = spawn(process.execPath, [...nodeArgs, MAIN], {
      env: { ...env, DATABASE_URL: url.toString(), PORT: String(port), WORKERS: '2', NODE_ENV: 'production', JWT_SECRET: SECRET, LOG_LEVEL: 'warn', SERVE_WEB: '0', SEED_DEMO: '0' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    apiPid = child.pid!;
    base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if (await fetch(`${base}/api/v1/health`).then((r) => r.ok, () => false)) break;
      if (i > 100) {
        child.kill('SIGTERM'); // not left running (and loading the machine) after the benchmark gives up
        throw new Error('the server did not start within 20 s');
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, 1000)); // the second worker
    closeServer = async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    };
  } else {
    const server = createApp({ ...deps, services }).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    closeServer = () => new Promise((r) => server.close(() => r()));
  }

  const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  const post = (body: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(`${base}/api/v1/integrations/bonus/purchases`, { method: 'POST', agent, headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  let seq = 0;
  const purchase = () => {
    seq += 1;
    const fuel = 150_000 + ((seq * 7919) % 250_000);
    return {
      receiptId: `B-${seq}`,
      cardNumber: cards[(seq * 104_729) % cards.length],
      station: 'АЗС №17',
      occurredAt: new Date().toISOString(),
      items: [
        { name: 'АИ-95', category: 'fuel', quantity: 40, amount: { amount: fuel, currency: 'RUB' } },
        { name: 'Кофе', category: 'cafe', amount: { amount: 19_000, currency: 'RUB' } },
      ],
    };
  };
  const drive = async (n: number, send: () => Promise<void>) => {
    let left = n;
    const start = performance.now();
    await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
      while (left-- > 0) await send();
    }));
    return performance.now() - start;
  };
  const viaApi = async () => {
    const res = await post(JSON.stringify(purchase()));
    if (res.status !== 200) throw new Error(`purchase failed: ${res.status} ${res.text.slice(0, 300)}`);
  };
  await drive(200, viaApi); // warm-up
  const cpu0 = process.cpuUsage();
  const [api0, pgA0] = [cpuSeconds([apiPid]), postmaster ? cpuSeconds([postmaster]) : 0];
  const apiMs = await drive(REQUESTS, viaApi);
  const clientCpu = process.cpuUsage(cpu0);
  const [apiCpu, pgCpu] = [cpuSeconds([apiPid]) - api0, postmaster ? cpuSeconds([postmaster]) - pgA0 : NaN];
  const apiRate = REQUESTS / (apiMs / 1000);
  const [{ stored }] = await ds.query(`SELECT count(*)::int AS stored FROM bonus_purchases WHERE receipt_id LIKE 'B-%'`);
  agent.destroy();
  await closeServer();

  // The same writes per purchase, one statement each, from IN_FLIGHT connections.
  const pool = new Pool({ connectionString: url.toString(), max: IN_FLIGHT });
  pool.on('error', () => {}); // a connection ended by DROP DATABASE … WITH (FORCE) at the end
  const RAW = `
    WITH c AS (SELECT id, customer_id FROM bonus_cards WHERE number = $1 AND status = 'active'),
         m AS (UPDATE bonus_members mm SET balance = mm.balance + $2 FROM c WHERE mm.customer_id = c.customer_id RETURNING mm.customer_id, mm.balance, c.id AS card_id),
         o AS (INSERT INTO bonus_operations (id, customer_id, kind, points, balance_after, description, card_id, purchase_id, created_at)
               SELECT $3, customer_id, 'accrual', $2, balance, 'Покупка: АЗС №17', card_id, $4, now() FROM m),
         l AS (INSERT INTO bonus_lots (customer_id, points, remaining, earned_at, expires_at, source, operation_id)
               SELECT customer_id, $2, $2, now(), now() + interval '12 months', 'accrual', $3 FROM m RETURNING id)
    INSERT INTO bonus_purchases (id, customer_id, api_key_id, receipt_id, request_hash, card_id, station, occurred_at, items, total, points_spent, points_accrued,
                                 campaigns, accrual_lot_id, spent_from, balance_after, status, created_at)
    SELECT $4, m.customer_id, $5, $6, repeat('0', 64), m.card_id, 'АЗС №17', now(), $7, $8, 0, $2, '{}', l.id, '[]', m.balance, 'completed', now() FROM m, l`;
  const viaSql = async () => {
    const p = purchase();
    const total = p.items.reduce((s, i) => s + i.amount.amount, 0);
    const r = await pool.query(RAW, [p.cardNumber, Math.floor(total / 10_000), randomUUID(), randomUUID(), key.id, `S-${p.receiptId}`, JSON.stringify(p.items), total]);
    if (r.rowCount !== 1) throw new Error('baseline purchase failed');
  };
  await drive(200, viaSql);
  const pgS0 = postmaster ? cpuSeconds([postmaster]) : 0;
  const sqlMs = await drive(REQUESTS, viaSql);
  const sqlPg = postmaster ? cpuSeconds([postmaster]) - pgS0 : NaN;
  const sqlRate = REQUESTS / (sqlMs / 1000);
  await pool.end();

  const per = (sec: number, n: number) => ((sec * 1e6) / n).toFixed(0);
  console.log(`\nBonus program, ${fmt(MEMBERS)} members, ${fmt(lots)} lots, ${IN_FLIGHT} requests in flight, server ${SPAWN ? 'spawned (2 workers)' : 'in this process'} (load average ${loadavg()[0]!.toFixed(1)}):`);
  console.log(`  expiry job (runDue, batches of ${BATCH_LOTS} lots) : ${fmt(jobRate)} lots/s (${(jobMs / 1000).toFixed(1)} s, ${run.batches} batches${postmaster ? `, PostgreSQL ${per(jobPg, lots)} µs CPU per lot` : ''})`);
  console.log(`  baseline: one raw UPDATE … statement           : ${fmt(baseRate)} lots/s (${(baseMs / 1000).toFixed(1)} s)`);
  console.log(`  ratio job / baseline                           : ${(jobRate / baseRate).toFixed(2)}`);
  console.log(`  till accrual, POST /integrations/bonus/purchases: ${fmt(apiRate)} requests/s (${stored} receipts stored)`);
  if (SPAWN) console.log(`    CPU per request: API workers ${per(apiCpu, REQUESTS)} µs, PostgreSQL ${postmaster ? `${per(pgCpu, REQUESTS)} µs` : 'not on this machine'}, client ${per((clientCpu.user + clientCpu.system) / 1e6, REQUESTS)} µs`);
  console.log(`  baseline: one raw SQL statement per purchase    : ${fmt(sqlRate)} requests/s${postmaster ? ` (PostgreSQL ${per(sqlPg, REQUESTS)} µs CPU per request)` : ''}`);
  console.log(`  ratio API / baseline                           : ${(apiRate / sqlRate).toFixed(2)}`);

  await ds.destroy();
  if (env.KEEP_DB) console.log(`  kept database ${dbName}`);
  else await admin.query(`DROP DATABASE ${dbName} WITH (FORCE)`);
  await admin.end();
  await stop();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
