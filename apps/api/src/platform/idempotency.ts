import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Clock } from './clock';

const TTL_MS = 24 * 3600_000;
/** An `in_progress` record older than this belongs to a request that died; it may be taken over. */
const STALE_MS = 5 * 60_000;

export type Claim =
  | { state: 'new' }
  | { state: 'replay'; status: number; body: unknown }
  | { state: 'mismatch' }
  | { state: 'in_progress' };

/** JSON with object keys sorted, so the same parameters hash alike whatever their order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path} ${canonical(body ?? null)}`).digest('hex');
}

/**
 * Stripe semantics: the first response to a key (errors included) is kept for 24 hours and replayed;
 * the same key with other parameters is refused; a key whose request is still running is refused too.
 * Records live in PostgreSQL, so every node sees them.
 */
export class IdempotencyStore {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async claim(scope: string, key: string, route: string, hash: string): Promise<Claim> {
    const now = this.clock.now();
    for (let attempt = 0; attempt < 2; attempt++) {
      const inserted = await this.ds.query(
        `INSERT INTO idempotency_keys (scope, key, route, request_hash, status, created_at, expires_at)
         VALUES ($1, $2, $3, $4, 'in_progress', $5, $6) ON CONFLICT (scope, key) DO NOTHING RETURNING 1`,
        [scope, key, route, hash, now, new Date(now.getTime() + TTL_MS)],
      );
      if (inserted.length) return { state: 'new' };
      const [row] = await this.ds.query(
        'SELECT route, request_hash, status, response_status, response_body, created_at, expires_at FROM idempotency_keys WHERE scope = $1 AND key = $2',
        [scope, key],
      );
      if (!row) continue; // purged between the two statements
      const expired = row.expires_at <= now;
      const stale = row.status === 'in_progress' && now.getTime() - row.created_at.getTime() > STALE_MS;
      if (expired || stale) {
        await this.ds.query('DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND created_at = $3', [scope, key, row.created_at]);
        continue;
      }
      if (row.route !== route || row.request_hash !== hash) return { state: 'mismatch' };
      if (row.status === 'in_progress') return { state: 'in_progress' };
      return { state: 'replay', status: row.response_status, body: row.response_body };
    }
    return { state: 'in_progress' };
  }

  async complete(scope: string, key: string, status: number, body: unknown): Promise<void> {
    await this.ds.query(
      `UPDATE idempotency_keys SET status = 'done', response_status = $3, response_body = $4 WHERE scope = $1 AND key = $2`,
      [scope, key, status, body === undefined ? null : JSON.stringify(body)],
    );
  }

  /** The request failed on our side: forget the key, so a retry runs it again. */
  async release(scope: string, key: string): Promise<void> {
    await this.ds.query(`DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND status = 'in_progress'`, [scope, key]);
  }

  async purgeExpired(): Promise<number> {
    const [, n] = await this.ds.query('DELETE FROM idempotency_keys WHERE expires_at <= $1', [this.clock.now()]);
    return n;
  }
}
