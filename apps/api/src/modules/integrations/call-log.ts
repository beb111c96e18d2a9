import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import type { ApiKeyCallView, ApiKeyUsageView, Page } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { decodeCursor, encodeCursor } from '../../platform/pagination';

interface Call {
  keyId: string;
  at: Date;
  method: string;
  route: string;
  status: number;
  latencyMs: number;
  ip: string | null;
}

/** Flush when this many calls wait, or this long after the first one came. */
const FLUSH_AT = 200;
const FLUSH_AFTER_MS = 1000;

/**
 * The per-key call log (time, route, status, latency), kept cheap on the hot path: a call is noted in
 * memory when its answer has gone out, and the notes go to PostgreSQL in one statement per batch (at most
 * a second later) together with the daily usage counters and the keys' `last_used_at`. A node that dies
 * loses at most its last second of notes — a log, not a ledger. Nothing here is needed by another node.
 */
export class ApiCallLog {
  private buffer: Call[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Notes the call when its answer is finished. `startedAt` is `performance.now()` at the request's arrival. */
  track(res: Response, call: { keyId: string; method: string; route: string; ip: string | null; startedAt: number }): void {
    const at = this.clock.now();
    res.once('finish', () => {
      this.buffer.push({
        keyId: call.keyId,
        at,
        method: call.method,
        route: call.route,
        status: res.statusCode,
        latencyMs: Math.max(0, Math.round(performance.now() - call.startedAt)),
        ip: call.ip,
      });
      if (this.buffer.length >= FLUSH_AT) void this.flush();
      else if (!this.timer && !this.closed) {
        this.timer = setTimeout(() => void this.flush(), FLUSH_AFTER_MS);
        this.timer.unref();
      }
    });
  }

  /** Writes what is noted. Tests call it before reading the log; the app calls it on shutdown. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.buffer;
    this.buffer = [];
    const previous = this.flushing;
    this.flushing = previous.then(() => (batch.length ? this.write(batch) : undefined)).catch(() => undefined);
    await this.flushing;
  }

  /** Stops the timer (the data source is closing). */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private async write(batch: Call[]): Promise<void> {
    if (!this.ds.isInitialized) return;
    await this.ds.query(
      `WITH c AS (
         SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::int[], $6::int[], $7::text[])
           AS c(api_key_id, at, method, route, status, latency_ms, ip)
       ), ins AS (
         INSERT INTO api_key_calls (api_key_id, at, method, route, status, latency_ms, ip)
         SELECT api_key_id, at, method, route, status, latency_ms, ip FROM c
       ), usage AS (
         INSERT INTO api_key_usage_daily AS u (api_key_id, day, route, calls, errors, latency_ms_total)
         SELECT api_key_id, (at AT TIME ZONE 'UTC')::date, method || ' ' || route, count(*), count(*) FILTER (WHERE status >= 400), sum(latency_ms)
           FROM c GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
         ON CONFLICT (api_key_id, day, route) DO UPDATE
           SET calls = u.calls + excluded.calls, errors = u.errors + excluded.errors, latency_ms_total = u.latency_ms_total + excluded.latency_ms_total
       )
       UPDATE api_keys k SET last_used_at = greatest(k.last_used_at, l.at)
         FROM (SELECT api_key_id, max(at) AS at FROM c GROUP BY 1 ORDER BY 1) l WHERE k.id = l.api_key_id`,
      [
        batch.map((c) => c.keyId),
        batch.map((c) => c.at),
        batch.map((c) => c.method),
        batch.map((c) => c.route),
        batch.map((c) => c.status),
        batch.map((c) => c.latencyMs),
        batch.map((c) => c.ip),
      ],
    );
  }

  /** Newest first, keyset pages. */
  async calls(keyId: string, q: { limit: number; cursor?: string }): Promise<Page<ApiKeyCallView>> {
    const after = decodeCursor(q.cursor);
    const rows: { id: string; at: Date; method: string; route: string; status: number; latency_ms: number; ip: string | null }[] = await this.ds.query(
      `SELECT id, at, method, route, status, latency_ms, ip FROM api_key_calls WHERE api_key_id = $1
         ${after ? 'AND (at, id) < ($3::timestamptz, $4::bigint)' : ''}
       ORDER BY at DESC, id DESC LIMIT $2`,
      after ? [keyId, q.limit + 1, after.at, after.id] : [keyId, q.limit + 1],
    );
    const more = rows.length > q.limit;
    const items = rows.slice(0, q.limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => ({ at: r.at.toISOString(), method: r.method, route: r.route, status: r.status, latencyMs: r.latency_ms, ip: r.ip })),
      nextCursor: more && last ? encodeCursor({ at: last.at.toISOString(), id: String(last.id) }) : null,
    };
  }

  /** Calls per day and route, `from`–`to` inclusive (UTC days). */
  async usage(keyId: string, from: string, to: string): Promise<ApiKeyUsageView> {
    const rows: { day: string; route: string; calls: number; errors: number; latency_ms_total: string }[] = await this.ds.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, route, calls, errors, latency_ms_total FROM api_key_usage_daily
        WHERE api_key_id = $1 AND day BETWEEN $2::date AND $3::date ORDER BY day DESC, route`,
      [keyId, from, to],
    );
    return {
      keyId,
      from,
      to,
      totalCalls: rows.reduce((s, r) => s + r.calls, 0),
      totalErrors: rows.reduce((s, r) => s + r.errors, 0),
      rows: rows.map((r) => ({ day: r.day, route: r.route, calls: r.calls, errors: r.errors, avgLatencyMs: r.calls ? Math.round(Number(r.latency_ms_total) / r.calls) : 0 })),
    };
  }

  /** Forgets calls older than `days` (the usage counters stay). A job. */
  async purge(days = 90): Promise<number> {
    const [, n] = await this.ds.query('DELETE FROM api_key_calls WHERE at < $1', [new Date(this.clock.now().getTime() - days * 86_400_000)]);
    return n;
  }
}
