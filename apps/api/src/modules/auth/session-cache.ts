import { FeedCache, type ChangeFeed } from '../../platform/change-feed';
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
 * moment its session or customer changes in the database, whoever changed it (triggers: migration
 * ChangeFeed1765750000000). `ttlMs` bounds the rest (the idle clock: another node may have seen the session
 * more recently, so an entry that looks idle is read again before anything is decided).
 */
export function sessionCache(feed: ChangeFeed | null, ttlMs: number): FeedCache<SessionFacts> {
  const cache = new FeedCache<SessionFacts>(feed, ttlMs);
  return cache.follows('session').follows('customer', (customerId) => cache.forgetWhere((f) => f.customerId === customerId));
}
