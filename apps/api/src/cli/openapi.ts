import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { createServices, openApiDocument } from '../app';
import { loadConfig } from '../config';
import { systemClock } from '../platform/clock';

/**
 * Prints the published OpenAPI document (no dev-only routes) without a database: the route table only
 * needs the services' shapes. `packages/client` generates its types from this (`pnpm --filter @cabinet/client generate`).
 */
export function publishedDocument(): Record<string, unknown> {
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'openapi-document-only-openapi-document-only', DEV_INBOX: '0', LOG_LEVEL: 'silent', SERVE_WEB: '0' });
  const deps = { config, ds: {} as DataSource, clock: systemClock };
  return openApiDocument(deps, createServices(deps));
}

if (require.main === module) process.stdout.write(`${JSON.stringify(publishedDocument(), null, 2)}\n`);
