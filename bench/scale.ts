/**
 * Scale test (issue 11): the history, bonus and usage benchmarks of the module issues, each run at a base size and
 * at SCALE× (10) its data, in child processes, one after another; prints how the latency grew.
 * Target: keyset pages (history page 1 and a page deep in it) flat within 1.5× when the data grows 10×.
 * Bonus (expiry job, till accrual) and usage ingestion print throughput; their growth is the time per item at
 * SCALE× over the time per item at the base size (lower is better; 1.00 = flat).
 *
 *   npx -y pnpm@10.34.8 -r build && DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx -y pnpm@10.34.8 --filter @cabinet/bench scale
 *
 * Knobs: SCALE (10); BASE=small (default: a tenth of each benchmark's own default, so SCALE× is its default:
 * history 100k → 1M entries, bonus 10k → 100k members, usage 10k → 100k lines) or BASE=full (each benchmark's
 * default → SCALE× it: 10M ledger entries, 1M members; long); BENCHES (history,bonus,usage).
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';

const env = process.env;
const SCALE = Number(env.SCALE ?? 10);
const FULL = env.BASE === 'full';
const BENCHES = (env.BENCHES ?? 'history,bonus,usage').split(',').map((s) => s.trim());
const TARGET = 1.5;

const base = {
  history: FULL ? 1_000_000 : 100_000,
  bonus: FULL ? 100_000 : 10_000,
  usage: FULL ? 100_000 : 10_000,
};

function run(file: string, extra: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), '--tsconfig', path.join(__dirname, '..', 'apps', 'api', 'tsconfig.json'), path.join(__dirname, file)], {
      env: { ...process.env, ...extra },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      process.stdout.write(d);
    });
    child.once('error', reject);
    // A benchmark that fails (its server did not start on a busy machine…) leaves its figures out; the others go on.
    child.once('exit', (code) => {
      if (code !== 0 && !out.includes('overall:')) console.error(`!! ${file} ${JSON.stringify(extra)} exited ${code}: its figures are left out`);
      resolve(out);
    });
  });
}

const num = (s: string) => Number(s.replace(/,/g, ''));

async function main() {
  console.log(`Scale test: ×${SCALE}, ${FULL ? 'from each benchmark’s default size' : 'from a tenth of each benchmark’s default size'}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const lines: string[] = [];
  let keysetMet = true;

  if (BENCHES.includes('history')) {
    const sizes = [base.history, base.history * SCALE];
    const parsed = [];
    for (const entries of sizes) {
      const out = await run('history.ts', { ENTRIES: String(entries), DEPTH: String(entries / 10), RUNS: env.RUNS ?? '21' });
      const rows = [...out.matchAll(/sort=(\S+)\s+page 1:\s+([\d.]+) ms\s+[\d,]+ rows deep:\s+([\d.]+) ms/g)].map((m) => ({ sort: m[1]!, first: Number(m[2]), deep: Number(m[3]) }));
      parsed.push(rows);
    }
    lines.push(`history (GET /accounts/:id/transactions, limit 50; one account ${sizes[0]!.toLocaleString('en')} → ${sizes[1]!.toLocaleString('en')} entries, deep page at a tenth of it):`);
    for (const [i, small] of parsed[0]!.entries()) {
      const big = parsed[1]![i]!;
      const g1 = big.first / small.first;
      const gd = big.deep / small.deep;
      keysetMet &&= g1 <= TARGET && gd <= TARGET;
      lines.push(
        `  sort=${small.sort.padEnd(10)} page 1 ${small.first.toFixed(2)} → ${big.first.toFixed(2)} ms (×${g1.toFixed(2)})   deep ${small.deep.toFixed(2)} → ${big.deep.toFixed(2)} ms (×${gd.toFixed(2)})   target ≤ ${TARGET} ${g1 <= TARGET && gd <= TARGET ? 'MET' : 'NOT MET'}`,
      );
    }
  }

  if (BENCHES.includes('bonus')) {
    const sizes = [base.bonus, base.bonus * SCALE];
    const got = [];
    for (const members of sizes) {
      const out = await run('bonus.ts', { MEMBERS: String(members), REQUESTS: env.BONUS_REQUESTS ?? '2000' });
      got.push({ expiry: num(/expiry job[^:]*: ([\d,]+) lots\/s/.exec(out)?.[1] ?? 'NaN'), accrual: num(/till accrual, POST \/integrations\/bonus\/purchases: ([\d,]+) requests\/s/.exec(out)?.[1] ?? 'NaN') });
    }
    const [a, b] = got as [{ expiry: number; accrual: number }, { expiry: number; accrual: number }];
    lines.push(`bonus (${sizes[0]!.toLocaleString('en')} → ${sizes[1]!.toLocaleString('en')} members, 10 lots each):`);
    lines.push(`  expiry job      ${a.expiry.toLocaleString('en')} → ${b.expiry.toLocaleString('en')} lots/s   time per lot ×${(a.expiry / b.expiry).toFixed(2)}`);
    lines.push(`  till accrual    ${a.accrual.toLocaleString('en')} → ${b.accrual.toLocaleString('en')} requests/s   latency ×${(a.accrual / b.accrual).toFixed(2)}`);
  }

  if (BENCHES.includes('usage')) {
    const sizes = [base.usage, base.usage * SCALE];
    const got = [];
    for (const lines_ of sizes) {
      const out = await run('usage-ingest.ts', { LINES: String(lines_), BATCHES: env.USAGE_BATCHES ?? '30' });
      got.push(num(/API {2}POST \/integrations\/usage : ([\d,]+) records\/s/.exec(out)?.[1] ?? 'NaN'));
    }
    lines.push(`usage ingestion (POST /integrations/usage, batches of 1,000; ${sizes[0]!.toLocaleString('en')} → ${sizes[1]!.toLocaleString('en')} lines):`);
    lines.push(`  ${got[0]!.toLocaleString('en')} → ${got[1]!.toLocaleString('en')} records/s   time per batch ×${(got[0]! / got[1]!).toFixed(2)}`);
  }

  console.log(`\n=== Scale ×${SCALE}; load average after ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  for (const l of lines) console.log(l);
  if (BENCHES.includes('history')) console.log(`keyset pages flat within ${TARGET}×: ${keysetMet ? 'MET' : 'NOT MET'}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
