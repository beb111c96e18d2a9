import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { createServices } from '../app';
import { loadConfig } from '../config';
import { openDatabase } from '../db/data-source';
import { resolveDatabase } from '../db/database-url';
import { API_KEY_SCOPES, type ApiKeyScope } from '../modules/integrations';
import { systemClock } from '../platform/clock';
import { createLogger } from '../platform/logger';

/**
 * `pnpm --filter @cabinet/api apikey --name "CDR feed" --scope usage:write [--scope …]`
 * Creates an integrator API key and prints it once. (The back office will manage keys in a later issue.)
 */
async function run(): Promise<void> {
  const { values } = parseArgs({ options: { name: { type: 'string' }, scope: { type: 'string', multiple: true } } });
  const scopes = (values.scope ?? []) as ApiKeyScope[];
  const unknown = scopes.filter((s) => !(API_KEY_SCOPES as readonly string[]).includes(s));
  if (!values.name || !scopes.length || unknown.length) {
    console.error(`Usage: apikey --name <name> --scope <scope> [--scope …]\nScopes: ${API_KEY_SCOPES.join(', ')}${unknown.length ? `\nUnknown: ${unknown.join(', ')}` : ''}`);
    process.exit(2);
  }
  const config = loadConfig();
  const db = await resolveDatabase(config, () => {});
  const ds = await openDatabase(db.url, { poolSize: 1 });
  try {
    const key = await ds.transaction((em) => createServices({ config, ds, clock: systemClock, logger: createLogger('warn') }).apiKeys.create(em, { name: values.name!, scopes }));
    process.stdout.write(`API key for “${values.name}” (${scopes.join(', ')}). It is shown only now:\n\n  ${key.key}\n\n`);
  } finally {
    await ds.destroy();
    await db.stop();
  }
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
