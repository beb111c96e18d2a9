import 'reflect-metadata';
import { createServices } from '../app';
import { loadConfig } from '../config';
import { openDatabase } from '../db/data-source';
import { resolveDatabase } from '../db/database-url';
import { systemClock } from '../platform/clock';
import { createLogger } from '../platform/logger';
import { demoLoginsText, seedDemo } from '../seed/demo';

/** `pnpm seed`: creates the demo customers that are missing and prints every demo login. */
async function run(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('warn');
  const db = await resolveDatabase(config, (m) => console.log(m));
  const ds = await openDatabase(db.url, { poolSize: 2 });
  try {
    const created = await seedDemo(ds, createServices({ config, ds, clock: systemClock, logger }), systemClock);
    console.log(`Created ${created.length} demo customer(s).\nDemo logins (login, password):\n${demoLoginsText()}`);
  } finally {
    await ds.destroy();
    await db.stop();
  }
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
