/**
 * A/B of two API builds (issue 11): both run as their own process on one database and are asked in alternating
 * rounds (A B, B A, …) for the seven reads of the load mix in turn, 50 connections. Each round's B/A is printed, and
 * the medians: req/s, and the CPU per request of each API process and of the client. On this shared 2-core machine the
 * neighbours move req/s by a third within a minute; builds asked a few seconds apart see the same neighbours, so their
 * ratio says what a change did when a single run of `bench routes` or `bench load` cannot.
 *
 *   git worktree add /tmp/cabinet-a <commit> && (cd /tmp/cabinet-a && npx -y pnpm@10.34.8 install --frozen-lockfile &&
 *     npx -y pnpm@10.34.8 --filter @cabinet/shared-types --filter @cabinet/api build)
 *   npx -y pnpm@10.34.8 --filter @cabinet/api build
 *   A=/tmp/cabinet-a/apps/api/dist/main.js DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx -y pnpm@10.34.8 --filter @cabinet/bench ab
 *
 * Knobs: A (required: the baseline build's dist/main.js), B (this tree's build), A_ARGS / B_ARGS (node flags for
 * either, e.g. B_ARGS=--cpu-prof), ROUNDS (8), ROUND_DURATION (5 s), ONLY (a regular expression over the reads' paths).
 * The database is migrated by this tree's code; the A build must read the same schema.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { JWT_SECRET, SANDBOX_SECRET, apiMain, freePort, freshDatabase, measured, median, postmasterOf, seedCustomers, signIn, waitHealthy, type Measured } from './support';

const env = process.env;
const ROUNDS = Number(env.ROUNDS ?? 8);
const DURATION = Number(env.ROUND_DURATION ?? 5);
const ONLY = env.ONLY ? new RegExp(env.ONLY) : null;

async function main() {
  if (!env.A) throw new Error('A=<the baseline build’s apps/api/dist/main.js> is required (see the comment at the top)');
  const builds = [{ name: 'A', main: env.A, args: env.A_ARGS }, { name: 'B', main: env.B ?? apiMain, args: env.B_ARGS }];
  const db = await freshDatabase('cabinet_ab');
  const { ds, customers } = await seedCustomers(db.url, 50, 500);
  const [{ pid: backend }]: { pid: number }[] = await ds.query('SELECT pg_backend_pid() AS pid');
  const postmaster = postmasterOf(backend);

  const apis: { base: string; child: ChildProcess }[] = [];
  process.on('exit', () => apis.forEach((a) => a.child.kill('SIGKILL')));
  // One after the other: each migrates nothing (the seed did) but sets its job queues up.
  for (const b of builds) {
    const port = await freePort();
    const log = openSync(path.join(tmpdir(), `cabinet-ab-${b.name}.log`), 'w');
    const child = spawn(process.execPath, [...(b.args?.split(' ').filter(Boolean) ?? []), b.main], {
      stdio: ['ignore', log, log],
      env: { ...env, NODE_ENV: 'production', DATABASE_URL: db.url, PORT: String(port), HOST: '127.0.0.1', WORKERS: '1', JWT_SECRET, PAYMENT_SANDBOX_SECRET: SANDBOX_SECRET, SERVE_WEB: '0', SEED_DEMO: '0', LOG_LEVEL: 'warn', RATE_LIMIT_AUTH_PER_MINUTE: '1000000' },
    });
    const base = `http://127.0.0.1:${port}`;
    await waitHealthy(base, child, 60_000);
    apis.push({ base, child });
  }
  // Sessions live in the database, so one sign-in serves both builds.
  const tokens = await Promise.all(customers.map((c) => signIn(apis[1]!.base, c.phone)));
  const paths = (i: number) => {
    const a = `/api/v1/accounts/${customers[i]!.accountId}`;
    return ['/api/v1/me', '/api/v1/accounts', a, `${a}/transactions?limit=20`, `${a}/transactions?limit=20&sort=-amount`, '/api/v1/payments?limit=20', `${a}/transactions/summary`].filter((p) => !ONLY || ONLY.test(p));
  };
  const round = (k: number): Promise<Measured> => {
    const api = apis[k]!;
    let next = 0;
    return measured(
      () =>
        autocannon({
          url: api.base,
          connections: 50,
          duration: DURATION,
          setupClient: (client) => {
            const i = next++ % customers.length;
            client.setRequests(paths(i).map((p) => ({ method: 'GET', path: p, headers: { authorization: `Bearer ${tokens[i]}` } })));
          },
        } as autocannon.Options),
      [api.child.pid!],
      postmaster,
    );
  };
  await round(0); // warm-up, both
  await round(1);
  const out: [Measured[], Measured[]] = [[], []];
  const fmt = (x: Measured) => `${Math.round(x.result.requests.average).toLocaleString('en').padStart(6)} req/s p99 ${String(x.result.latency.p99).padStart(3)} ms (${x.clientUs.toFixed(0)}/${x.serverUs.toFixed(0)}/${x.pgUs.toFixed(0)} µs)`;
  console.log(`${ROUNDS} rounds of ${DURATION} s, ${paths(0).length} reads in turn, 50 connections; CPU per request: client/API/PostgreSQL`);
  for (let i = 0; i < ROUNDS; i++) {
    for (const k of i % 2 ? [1, 0] : [0, 1]) out[k].push(await round(k));
    const [a, b] = [out[0].at(-1)!, out[1].at(-1)!];
    console.log(`  ${String(i + 1).padStart(2)}: A ${fmt(a)}   B ${fmt(b)}   B/A ${(b.result.requests.average / a.result.requests.average).toFixed(3)}`);
  }
  const ratio = (f: (r: Measured) => number) => median(out[0].map((a, i) => f(out[1][i]!) / f(a)));
  console.log(`\nmedian B/A: req/s ${ratio((r) => r.result.requests.average).toFixed(3)}, API CPU per request ${ratio((r) => r.serverUs).toFixed(3)}, client's ${ratio((r) => r.clientUs).toFixed(3)}, PostgreSQL's ${ratio((r) => r.pgUs).toFixed(3)}`);
  const bad = [...out[0], ...out[1]].reduce((n, r) => n + r.result.non2xx + r.result.errors + r.result.timeouts, 0);
  if (bad) console.log(`non-2xx, errors or timeouts: ${bad}`);
  for (const a of apis) a.child.kill('SIGTERM');
  await Promise.all(apis.map((a) => new Promise((r) => (a.child.exitCode !== null ? r(null) : a.child.once('exit', r)))));
  await ds.destroy();
  await db.drop();
  process.exit(bad ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
