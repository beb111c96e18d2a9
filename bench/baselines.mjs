// The load test's baselines, each started in a process of its own by load.ts:
//   node baselines.mjs hello          Express hello-world on PORT
//   node baselines.mjs pg             Express + a pg Pool: GET /account → one accounts row by primary key (ACCOUNT_ID)
//   WORKERS=N (hello, pg)     N such processes sharing the port (node:cluster), as the API runs with WORKERS=N
//   node baselines.mjs argon2 SECONDS the bare argon2id hash rate at the API's parameters, 2 in flight; sent to the parent
import cluster from 'node:cluster';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Express and @node-rs/argon2 are the API's own dependencies: take the very same copies.
const api = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'apps', 'api', 'package.json'));
const [mode, arg] = process.argv.slice(2);

const workers = Number(process.env.WORKERS ?? 1);
if ((mode === 'hello' || mode === 'pg') && workers > 1 && cluster.isPrimary) {
  for (let i = 0; i < workers; i++) cluster.fork();
  process.on('SIGTERM', () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
    process.exit(0);
  });
} else if (mode === 'hello' || mode === 'pg') {
  const express = api('express');
  const app = express();
  app.get('/', (_req, res) => res.type('text').send('ok'));
  if (mode === 'pg') {
    const { Pool } = api('pg');
    const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
    const id = process.env.ACCOUNT_ID;
    app.get('/account', async (_req, res) => {
      const { rows } = await pool.query('SELECT id, number, balance, status FROM accounts WHERE id = $1', [id]);
      res.json(rows[0]);
    });
  }
  app.listen(Number(process.env.PORT), '127.0.0.1');
  process.on('SIGTERM', () => process.exit(0));
} else if (mode === 'argon2') {
  const { Algorithm, hash } = api('@node-rs/argon2');
  const opts = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };
  const until = Date.now() + Number(arg ?? 10) * 1000;
  let n = 0;
  const worker = async () => {
    while (Date.now() < until) {
      await hash('bench-pass-123', opts);
      n++;
    }
  };
  const t0 = Date.now();
  await Promise.all([worker(), worker()]);
  process.send?.({ rate: n / ((Date.now() - t0) / 1000) });
  process.exit(0);
} else {
  console.error('usage: baselines.mjs hello|pg|argon2 [seconds]');
  process.exit(2);
}
