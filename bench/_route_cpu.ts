import { readFileSync, readdirSync } from 'node:fs';
import autocannon from 'autocannon';
import { freshDatabase, seedCustomers, signIn, startApi, startBaseline } from './support';
const ticks = (pid: number) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return Number(f[11]) + Number(f[12]); };
const pgTicks = () => readdirSync('/proc').filter((d) => /^\d+$/.test(d)).reduce((s, d) => { try { const st = readFileSync(`/proc/${d}/stat`, 'utf8'); return st.includes('(postgres)') ? s + ticks(Number(d)) : s; } catch { return s; } }, 0);
async function main() {
  const db = await freshDatabase('cabinet_rcpu');
  const { ds, customers } = await seedCustomers(db.url, 50, 500);
  const api = await startApi(db.url, { workers: 1 });
  const tokens = await Promise.all(customers.map((c) => signIn(api.base, c.phone)));
  const measure = async (name: string, base: string, pid: number, path: (i: number) => string, auth: boolean) => {
    let next = 0;
    const run = (d: number) => autocannon({ url: base, connections: 50, duration: d, setupClient: (client: any) => { const i = next++ % customers.length; client.setRequests([{ method: 'GET', path: path(i), headers: auth ? { authorization: `Bearer ${tokens[i]}` } : {} }]); } } as any);
    await run(2);
    const a0 = ticks(pid), p0 = pgTicks();
    const r = await run(8);
    const n = r.requests.total;
    console.log(`${name.padEnd(40)} ${Math.round(r.requests.average).toString().padStart(6)} req/s; CPU µs per request: node ${(((ticks(pid) - a0) * 10000) / n).toFixed(0)}, postgres ${(((pgTicks() - p0) * 10000) / n).toFixed(0)}`);
  };
  const pg = await startBaseline('pg', db.url, customers[0]!.accountId);
  const pgPid = Number(readFileSync('/dev/null', 'utf8') || 0);
  void pgPid;
  // baseline pid: find node process running baselines.mjs
  const bpid = Number(readdirSync('/proc').find((d) => /^\d+$/.test(d) && (() => { try { return readFileSync(`/proc/${d}/cmdline`, 'utf8').includes('baselines.mjs'); } catch { return false; } })()));
  await measure('raw pg', pg.base, bpid, () => '/account', false);
  await pg.stop();
  const acc = (i: number) => `/api/v1/accounts/${customers[i]!.accountId}`;
  const only = process.env.ONLY ? new RegExp(process.env.ONLY) : null;
  for (const [name, p, auth] of [['health', () => '/api/v1/health', false], ['me', () => '/api/v1/me', true], ['accounts', () => '/api/v1/accounts', true], ['account', acc, true], ['transactions', (i: number) => `${acc(i)}/transactions?limit=20`, true], ['payments', () => '/api/v1/payments?limit=20', true], ['summary', (i: number) => `${acc(i)}/transactions/summary`, true]] as [string, (i: number) => string, boolean][]) {
    if (only && !only.test(name)) continue;
    await measure(name, api.base, api.child.pid!, p, auth);
  }
  await api.kill('SIGTERM'); await ds.destroy(); await db.drop(); process.exit(0);
}
main();
