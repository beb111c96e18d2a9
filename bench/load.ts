/**
 * Load test (issue 11). The built API (`node apps/api/dist/main.js`, its own process, WORKERS=1 by default) under
 * autocannon with a realistic mix, against the same run's baselines on the same machine:
 *   - Express hello-world (GET / → "ok"), its own process;
 *   - a raw `pg` single-row query endpoint (Express + pg Pool, SELECT one account by primary key), its own process;
 *   - the bare argon2id hash rate (@node-rs/argon2, the API's parameters, 2 in flight), its own process.
 * The mix, per connection (each connection is one signed-in customer with a MegaFon line and HISTORY entries):
 *   70 % reads   GET /me, /accounts, /accounts/:id, /accounts/:id/transactions?limit=20 (×2), /payments?limit=20,
 *                /accounts/:id/transactions/summary
 *   20 % actions POST /payments (a saved card, charged at once by the sandbox acquirer), GET tariff-change/quote
 *   10 % sign-in POST /auth/login (argon2id verify, a new session)
 * Then the seven reads alone in ROUNDS rounds, each paired with a round of the raw-pg baseline right before it (the
 * ratio is each pair's, and the median is the figure: this machine's neighbours move both by ±30 % within a minute,
 * and a baseline measured minutes earlier says little about the reads' run). Then a sign-in-only run, compared with
 * the hash rate.
 *
 *   npx -y pnpm@10.34.8 -r build && DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx -y pnpm@10.34.8 --filter @cabinet/bench load
 *
 * Knobs: CONNECTIONS (50), DURATION (60 s, the mix), BASELINE_DURATION (20 s each), ROUNDS (5 pairs of reads and
 * raw pg, ROUND_DURATION 6 s each), SIGNIN_DURATION (20 s),
 * CUSTOMERS (50), HISTORY (500 entries each), WORKERS (1; with more, the raw-pg baseline is also run in as many
 * processes, and the reads' ratio to that printed beside the issue's).
 * Targets: authenticated reads ≥ 0.5 × raw-pg req/s with p99 ≤ 2 × its p99; sign-in ≥ 0.8 × the bare hash rate.
 * Exit code 0 either way (a bench reports; it does not gate) unless something answered 5xx or errored.
 */
import { fork, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { freshDatabase, measured, median, postmasterOf, pct, repoRoot, seedCustomers, signIn, startApi, startBaseline, type Measured } from './support';

const env = process.env;
const CONNECTIONS = Number(env.CONNECTIONS ?? 50);
const DURATION = Number(env.DURATION ?? 60);
const BASELINE_DURATION = Number(env.BASELINE_DURATION ?? 20);
const SIGNIN_DURATION = Number(env.SIGNIN_DURATION ?? 20);
const ROUNDS = Number(env.ROUNDS ?? 5);
const ROUND_DURATION = Number(env.ROUND_DURATION ?? 6);
const CUSTOMERS = Number(env.CUSTOMERS ?? 50);
const HISTORY = Number(env.HISTORY ?? 500);
const WORKERS = Number(env.WORKERS ?? 1);

type Group = 'read' | 'action' | 'sign-in';
interface Step {
  route: string;
  group: Group;
  method: 'GET' | 'POST';
  path: string;
  body?: () => string;
  idempotent?: boolean;
}

/** One connection's round of 20 requests: 14 reads, 4 actions, 2 sign-ins. */
function round(c: { phone: string; accountId: string; lineId: string; cardId: string }, otherTariffId: string): Step[] {
  const a = `/api/v1/accounts/${c.accountId}`;
  const read = (route: string, p: string): Step => ({ route, group: 'read', method: 'GET', path: p });
  const reads = [
    read('GET /me', '/api/v1/me'),
    read('GET /accounts', '/api/v1/accounts'),
    read('GET /accounts/:id', a),
    read('GET /accounts/:id/transactions', `${a}/transactions?limit=20`),
    read('GET /accounts/:id/transactions', `${a}/transactions?limit=20&sort=-amount`),
    read('GET /payments', '/api/v1/payments?limit=20'),
    read('GET /accounts/:id/transactions/summary', `${a}/transactions/summary`),
  ];
  const pay: Step = {
    route: 'POST /payments',
    group: 'action',
    method: 'POST',
    path: '/api/v1/payments',
    idempotent: true,
    body: () => JSON.stringify({ accountId: c.accountId, amount: { amount: 100_00, currency: 'RUB' }, method: 'saved_card', cardId: c.cardId }),
  };
  const quote: Step = {
    route: 'GET tariff-change/quote',
    group: 'action',
    method: 'GET',
    path: `${a}/lines/${c.lineId}/tariff-change/quote?tariffId=${otherTariffId}&when=now`,
  };
  const login: Step = {
    route: 'POST /auth/login',
    group: 'sign-in',
    method: 'POST',
    path: '/api/v1/auth/login',
    body: () => JSON.stringify({ login: c.phone, password: 'bench-pass-123' }),
  };
  return [...reads, pay, quote, login, ...reads, pay, quote, login];
}

interface Sample {
  route: string;
  group: Group;
  status: number;
  ms: number;
}

async function runMix(base: string, rounds: { token: string; steps: Step[] }[], seconds: number): Promise<{ samples: Sample[]; result: autocannon.Result }> {
  const samples: Sample[] = [];
  let next = 0;
  const url = new URL(base);
  const instance = autocannon({
    url: base,
    connections: rounds.length,
    duration: seconds,
    // Each connection is one customer; its requests go round its own list.
    setupClient: (client) => {
      const me = rounds[next++ % rounds.length]!;
      (client as unknown as { benchSteps: Step[] }).benchSteps = me.steps;
      client.setRequests(
        me.steps.map((s) => ({
          method: s.method,
          path: s.path,
          headers: { host: url.host, authorization: `Bearer ${me.token}`, 'content-type': 'application/json' },
          setupRequest: (req: autocannon.Request) => ({
            ...req,
            ...(s.body ? { body: s.body() } : {}),
            headers: { ...req.headers, ...(s.idempotent ? { 'idempotency-key': randomUUID() } : {}) },
          }),
          onResponse: (_status: number, _body: string, context: Record<string, unknown>) => {
            context.step = s;
          },
        })),
      );
    },
  } as autocannon.Options);
  instance.on('response', (client: unknown, status: number, _bytes: number, ms: number) => {
    const step = (client as { requestIterator?: { context?: { step?: Step } } }).requestIterator?.context?.step;
    if (step) samples.push({ route: step.route, group: step.group, status, ms });
  });
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance.once('done', resolve);
    instance.once('error', reject);
  });
  return { samples, result };
}

async function cannon(opts: autocannon.Options): Promise<autocannon.Result> {
  return autocannon({ ...opts, connections: opts.connections ?? CONNECTIONS });
}

/** The bare hash rate in a process of its own (what one API process could do if sign-in were only the hash). */
function hashRate(seconds: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'baselines.mjs'), ['argon2', String(seconds)], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    child.once('message', (m) => resolve((m as { rate: number }).rate));
    child.once('error', reject);
  });
}

const fmt = (n: number, d = 0) => n.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });

async function main() {
  const load = () => (require('node:os') as typeof import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log(`load average before: ${load()}`);
  const db = await freshDatabase('cabinet_load');
  const { ds, customers } = await seedCustomers(db.url, CUSTOMERS, HISTORY);
  const [tariff] = await ds.query(`SELECT id FROM tariffs WHERE kind = 'mobile' AND provider = 'megafon' AND code <> 'megafon-vse' AND NOT archived ORDER BY code LIMIT 1`);
  const [{ pid: backend }]: { pid: number }[] = await ds.query('SELECT pg_backend_pid() AS pid');
  const postmaster = postmasterOf(backend);
  const logDir = mkdtempSync(path.join(tmpdir(), 'cabinet-load-'));
  const api = await startApi(db.url, { workers: WORKERS, log: path.join(logDir, 'api.log') });
  console.log(`API up in ${api.healthyAfterMs} ms (WORKERS=${WORKERS}); log ${path.join(logDir, 'api.log')}`);

  const tokens = await Promise.all(customers.map((c) => signIn(api.base, c.phone)));
  const rounds = Array.from({ length: CONNECTIONS }, (_, i) => ({ token: tokens[i % tokens.length]!, steps: round(customers[i % customers.length]!, tariff.id) }));
  const mixShare = rounds[0]!.steps.reduce<Record<Group, number>>((acc, s) => ({ ...acc, [s.group]: acc[s.group] + 1 }), { read: 0, action: 0, 'sign-in': 0 });

  // Baselines first (same machine, same connections).
  /** A baseline in `workers` processes: 3 s of warm-up, then the measured run. */
  const baseline = async (mode: 'hello' | 'pg', workers = 1) => {
    const b = await startBaseline(mode, db.url, customers[0]!.accountId, workers);
    const url = mode === 'pg' ? `${b.base}/account` : b.base;
    await cannon({ url, duration: 3 });
    const run = await measured(() => cannon({ url, duration: BASELINE_DURATION }));
    await b.stop();
    return run;
  };
  const helloR = (await baseline('hello')).result;
  const pgRun = await baseline('pg');
  const pgR = pgRun.result;
  // With several API processes, the raw-pg baseline in as many too: the like-for-like figure beside the issue's.
  const pgN = WORKERS > 1 ? (await baseline('pg', WORKERS)).result : null;
  const hashes = await hashRate(Math.min(BASELINE_DURATION, 10));

  // Warm-up, then the mix.
  await runMix(api.base, rounds, 5);
  const { samples, result } = await runMix(api.base, rounds, DURATION);

  // Authenticated reads alone (the same seven, every customer), for the like-for-like ratio with raw pg: driven the
  // way the baseline is, by autocannon's own request loop with fixed requests and its own histogram. (The mix's
  // per-request hooks, which tag each answer with its route, cost the client ~40 µs of CPU a request, 127 against
  // 83, and on two cores the client's CPU comes out of what the server and PostgreSQL get.) Each round of reads
  // follows a round of raw pg; both servers stay up, only one is asked at a time.
  let nextReader = 0;
  const readsAlone = () =>
    measured(
      () =>
        cannon({
          url: api.base,
          duration: ROUND_DURATION,
          setupClient: (client) => {
            const me = rounds[nextReader++ % rounds.length]!;
            const headers = { host: new URL(api.base).host, authorization: `Bearer ${me.token}` };
            client.setRequests(me.steps.filter((s) => s.group === 'read').map((s) => ({ method: s.method, path: s.path, headers })));
          },
        } as autocannon.Options),
      [api.child.pid!],
      postmaster,
    );
  const pgBase = await startBaseline('pg', db.url, customers[0]!.accountId);
  await cannon({ url: `${pgBase.base}/account`, duration: 3 });
  const pairs: { pg: Measured; reads: Measured }[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const pgRound = await measured(() => cannon({ url: `${pgBase.base}/account`, duration: ROUND_DURATION }), [pgBase.pid], postmaster);
    pairs.push({ pg: pgRound, reads: await readsAlone() });
  }
  await pgBase.stop();

  // Sign-in alone, as many as the API can verify: each connection signs its own customer in, again and again.
  const signIns = await runMix(
    api.base,
    rounds.map((r) => ({ token: r.token, steps: r.steps.filter((s) => s.group === 'sign-in') })),
    SIGNIN_DURATION,
  );
  const si = signIns.samples.map((x) => x.ms).sort((x, y) => x - y);
  const signInR = {
    requests: { average: signIns.samples.filter((x) => x.status === 200).length / SIGNIN_DURATION },
    latency: { p99: Math.round(pct(si, 99)) },
    non2xx: signIns.samples.filter((x) => x.status !== 200).length,
  };

  await api.kill('SIGTERM');
  const [{ n: credited }] = await ds.query(`SELECT count(*)::int AS n FROM ledger_entries WHERE kind = 'payment' AND ref LIKE 'payment:%'`);
  const [{ bad }] = await ds.query(`SELECT count(*)::int AS bad FROM accounts a WHERE a.balance <> (SELECT coalesce(sum(amount), 0) FROM ledger_entries e WHERE e.account_id = a.id)`);
  await ds.destroy();
  await db.drop();

  // Per route.
  const routes = new Map<string, Sample[]>();
  for (const s of samples) routes.set(s.route, [...(routes.get(s.route) ?? []), s]);
  const total = samples.length;
  const seconds = DURATION;
  console.log(`\nMix at ${CONNECTIONS} connections for ${DURATION} s (per round of ${rounds[0]!.steps.length}: ${mixShare.read} reads, ${mixShare.action} actions, ${mixShare['sign-in']} sign-ins); load average after: ${load()}`);
  console.log(`${'route'.padEnd(42)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'non-2xx'.padStart(8)}`);
  const row = (name: string, list: Sample[]) => {
    const ms = list.map((s) => s.ms).sort((x, y) => x - y);
    const bad = list.filter((s) => s.status >= 300).length;
    console.log(`${name.padEnd(42)} ${fmt(list.length / seconds, 1).padStart(8)} ${fmt(pct(ms, 50), 1).padStart(8)} ${fmt(pct(ms, 99), 1).padStart(8)} ${String(bad).padStart(8)}`);
    return { rate: list.length / seconds, p50: pct(ms, 50), p99: pct(ms, 99), bad };
  };
  for (const [name, list] of [...routes].sort()) row(name, list);
  const groups = Object.fromEntries((['read', 'action', 'sign-in'] as Group[]).map((g) => [g, row(`= all ${g}s`, samples.filter((s) => s.group === g))]));
  row('= everything', samples);
  const fivexx = samples.filter((s) => s.status >= 500).length;

  const hr = helloR.requests.average;
  const pr = pgR.requests.average;
  const readP99 = groups.read!.p99;
  const readShare = groups.read!.rate / (total / seconds);
  const rateRatios = pairs.map((p) => p.reads.result.requests.average / p.pg.result.requests.average);
  const p99Ratios = pairs.map((p) => p.reads.result.latency.p99 / p.pg.result.latency.p99);
  const roBad = pairs.reduce((n, p) => n + p.reads.result.non2xx + p.reads.result.errors + p.reads.result.timeouts, 0);
  console.log(`\nBaselines (same run, ${CONNECTIONS} connections, ${BASELINE_DURATION} s each):`);
  console.log(`  Express hello-world     ${fmt(hr).padStart(7)} req/s  p50 ${helloR.latency.p50} ms  p99 ${helloR.latency.p99} ms`);
  console.log(`  raw pg single-row read  ${fmt(pr).padStart(7)} req/s  p50 ${pgR.latency.p50} ms  p99 ${pgR.latency.p99} ms  (client CPU ${fmt(pgRun.clientUs)} µs a request)`);
  if (pgN) console.log(`  raw pg, ${WORKERS} processes   ${fmt(pgN.requests.average).padStart(7)} req/s  p50 ${pgN.latency.p50} ms  p99 ${pgN.latency.p99} ms`);
  console.log(`  bare argon2id hashes    ${fmt(hashes, 1).padStart(7)} /s (2 in flight, the API's parameters)`);
  console.log(`\nRatios:`);
  console.log(`  whole mix / raw pg                   ${(total / seconds / pr).toFixed(2)}  (${fmt(total / seconds)} req/s; hello-world ratio ${(total / seconds / hr).toFixed(2)})`);
  console.log(`  authenticated reads alone / raw pg   ${median(rateRatios).toFixed(2)}  (median of ${ROUNDS} paired rounds of ${ROUND_DURATION} s; the seven reads; non-2xx or errors ${roBad}; target ≥ 0.5)`);
  console.log(`  their p99 / raw-pg p99               ${median(p99Ratios).toFixed(2)}  (median of the same rounds; target ≤ 2)`);
  if (pgN) {
    const all = pairs.map((p) => p.reads.result.requests.average);
    console.log(`  the same / raw pg in ${WORKERS} processes     ${(median(all) / pgN.requests.average).toFixed(2)}  (the rounds' median req/s against the ${BASELINE_DURATION} s baseline above)`);
  }
  console.log(`  reads in the mix / raw pg            ${(groups.read!.rate / pr).toFixed(2)}  (${(readShare * 100).toFixed(0)} % of the mix's requests; p99 ${fmt(readP99, 1)} ms = ${(readP99 / pgR.latency.p99).toFixed(2)} × raw pg's)`);
  console.log(`  sign-in alone / bare hash rate       ${(signInR.requests.average / hashes).toFixed(2)}  (${fmt(signInR.requests.average, 1)} vs ${fmt(hashes, 1)} /s; p99 ${signInR.latency.p99} ms; non-2xx ${signInR.non2xx}; target ≥ 0.8)`);
  console.log(`\nReads alone, round by round (each after its raw-pg round; CPU per request: client / serving process / PostgreSQL, µs):`);
  pairs.forEach((p, i) => {
    const us = (m: Measured) => `${fmt(m.clientUs)} / ${fmt(m.serverUs)} / ${fmt(m.pgUs)}`;
    console.log(
      `  ${i + 1}: raw pg ${fmt(p.pg.result.requests.average).padStart(6)} req/s p99 ${String(p.pg.result.latency.p99).padStart(3)} ms (${us(p.pg)}); ` +
        `reads ${fmt(p.reads.result.requests.average).padStart(6)} req/s p99 ${String(p.reads.result.latency.p99).padStart(3)} ms (${us(p.reads)}); ` +
        `ratio ${rateRatios[i]!.toFixed(2)}, p99 ×${p99Ratios[i]!.toFixed(2)}`,
    );
  });
  console.log(`\nChecks: 5xx in the mix ${fivexx}; errors ${result.errors}, timeouts ${result.timeouts}; payments credited ${credited}; accounts whose balance ≠ entries ${bad}`);
  process.exit(fivexx > 0 || bad > 0 || roBad > 0 ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
void repoRoot;
