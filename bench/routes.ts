/**
 * Each read of the load mix alone (issue 11), next to the same run's floor and baseline: where the gap between an
 * authenticated read and a raw `pg` query is. Rows:
 *   raw pg            Express + a pg Pool, one accounts row by primary key (bench/baselines.mjs pg)
 *   GET /health       the API's whole middleware stack and one `SELECT 1`, no sign-in: the floor of any route
 *   the seven reads   as the load mix sends them, one signed-in customer per connection
 *
 *   npx -y pnpm@10.34.8 -r build && DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx -y pnpm@10.34.8 --filter @cabinet/bench routes
 *
 * Each row also prints the CPU per request of the serving process and of PostgreSQL (from /proc). The last row asks
 * for the chosen reads in turn on each connection, as `bench load` does.
 *
 * Knobs: CONNECTIONS (50), DURATION (8 s per row), CUSTOMERS (50), HISTORY (500 entries each), ONLY (a regular
 * expression: run only the reads whose name matches, e.g. `ONLY='^GET /accounts$'` with API_NODE_ARGS=--cpu-prof).
 */
import autocannon from 'autocannon';
import { freshDatabase, measured, postmasterOf, seedCustomers, signIn, startApi, startBaseline } from './support';

const env = process.env;
const CONNECTIONS = Number(env.CONNECTIONS ?? 50);
const DURATION = Number(env.DURATION ?? 8);
const CUSTOMERS = Number(env.CUSTOMERS ?? 50);
const HISTORY = Number(env.HISTORY ?? 500);

async function main() {
  const load = () => (require('node:os') as typeof import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log(`load average before: ${load()}`);
  const db = await freshDatabase('cabinet_routes');
  const { ds, customers } = await seedCustomers(db.url, CUSTOMERS, HISTORY);
  const [{ pid: backend }]: { pid: number }[] = await ds.query('SELECT pg_backend_pid() AS pid');
  const postmaster = postmasterOf(backend);
  const api = await startApi(db.url, { workers: 1 });
  const tokens = await Promise.all(customers.map((c) => signIn(api.base, c.phone)));

  /**
   * One row: autocannon on `url`, and the CPU the serving process (`pid`) and PostgreSQL spent per request. With
   * several URLs a connection asks for each in turn.
   */
  const run = async (name: string, url: (i: number) => string | string[], token?: (i: number) => string, pid = api.child.pid!) => {
    let next = 0;
    const { result: r, serverUs, pgUs } = await measured(
      () =>
        autocannon({
          url: [url(0)].flat()[0]!,
          connections: CONNECTIONS,
          duration: DURATION,
          // Each connection is one customer asking for its own account.
          setupClient: (client) => {
            const i = next++ % customers.length;
            client.setRequests(
              [url(i)].flat().map((each) => {
                const u = new URL(each);
                return { method: 'GET', path: u.pathname + u.search, headers: { host: u.host, ...(token ? { authorization: `Bearer ${token(i)}` } : {}) } };
              }),
            );
          },
        } as autocannon.Options),
      [pid],
      postmaster,
    );
    return { name, rate: r.requests.average, p99: r.latency.p99, bad: r.non2xx + r.errors + r.timeouts, nodeUs: serverUs, pgUs };
  };

  const pg = await startBaseline('pg', db.url, customers[0]!.accountId);
  await run('warm-up', () => `${pg.base}/account`, undefined, pg.pid);
  const rows = [await run('raw pg single-row read', () => `${pg.base}/account`, undefined, pg.pid)];
  await pg.stop();
  await run('warm-up', () => `${api.base}/api/v1/health`);
  rows.push(await run('GET /health (no sign-in, SELECT 1)', () => `${api.base}/api/v1/health`));
  const acc = (i: number) => `${api.base}/api/v1/accounts/${customers[i]!.accountId}`;
  const reads: [string, (i: number) => string][] = [
    ['GET /me', () => `${api.base}/api/v1/me`],
    ['GET /accounts', () => `${api.base}/api/v1/accounts`],
    ['GET /accounts/:id', acc],
    ['GET /accounts/:id/transactions', (i) => `${acc(i)}/transactions?limit=20`],
    ['GET /accounts/:id/transactions -amount', (i) => `${acc(i)}/transactions?limit=20&sort=-amount`],
    ['GET /payments', () => `${api.base}/api/v1/payments?limit=20`],
    ['GET /accounts/:id/transactions/summary', (i) => `${acc(i)}/transactions/summary`],
  ];
  const only = env.ONLY ? new RegExp(env.ONLY) : null;
  const chosen = reads.filter(([name]) => !only || only.test(name));
  for (const [name, url] of chosen) rows.push(await run(name, url, (i) => tokens[i]!));
  // The same reads in turn on each connection, as `bench load` sends its reads alone.
  const inTurn = chosen.length > 1 ? await run(`the ${chosen.length} above in turn (as bench load)`, (i) => chosen.map(([, url]) => url(i)), (i) => tokens[i]!) : null;
  await api.kill('SIGTERM');
  await ds.destroy();
  await db.drop();

  const base = rows[0]!;
  console.log(`\n${CONNECTIONS} connections, ${DURATION} s each; load average after: ${load()}`);
  // CPU per request: the serving process (the API, or the raw-pg baseline's) and PostgreSQL (the postmaster and its
  // backends). On two shared cores these say where a route's cost is better than req/s does, which the neighbours'
  // load moves.
  console.log(`${'route'.padEnd(44)} ${'req/s'.padStart(8)} ${'÷ raw pg'.padStart(9)} ${'p99 ms'.padStart(7)} ${'× p99'.padStart(6)} ${'bad'.padStart(5)} ${'node µs'.padStart(8)} ${'pg µs'.padStart(6)}`);
  const printed = [...rows, ...(inTurn ? [inTurn] : [])];
  for (const r of printed) {
    console.log(`${r.name.padEnd(44)} ${Math.round(r.rate).toLocaleString('en').padStart(8)} ${(r.rate / base.rate).toFixed(2).padStart(9)} ${String(r.p99).padStart(7)} ${(r.p99 / base.p99).toFixed(1).padStart(6)} ${String(r.bad).padStart(5)} ${Math.round(r.nodeUs).toString().padStart(8)} ${Math.round(r.pgUs).toString().padStart(6)}`);
  }
  const authed = rows.slice(2);
  const harmonic = authed.length / authed.reduce((s, r) => s + 1 / r.rate, 0);
  console.log(`\nthe seven reads in equal shares: ${Math.round(harmonic).toLocaleString('en')} req/s = ${(harmonic / base.rate).toFixed(2)} of raw pg (target ≥ 0.5)`);
  process.exit(printed.some((r) => r.bad > 0) ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
