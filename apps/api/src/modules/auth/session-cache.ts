import type { ChangeFeed } from '../../platform/change-feed';
import type { AuthContext } from '../../platform/routes';

/** What the guard of every request reads about a session and its customer. */
export interface SessionFacts {
  customerId: string;
  role: AuthContext['role'];
  status: string;
  mustChangePassword: boolean;
  lastSeenAt: Date;
  expiresAt: Date;
}

/**
 * The session check of every request, kept in memory for a few seconds (issue 11: a read then costs its own
 * query, not one more for the session). Correct across processes because the change feed drops an entry the
 * moment its session or customer changes in the database, whoever changed it; served only while the feed is
 * live. `ttlMs` bounds the rest (the idle clock: another node may have seen the session more recently).
 *
 * A read racing a change cannot put a stale entry back: `begin()` takes the change counter before the query,
 * and `put` stores nothing if any change arrived meanwhile.
 */
export class SessionCache {
  private readonly entries = new Map<string, { facts: SessionFacts; at: number }>();
  private changes = 0;

  constructor(
    private readonly feed: ChangeFeed | null,
    private readonly ttlMs: number,
    private readonly maxEntries = 100_000,
  ) {
    feed?.subscribe('session', (id) => this.forget(id), () => this.clear());
    feed?.subscribe(
      'customer',
      (customerId) => {
        this.changes++;
        for (const [id, e] of this.entries) if (e.facts.customerId === customerId) this.entries.delete(id);
      },
      () => this.clear(),
    );
  }

  get enabled(): boolean {
    return this.ttlMs > 0 && this.feed !== null;
  }

  get(sessionId: string, nowMs: number): SessionFacts | null {
    if (!this.enabled || !this.feed!.live) {
      if (this.enabled) void this.feed!.start();
      return null;
    }
    const e = this.entries.get(sessionId);
    if (!e) return null;
    if (nowMs - e.at >= this.ttlMs || nowMs < e.at) {
      this.entries.delete(sessionId);
      return null;
    }
    return e.facts;
  }

  /** The change counter to hand to `put` after reading the database. */
  begin(): number {
    return this.changes;
  }

  put(sessionId: string, facts: SessionFacts, nowMs: number, since: number): void {
    if (!this.enabled || !this.feed!.live || since !== this.changes) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.delete(sessionId);
    this.entries.set(sessionId, { facts, at: nowMs });
  }

  /** After this process wrote last_seen_at: later requests judge idleness from the new time. */
  touched(sessionId: string, at: Date): void {
    const e = this.entries.get(sessionId);
    if (e) e.facts = { ...e.facts, lastSeenAt: at };
  }

  forget(sessionId: string): void {
    this.changes++;
    this.entries.delete(sessionId);
  }

  clear(): void {
    this.changes++;
    this.entries.clear();
  }
}
