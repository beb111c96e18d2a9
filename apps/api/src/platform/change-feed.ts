import { Client } from 'pg';
import type { Logger } from 'pino';

const CHANNEL = 'cabinet_changes';

/**
 * One LISTEN connection per process on `cabinet_changes`, which database triggers notify on commit (migration
 * ChangeFeed1765750000000): `session:<id>`, `customer:<id>`. Caches subscribe by kind and drop what changed.
 *
 * A cache may serve from memory only while the feed is `live`: listening now, with nothing missed since it
 * started to. When the connection drops, every subscriber's `reset` runs (whatever was cached may have changed
 * unseen) and `live` stays false until the feed is listening again, so reads go to the database meanwhile.
 */
export class ChangeFeed {
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;
  private retry: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly subscribers: { kind: string; changed: (id: string) => void; reset: () => void }[] = [];

  constructor(
    private readonly url: string | null,
    private readonly logger?: Logger,
  ) {}

  get live(): boolean {
    return this.client !== null;
  }

  /** `changed(id)` on every notification of this kind; `reset()` when notifications may have been missed. */
  subscribe(kind: string, changed: (id: string) => void, reset: () => void): void {
    this.subscribers.push({ kind, changed, reset });
  }

  /** Starts listening (again); resolves once listening or failed. Never throws: a cache just stays off. */
  start(): Promise<void> {
    if (this.client || this.closed || !this.url) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.url!, application_name: 'cabinet-change-feed' });
    client.on('notification', (n) => {
      const payload = n.payload ?? '';
      const at = payload.indexOf(':');
      const kind = payload.slice(0, at);
      const id = payload.slice(at + 1);
      for (const s of this.subscribers) if (s.kind === kind) s.changed(id);
    });
    client.on('error', (err) => {
      this.logger?.warn({ err }, 'change feed: LISTEN connection lost');
      this.drop(client);
    });
    client.on('end', () => this.drop(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      this.logger?.warn({ err }, 'change feed: cannot LISTEN; caches stay off until it can');
      client.end().catch(() => {});
      this.later();
      return;
    }
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    // Caches were filled while not listening (or never): what they hold may be stale, start clean.
    for (const s of this.subscribers) s.reset();
    this.client = client;
  }

  private drop(client: Client): void {
    if (this.client !== client) return;
    this.client = null;
    for (const s of this.subscribers) s.reset();
    client.end().catch(() => {});
    this.later();
  }

  private later(): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.start();
    }, 1000);
    this.retry.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    await this.connecting;
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => {});
  }
}

/**
 * A per-process cache whose entries the change feed ends: served only while the feed is live, each entry at most
 * `ttlMs` old. A read racing a change cannot put a stale entry back: `begin()` takes the change counter before
 * the database is read, and `put` stores nothing if any change (or reset) arrived meanwhile.
 */
export class FeedCache<V> {
  private readonly entries = new Map<string, { value: V; at: number }>();
  private changes = 0;

  constructor(
    private readonly feed: ChangeFeed | null,
    private readonly ttlMs: number,
    private readonly maxEntries = 100_000,
  ) {}

  get enabled(): boolean {
    return this.ttlMs > 0 && this.feed !== null;
  }

  /** Drops the entry `key` on each `kind:<key>` notification; everything on a reset. */
  follows(kind: string, onChange: (id: string) => void = (id) => this.forget(id)): this {
    this.feed?.subscribe(kind, onChange, () => this.clear());
    return this;
  }

  get(key: string, nowMs: number): V | null {
    if (!this.enabled) return null;
    if (!this.feed!.live) {
      void this.feed!.start();
      return null;
    }
    const e = this.entries.get(key);
    if (!e) return null;
    if (nowMs - e.at >= this.ttlMs || nowMs < e.at) {
      this.entries.delete(key);
      return null;
    }
    return e.value;
  }

  /** The change counter to hand to `put` after reading the database. */
  begin(): number {
    return this.changes;
  }

  put(key: string, value: V, nowMs: number, since: number): void {
    if (!this.enabled || !this.feed!.live || since !== this.changes) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.delete(key);
    this.entries.set(key, { value, at: nowMs });
  }

  /** Changes a cached value in place (what this process itself just wrote), keeping its age. */
  update(key: string, change: (v: V) => V): void {
    const e = this.entries.get(key);
    if (e) e.value = change(e.value);
  }

  forget(key: string): void {
    this.changes++;
    this.entries.delete(key);
  }

  forgetWhere(test: (v: V) => boolean): void {
    this.changes++;
    for (const [k, e] of this.entries) if (test(e.value)) this.entries.delete(k);
  }

  clear(): void {
    this.changes++;
    this.entries.clear();
  }
}
