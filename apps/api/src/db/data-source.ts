import 'reflect-metadata';
import { types } from 'pg';
import { DataSource } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';
import { PreparingClient } from './prepared';

/** DATE columns stay `YYYY-MM-DD` strings (a JS Date would shift them by the time zone). */
types.setTypeParser(types.builtins.DATE, (v: string) => v);

export function createDataSource(url: string, opts: { poolSize?: number } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsRun: false,
    synchronize: false,
    logging: false,
    // PreparingClient: the hot reads run as named prepared statements (db/prepared.ts).
    extra: { max: opts.poolSize ?? 10, application_name: 'cabinet-api', Client: PreparingClient },
  });
}

/** Connects and brings the schema up to date. Migrations always; synchronize never. */
export async function openDatabase(url: string, opts: { poolSize?: number } = {}): Promise<DataSource> {
  const ds = createDataSource(url, opts);
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  return ds;
}
