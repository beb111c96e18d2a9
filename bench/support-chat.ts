/**
 * Support chat delivery benchmark (issue 8). Two API "nodes" in this process, each with its own pool and
 * its own LISTEN connection, on one fresh database. STREAMS customers each open a chat and keep its SSE
 * stream open; an admin replies REPLIES times (round robin over the chats) with POST …/messages, and the
 * time from the POST to the event on the customer's stream is measured:
 *
 * - same node: the stream and the POST on node A (the baseline);
 * - across nodes: the stream on node B, the POST on node A (delivery through PostgreSQL NOTIFY).
 *
 * Prints p50/p95 of both, their ratio, and that every reply arrived exactly once.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx -y pnpm@10.34.8 --filter @cabinet/bench support
 *
 * Knobs: STREAMS (50), REPLIES (300).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createApp, createServices } from '../apps/api/src/app';
import { loadConfig } from '../apps/api/src/config';
import { openDatabase } from '../apps/api/src/db/data-source';
import { systemClock } from '../apps/api/src/platform/clock';
import { createLogger } from '../apps/api/src/platform/logger';

const STREAMS = Number(process.env.STREAMS ?? 50);
const REPLIES = Number(process.env.REPLIES ?? 300);

async function node(url: string, dataDir: string) {
  const config = {
    ...loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'bench-secret-bench-secret-bench-secret', LOG_LEVEL: 'silent', DATA_DIR: dataDir, SERVE_WEB: '0', RATE_LIMIT_AUTH_PER_MINUTE: '100000', SUPPORT_STREAM_SECONDS: '600' }),
    databaseUrl: url,
  };
  const ds = await openDatabase(url, { poolSize: 10 });
  const services = createServices({ config, ds, clock: systemClock, logger: createLogger('silent') });
  const server = http.createServer(createApp({ config, ds, clock: systemClock, services }));
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  return {
    base,
    services,
    ds,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await services.support.bus.close();
      await ds.destroy();
    },
  };
}

const post = async (url: string, token: string, body: unknown) => {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url} → ${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, unknown>>;
};

/** Opens the chat's stream; calls `seen(text, at)` for every operator message. */
function listen(url: string, token: string, seen: (text: string, at: number) => void): () => void {
  const req = http.get(url, { headers: { Accept: 'text/event-stream', Authorization: `Bearer ${token}` } });
  req.on('response', (res) => {
    let buf = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buf += chunk;
      let at: number;
      while ((at = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, at);
        buf = buf.slice(at + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (data) {
          const m = JSON.parse(data.slice(6)) as { author: string; text: string };
          if (m.author === 'operator') seen(m.text, performance.now());
        }
      }
    });
  });
  req.on('error', () => {});
  return () => req.destroy();
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

async function main() {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('Set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)');
  const dbName = `cabinet_bench_support_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cabinet-bench-support-'));
  const a = await node(url.toString(), dataDir);
  const b = await node(url.toString(), dataDir);
  try {
    const login = async (phone: string, password: string) => (await post(`${a.base}/auth/login`, '', { login: phone, password })).accessToken as string;
    await a.ds.transaction((em) => a.services.customers.create(em, { phone: '+79990000000', password: 'bench-pass-123', surname: 'Бенчев', name: 'Админ', role: 'admin' }));
    // Messages are rate-limited per session (30 a minute): the admin signs in as often as the replies need.
    const staff: string[] = [];
    for (let i = 0; i < Math.ceil((2 * REPLIES) / 25); i++) staff.push(await login('+79990000000', 'bench-pass-123'));
    const chats: { id: string; token: string }[] = [];
    for (let i = 1; i <= STREAMS; i++) {
      const phone = `+7999${String(i).padStart(7, '0')}`;
      await a.ds.transaction((em) => a.services.customers.create(em, { phone, password: 'bench-pass-123', surname: 'Клиентов', name: `Клиент ${i}` }));
      const token = await login(phone, 'bench-pass-123');
      const chat = await post(`${a.base}/support/chats`, token, { topic: 'technical', text: `Вопрос ${i}` });
      chats.push({ id: chat.id as string, token });
    }

    const run = async (streamBase: string, label: string) => {
      const arrived = new Map<string, number[]>();
      const stops = chats.map((c) => listen(`${streamBase}/support/chats/${c.id}/events`, c.token, (text, at) => arrived.set(text, [...(arrived.get(text) ?? []), at])));
      await new Promise((r) => setTimeout(r, 1000)); // every stream connected and caught up
      const latencies: number[] = [];
      for (let i = 0; i < REPLIES; i++) {
        const chat = chats[i % chats.length];
        const text = `${label} ответ ${i}`;
        const sent = performance.now();
        await post(`${a.base}/backoffice/support/chats/${chat.id}/messages`, staff[Math.floor((label === 'same' ? i : REPLIES + i) / 25)], { text });
        const deadline = performance.now() + 5000;
        while (!arrived.has(text) && performance.now() < deadline) await new Promise((r) => setImmediate(r));
        const at = arrived.get(text)?.[0];
        if (at !== undefined) latencies.push(at - sent);
      }
      await new Promise((r) => setTimeout(r, 500));
      stops.forEach((s) => s());
      const doubled = [...arrived.values()].filter((v) => v.length > 1).length;
      return { p50: pct(latencies, 50), p95: pct(latencies, 95), got: latencies.length, doubled };
    };

    const same = await run(a.base, 'same');
    const across = await run(b.base, 'across');
    const f = (n: number) => `${n.toFixed(1)} ms`;
    console.log(`support delivery, ${STREAMS} open streams, ${REPLIES} replies (POST → event on the customer's stream):`);
    console.log(`  same node:    p50 ${f(same.p50)}, p95 ${f(same.p95)}; arrived ${same.got}/${REPLIES}, doubled ${same.doubled}`);
    console.log(`  across nodes: p50 ${f(across.p50)}, p95 ${f(across.p95)}; arrived ${across.got}/${REPLIES}, doubled ${across.doubled}`);
    console.log(`  ratio across/same: p50 ${(across.p50 / same.p50).toFixed(2)}, p95 ${(across.p95 / same.p95).toFixed(2)}`);
  } finally {
    await a.close();
    await b.close();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
