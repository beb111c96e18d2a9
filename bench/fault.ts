/**
 * Fault test (issue 11). Load on the built API (its own process) while it is killed with SIGKILL and restarted
 * twice and every database connection it holds is cut once (pg_terminate_backend). The clients behave like real
 * ones: a request that got no answer (or a 5xx) is sent again with the same Idempotency-Key / receipt id.
 * Afterwards (the payments reconciliation job run once, as its cron would):
 *   - every payment the sandbox acquirer confirmed is credited exactly once (one ledger entry `payment:<id>`),
 *     and every payment a client was told succeeded is among them;
 *   - every account's balance equals the sum of its ledger entries;
 *   - no bonus lot is lost: every accepted till receipt is stored once, every accrual has its lot, and each
 *     member's balance equals the points left in its lots;
 *   - GET /api/v1/health answered within 5 s of each restart.
 * Prints the counts; exits 1 when an invariant does not hold.
 *
 *   npx -y pnpm@10.34.8 -r build && DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx -y pnpm@10.34.8 --filter @cabinet/bench fault
 *
 * Knobs: DURATION (60 s), IN_FLIGHT (16), CUSTOMERS (20), WORKERS (1: the API process is the one killed;
 * with more, the primary is killed and takes its workers with it).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createServices } from '../apps/api/src/app';
import { loadConfig } from '../apps/api/src/config';
import { openDatabase } from '../apps/api/src/db/data-source';
import { systemClock } from '../apps/api/src/platform/clock';
import { createLogger } from '../apps/api/src/platform/logger';
import { freePort, freshDatabase, JWT_SECRET, SANDBOX_SECRET, seedCustomers, signIn, sleep, startApi, waitHealthy, type ApiProcess } from './support';

const env = process.env;
const DURATION = Number(env.DURATION ?? 60) * 1000;
const IN_FLIGHT = Number(env.IN_FLIGHT ?? 16);
const CUSTOMERS = Number(env.CUSTOMERS ?? 20);
const WORKERS = Number(env.WORKERS ?? 1);
const HEALTH_LIMIT_MS = 5000;

async function main() {
  console.log(`load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const db = await freshDatabase('cabinet_fault');
  const dbName = new URL(db.url).pathname.slice(1);
  const seeded = await seedCustomers(db.url, CUSTOMERS, 50);
  const { customers } = seeded;
  // Bonus members with a virtual card each (EAN-13, check digit in SQL) and a till key.
  await seeded.ds.query(`
    INSERT INTO bonus_members (customer_id, balance, created_at) SELECT id, 0, now() FROM customers WHERE surname = 'Нагрузкин';
    INSERT INTO bonus_cards (number, kind, customer_id, status, activated_at, created_at)
    SELECT d || ((10 - (SELECT sum(substr(d, i, 1)::int * CASE WHEN i % 2 = 1 THEN 1 ELSE 3 END) FROM generate_series(1, 12) i) % 10) % 10)::text,
           'virtual', customer_id, 'active', now(), now()
      FROM (SELECT customer_id, '27809' || lpad((row_number() OVER (ORDER BY customer_id))::text, 7, '0') AS d FROM bonus_members) x;
    SELECT setval('bonus_virtual_card_seq', ${CUSTOMERS});`);
  const cards: string[] = (await seeded.ds.query('SELECT number FROM bonus_cards')).map((r: { number: string }) => r.number);
  const config = { ...loadConfig({ NODE_ENV: 'test', JWT_SECRET, PAYMENT_SANDBOX_SECRET: SANDBOX_SECRET, LOG_LEVEL: 'silent', SERVE_WEB: '0' }), databaseUrl: db.url };
  const key = await seeded.ds.transaction((em) => createServices({ config, ds: seeded.ds, clock: systemClock, logger: createLogger('silent') }).apiKeys.create(em, { name: 'fault till', scopes: ['bonus:purchases'] }));
  await seeded.ds.destroy(); // nothing of ours stays connected when the connections are cut

  const logDir = mkdtempSync(path.join(tmpdir(), 'cabinet-fault-'));
  const log = path.join(logDir, 'api.log');
  const port = await freePort();
  let api: ApiProcess = await startApi(db.url, { port, workers: WORKERS, log });
  const base = api.base;
  const tokens = await Promise.all(customers.map((c) => signIn(base, c.phone)));

  const count = { sent: 0, ok: 0, retried: 0, gaveUp: 0, status5xx: 0, status503: 0, noAnswer: 0 };
  const acknowledgedPayments = new Set<string>();
  const acceptedReceipts = new Set<string>();
  let stop = false;

  /** Sends until answered below 500 (same body, same key), up to 60 tries 250 ms apart. */
  const send = async (path: string, init: RequestInit): Promise<Response | null> => {
    for (let attempt = 0; attempt < 60; attempt++) {
      if (attempt > 0) count.retried++;
      count.sent++;
      try {
        const r = await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(10_000) });
        if (r.status < 500) {
          count.ok++;
          return r;
        }
        count.status5xx++;
        if (r.status === 503) count.status503++; // the connection was lost under it: "try again"
        await r.arrayBuffer();
      } catch {
        count.noAnswer++;
      }
      await sleep(250);
    }
    count.gaveUp++;
    return null;
  };

  let seq = 0;
  const worker = async (w: number) => {
    while (!stop) {
      const i = seq++;
      const c = customers[i % customers.length]!;
      const token = tokens[i % customers.length]!;
      const kind = i % 10;
      if (kind < 5) {
        const r = await send('/api/v1/payments', {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          body: JSON.stringify({ accountId: c.accountId, amount: { amount: 100_00 + (i % 50), currency: 'RUB' }, method: 'saved_card', cardId: c.cardId }),
        });
        if (r) {
          const body = (await r.json()) as { id?: string; status?: string };
          if (r.status === 201 && body.status === 'succeeded' && body.id) acknowledgedPayments.add(body.id);
        }
      } else if (kind < 8) {
        const receiptId = `F-${w}-${i}`;
        const r = await send('/api/v1/integrations/bonus/purchases', {
          method: 'POST',
          headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            receiptId,
            cardNumber: cards[i % cards.length],
            station: 'АЗС №17',
            occurredAt: new Date().toISOString(),
            items: [{ name: 'АИ-95', category: 'fuel', quantity: 40, amount: { amount: 200_000 + (i % 1000), currency: 'RUB' } }],
          }),
        });
        if (r?.status === 200) acceptedReceipts.add(receiptId);
        await r?.arrayBuffer();
      } else {
        const r = await send(`/api/v1/accounts/${c.accountId}/transactions?limit=20`, { headers: { authorization: `Bearer ${token}` } });
        await r?.arrayBuffer();
      }
    }
  };

  const events: string[] = [];
  const restart = async (label: string) => {
    const t0 = Date.now();
    await api.kill('SIGKILL');
    api = await startApi(db.url, { port, workers: WORKERS, log });
    const ms = Date.now() - t0;
    events.push(`${label}: SIGKILL → health 200 in ${ms} ms${ms <= HEALTH_LIMIT_MS ? '' : ` (OVER ${HEALTH_LIMIT_MS} ms)`}`);
    return ms;
  };
  const cutDatabase = async () => {
    const admin = new Client({ connectionString: db.url.replace(`/${dbName}`, '/postgres') });
    await admin.connect();
    const t0 = Date.now();
    const { rows } = await admin.query('SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()) t', [dbName]);
    await admin.end();
    // Until an authenticated read answers 200 again.
    let recovered = -1;
    while (Date.now() - t0 < 30_000) {
      const r = await fetch(`${base}/api/v1/accounts/${customers[0]!.accountId}`, { headers: { authorization: `Bearer ${tokens[0]}` } }).catch(() => null);
      if (r?.status === 200) {
        recovered = Date.now() - t0;
        break;
      }
      await sleep(50);
    }
    events.push(`database: ${rows[0].n} connections terminated → an authenticated read answered 200 after ${recovered} ms; health ${await waitHealthy(base, null, 5000).then((ms) => `${ms} ms`, () => 'NOT within 5 s')}`);
  };

  const t0 = Date.now();
  const workers = Array.from({ length: IN_FLIGHT }, (_, w) => worker(w));
  const at = (fraction: number) => sleep(Math.max(0, t0 + DURATION * fraction - Date.now()));
  await at(0.2);
  const r1 = await restart('restart 1');
  await at(0.45);
  await cutDatabase();
  await at(0.7);
  const r2 = await restart('restart 2');
  await at(1);
  stop = true;
  await Promise.all(workers);
  await api.kill('SIGTERM');

  // The reconciliation job, once, for payments left pending by a kill (its cron runs every 2 minutes).
  const ds = await openDatabase(db.url, { poolSize: 2 });
  const services = createServices({ config, ds, clock: systemClock, logger: createLogger('silent') });
  let reconciled = 0;
  for (let n = 0; n < 20; n++) {
    const settled = await services.payments.reconcile(0);
    reconciled += settled;
    if (settled === 0) break;
  }
  const q = async (sql: string) => (await ds.query(sql))[0];
  const confirmed = await q(`SELECT count(*)::int AS n, coalesce(sum(amount), 0)::bigint AS amount FROM sandbox_acquirer_payments WHERE status = 'succeeded' AND method = 'saved_card'`);
  const orphans = await q(`SELECT count(*)::int AS n FROM sandbox_acquirer_payments s WHERE s.status = 'succeeded' AND s.method = 'saved_card'
                             AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.provider_payment_id = s.id AND p.status = 'succeeded')`);
  const creditedOnce = await q(`SELECT count(*)::int AS n FROM payments p JOIN sandbox_acquirer_payments s ON s.id = p.provider_payment_id
                                  WHERE s.status = 'succeeded' AND (SELECT count(*) FROM ledger_entries e WHERE e.kind = 'payment' AND e.ref = 'payment:' || p.id) = 1`);
  const creditedTwice = await q(`SELECT count(*)::int AS n FROM (SELECT ref FROM ledger_entries WHERE kind = 'payment' AND ref LIKE 'payment:%' GROUP BY ref HAVING count(*) > 1) t`);
  const creditedNotConfirmed = await q(`SELECT count(*)::int AS n FROM ledger_entries e JOIN payments p ON e.ref = 'payment:' || p.id
                                          LEFT JOIN sandbox_acquirer_payments s ON s.id = p.provider_payment_id WHERE e.kind = 'payment' AND (s.id IS NULL OR s.status <> 'succeeded')`);
  const pending = await q(`SELECT count(*) FILTER (WHERE provider_payment_id IS NULL)::int AS unsent, count(*)::int AS n FROM payments WHERE status = 'pending'`);
  const ackIds = [...acknowledgedPayments];
  const ackCredited = ackIds.length
    ? (await ds.query(`SELECT count(*)::int AS n FROM ledger_entries WHERE kind = 'payment' AND ref = ANY($1)`, [ackIds.map((id) => `payment:${id}`)]))[0].n
    : 0;
  const balances = await q(`SELECT count(*)::int AS n FROM accounts a WHERE a.balance <> (SELECT coalesce(sum(amount), 0) FROM ledger_entries e WHERE e.account_id = a.id)`);
  const receipts = [...acceptedReceipts];
  const stored = receipts.length
    ? (await ds.query(`SELECT count(DISTINCT receipt_id)::int AS n, count(*)::int AS rows FROM bonus_purchases WHERE receipt_id = ANY($1)`, [receipts]))[0]
    : { n: 0, rows: 0 };
  const lotless = await q(`SELECT count(*)::int AS n FROM bonus_operations o WHERE o.kind = 'accrual' AND o.points > 0 AND NOT EXISTS (SELECT 1 FROM bonus_lots l WHERE l.operation_id = o.id)`);
  const lots = await q(`SELECT count(*)::int AS n, coalesce(sum(remaining), 0)::bigint AS points FROM bonus_lots`);
  const members = await q(`SELECT count(*)::int AS n FROM bonus_members m WHERE m.balance <> (SELECT coalesce(sum(remaining), 0) FROM bonus_lots l WHERE l.customer_id = m.customer_id)`);
  await ds.destroy();
  await db.drop();

  const checks: [string, boolean][] = [
    [`acquirer-confirmed payments: ${confirmed.n} (${confirmed.amount} kopecks); credited exactly once: ${creditedOnce.n}; confirmed but not credited: ${orphans.n}`, creditedOnce.n === confirmed.n && orphans.n === 0],
    [`ledger refs credited twice: ${creditedTwice.n}; credited without the acquirer's confirmation: ${creditedNotConfirmed.n}`, creditedTwice.n === 0 && creditedNotConfirmed.n === 0],
    [`payments a client was told succeeded: ${ackIds.length}; of them credited: ${ackCredited}`, ackCredited === ackIds.length],
    [`accounts whose balance ≠ the sum of their entries: ${balances.n}`, balances.n === 0],
    [`till receipts accepted: ${receipts.length}; stored: ${stored.n} (${stored.rows} rows); accruals without a lot: ${lotless.n}; members whose balance ≠ their lots: ${members.n} (${lots.n} lots, ${lots.points} points)`, stored.n === receipts.length && stored.rows === receipts.length && lotless.n === 0 && members.n === 0],
    [`health within ${HEALTH_LIMIT_MS / 1000} s of each restart: ${r1} ms, ${r2} ms`, r1 <= HEALTH_LIMIT_MS && r2 <= HEALTH_LIMIT_MS],
  ];
  console.log(`\nFault test: ${DURATION / 1000} s, ${IN_FLIGHT} clients, WORKERS=${WORKERS}; load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  for (const e of events) console.log(`  ${e}`);
  console.log(`  requests: ${count.sent} sent, ${count.ok} answered < 500, ${count.noAnswer} without an answer, ${count.status5xx} 5xx (${count.status503} of them 503 'connection lost, try again'), ${count.retried} retries, ${count.gaveUp} given up`);
  console.log(`  payments left pending after the run: ${pending.n}, of them never received by the acquirer: ${pending.unsent} (the job cancels those after 15 min); the reconciliation settled ${reconciled}`);
  for (const [line, ok] of checks) console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${line}`);
  console.log(`  API log: ${log}`);
  process.exit(checks.every(([, ok]) => ok) ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
