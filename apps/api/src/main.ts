import 'reflect-metadata';
import cluster from 'node:cluster';
import type { DataSource } from 'typeorm';
import type { Server } from 'node:http';
import { createApp, createServices, jobTable } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { openDatabase } from './db/data-source';
import { resolveDatabase } from './db/database-url';
import { ESIA_TEST_PASSWORD, ESIA_TEST_PERSONS, startEsiaStandIn, type EsiaStandIn } from './modules/esia';
import { systemClock } from './platform/clock';
import { startJobs } from './platform/jobs';
import { createLogger } from './platform/logger';
import { demoLoginsText, isEmpty, seedDemo } from './seed/demo';

/**
 * Composition root. The primary process owns the database side (embedded PostgreSQL, migrations,
 * first seed); then it serves itself (WORKERS=1) or forks one worker per core, which share the port.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (cluster.isWorker) {
    await serve(config, logger);
    return;
  }

  const db = await resolveDatabase(config, (m) => logger.info(m));
  // Dev: a local OpenID provider plays Gosuslugi, in this (primary) process only — it keeps its sessions in memory.
  let standIn: EsiaStandIn | null = null;
  if (config.esia.standIn && !config.esia.issuer) {
    standIn = await startEsiaStandIn({ clientId: config.esia.clientId, clientSecret: config.esia.clientSecret, port: config.esia.standInPort });
    config.esia.issuer = standIn.issuer;
    logger.info({ issuer: standIn.issuer }, 'Gosuslugi stand-in (local OpenID provider) started');
  }
  const ds = await openDatabase(db.url, { poolSize: 2 });
  if (config.seedDemo && (await isEmpty(ds))) {
    await seedDemo(ds, createServices({ config, ds, clock: systemClock, logger }), systemClock);
    logger.info('Seeded demo data');
    console.log(`\nDemo logins (login, password):\n${demoLoginsText()}\n`);
  }
  // Jobs run in the primary process only; on several nodes pg-boss shares them through the database.
  const boss = await startJobs(db.url, jobTable(createServices({ config, ds, clock: systemClock, logger })), logger);

  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
    await server?.close();
    await boss.stop({ graceful: true, wait: true }).catch(() => {});
    await ds.destroy().catch(() => {});
    await standIn?.close().catch(() => {});
    await db.stop().catch(() => {});
    process.exit(code);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  let server: { close(): Promise<void> } | undefined;
  if (config.workers <= 1) {
    server = await serve({ ...config, databaseUrl: db.url }, logger);
  } else {
    cluster.setupPrimary({ silent: false });
    const fork = () => cluster.fork({ DATABASE_URL: db.url, ...(standIn ? { ESIA_ISSUER_URL: standIn.issuer, ESIA_STAND_IN: '1' } : {}) });
    for (let i = 0; i < config.workers; i++) fork();
    cluster.on('exit', (w, code, signal) => {
      if (stopping) return;
      logger.error({ pid: w.process.pid, code, signal }, 'worker died; starting another');
      fork();
    });
    logger.info({ workers: config.workers, port: config.port }, 'started workers');
  }
  console.log(`Cabinet is running: http://localhost:${config.port}/  (API docs: http://localhost:${config.port}/api/docs)`);
  if (standIn) {
    console.log(`Gosuslugi stand-in: ${standIn.issuer} — test persons (password ${ESIA_TEST_PASSWORD}): ${ESIA_TEST_PERSONS.map((p) => `${p.login} ${p.family_name}${p.trusted ? '' : ' (unconfirmed)'}`).join(', ')}`);
  }
}

async function serve(config: Config, logger: ReturnType<typeof createLogger>): Promise<{ close(): Promise<void> }> {
  const ds = await openDatabase(config.databaseUrl!, { poolSize: 10 });
  const services = createServices({ config, ds, clock: systemClock, logger });
  const app = createApp({ config, ds, clock: systemClock, logger, services });
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.on('error', reject);
  });
  logger.info({ port: config.port, pid: process.pid }, 'listening');
  const close = async () => {
    await new Promise((r) => server.close(r));
    // A request whose client hung up is still running (a sign-in waits for its hash inside a transaction):
    // let the handlers holding a connection finish, up to 10 s, before the pool ends under them.
    await drained(ds, 10_000);
    await services.changes.close();
    await ds.destroy();
  };
  if (cluster.isWorker) process.on('SIGTERM', () => void close().then(() => process.exit(0)));
  return { close };
}

/** Resolves once no pool connection is checked out (nothing mid-query or mid-transaction), or after `ms`. */
async function drained(ds: DataSource, ms: number): Promise<void> {
  const pool = (ds.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } }).master;
  const until = performance.now() + ms;
  while (pool && pool.totalCount - pool.idleCount + pool.waitingCount > 0 && performance.now() < until) await new Promise((r) => setTimeout(r, 20));
}

main().catch((err) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
