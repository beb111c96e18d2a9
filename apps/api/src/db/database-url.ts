import path from 'node:path';
import type { Config } from '../config';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded';

/** `DATABASE_URL` when given; otherwise an embedded PostgreSQL with its data under DATA_DIR/pg. */
export async function resolveDatabase(config: Config, log: (m: string) => void): Promise<EmbeddedDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => {} };
  const dir = path.join(config.dataDir, 'pg');
  log(`No DATABASE_URL: starting the embedded PostgreSQL in ${dir}`);
  return startEmbeddedPostgres({ dir, port: config.embeddedPgPort, database: 'cabinet', log });
}
