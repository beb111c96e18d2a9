/**
 * Confirmed payments per second (issue 4). Saved-card top-ups through the real HTTP API
 * (POST /api/v1/payments with an Idempotency-Key: the acquirer — the sandbox, in this process — charges the
 * card at once, the payment settles and the ledger credits the account), against the same run's baseline:
 * the raw-SQL transaction a payment needs at the least (insert the payment, lock the account, insert the
 * ledger entry, update the balance, mark it succeeded), with as many in flight. Prints both and the ratio.
 *
 *   npx -y pnpm@10.34.8 --filter @cabinet/bench payments            (embedded PostgreSQL)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx -y pnpm@10.34.8 --filter @cabinet/bench payments
 *
 * Knobs: PAYMENTS (2000), ACCOUNTS (50), IN_FLIGHT (8). The API runs in this process (one core for the
 * API and the client), so the ratio is a floor.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Pool } from 'pg';
import { createApp, createServices } from '../apps/api/src/app';
import { loadConfig } from '../apps/api/src/config';
import { openDatabase } from '../apps/api/src/db/data-source';
import { startEmbeddedPostgres } from '../apps/api/src/db/embedded';
import { systemClock } from '../apps/api/src/platform/clock';
import { createLogger } from '../apps/api/src/platform/logger';
import { seedCatalog } from '../apps/api/src/seed/catalog';

const env = process.env;
const PAYMENTS = Number(env.PAYMENTS ?? 2000);
const ACCOUNTS = Number(env.ACCOUNTS ?? 50);
const IN_FLIGHT = Number(env.IN_FLIGHT ?? 8);

async function inFlight(n: number, one: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (next < n) await one(next++);
  }));
  return performance.now() - start;
}

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

  const ds = await openDatabase(url.toString(), { poolSize: 10 });
  const config = { ...loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'bench-secret-bench-secret-bench-secret', LOG_LEVEL: 'silent', SERVE_WEB: '0', RATE_LIMIT_AUTH_PER_MINUTE: '1000' }), databaseUrl: url.toString() };
  const deps = { config, ds, clock: systemClock, logger: createLogger('silent') };
  const services = createServices(deps);
  await ds.transaction((em) => seedCatalog(em, systemClock));
  const customer = await services.customers.create(ds.manager, { phone: '+79000000001', surname: 'Bench', name: 'Bench', password: 'bench-pass-123' });
  const accounts: string[] = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    const n = String(i).padStart(7, '0');
    accounts.push(await services.accounts.openMobileAccount(ds.manager, { customerId: customer.id, lines: [{ msisdn: `+7902${n}`, iccid: `8970200000000${n}`, operator: 'megafon', tariffCode: 'megafon-vse' }] }));
  }
  const app = createApp({ ...deps, services });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  const login = await fetch(`${base}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: '+79000000001', password: 'bench-pass-123' }) });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };

  // A saved card, bound on the acquirer's page as a payer would.
  const bind = (await (await fetch(`${base}/v1/cards`, { method: 'POST', headers, body: '{}' })).json()) as { paymentId: string; confirmation: { url: string } };
  await fetch(`${base}${bind.confirmation.url.replace(/^\/api/, '')}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'number=4111111111111111&exp=12/30&cvc=123&holder=BENCH',
    redirect: 'manual',
  });
  await services.payments.settle(bind.paymentId);
  const [{ id: cardId }] = await ds.query('SELECT id FROM saved_cards WHERE customer_id = $1', [customer.id]);

  const pay = async (i: number) => {
    const res = await fetch(`${base}/v1/payments`, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': randomUUID() },
      body: JSON.stringify({ accountId: accounts[i % ACCOUNTS], amount: { amount: 100_00, currency: 'RUB' }, method: 'saved_card', cardId }),
    });
    const body = (await res.json()) as { status: string };
    if (res.status !== 201 || body.status !== 'succeeded') throw new Error(`payment ${i}: ${res.status} ${JSON.stringify(body)}`);
  };
  await inFlight(50, pay); // warm-up
  const apiMs = await inFlight(PAYMENTS, pay);

  const pool = new Pool({ connectionString: url.toString(), max: IN_FLIGHT });
  const raw = async (i: number) => {
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      const accountId = accounts[i % ACCOUNTS];
      const [p] = (await c.query(
        `INSERT INTO payments (customer_id, account_id, amount, method, purpose, source, status, provider, created_at) VALUES ($1, $2, 10000, 'saved_card', 'top_up', 'customer', 'pending', 'raw', now()) RETURNING id`,
        [customer.id, accountId],
      )).rows;
      const [a] = (await c.query('SELECT balance FROM accounts WHERE id = $1 FOR UPDATE', [accountId])).rows;
      const after = BigInt(a.balance) + 100_00n;
      await c.query(
        `INSERT INTO ledger_entries (id, customer_id, account_id, amount, kind, ref, description, balance_after, created_at) VALUES ($1, $2, $3, 10000, 'payment', $4, 'raw', $5, now())`,
        [randomUUID(), customer.id, accountId, `raw:${p.id}`, after.toString()],
      );
      await c.query('UPDATE accounts SET balance = $2 WHERE id = $1', [accountId, after.toString()]);
      await c.query(`UPDATE payments SET status = 'succeeded', settled_at = now() WHERE id = $1`, [p.id]);
      await c.query('COMMIT');
    } finally {
      c.release();
    }
  };
  await inFlight(50, raw);
  const rawMs = await inFlight(PAYMENTS, raw);

  const [{ sum, bal }] = await ds.query(`SELECT (SELECT sum(amount) FROM ledger_entries)::bigint AS sum, (SELECT sum(balance) FROM accounts)::bigint AS bal`);
  const apiRate = PAYMENTS / (apiMs / 1000);
  const rawRate = PAYMENTS / (rawMs / 1000);
  console.log(`\nConfirmed payments, ${PAYMENTS} saved-card top-ups over ${ACCOUNTS} accounts, ${IN_FLIGHT} in flight (API in this process):`);
  console.log(`  API  POST /payments → succeeded : ${Math.round(apiRate).toLocaleString('en')} payments/s (${((apiMs / PAYMENTS) * IN_FLIGHT).toFixed(1)} ms each)`);
  console.log(`  baseline raw-SQL transaction   : ${Math.round(rawRate).toLocaleString('en')} payments/s`);
  console.log(`  ratio API / baseline           : ${(apiRate / rawRate).toFixed(2)}`);
  console.log(`  check: sum of entries = sum of balances: ${sum === bal ? 'yes' : `NO (${sum} vs ${bal})`}`);

  await pool.end();
  await new Promise((r) => server.close(() => r(undefined)));
  await ds.destroy();
  await admin.query(`DROP DATABASE ${dbName} WITH (FORCE)`);
  await admin.end();
  await stop();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
