import { rateLimit, type Store, type Options, type IncrementResponse } from 'express-rate-limit';
import type { Request, RequestHandler } from 'express';
import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from './clock';
import { AppError } from './errors';
import { prepared } from '../db/prepared';

/**
 * Fixed-window counters in PostgreSQL, so every API node and worker shares them (DESIGN §7).
 * One upsert per hit.
 */
export class RateCounter {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Counts a hit; inside a transaction pass its `em` (the count then stands or falls with it). */
  async hit(key: string, windowMs: number, em: Pick<EntityManager, 'query'> = this.ds): Promise<{ hits: number; resetAt: Date }> {
    const now = this.clock.now();
    const [row] = await em.query(HIT, [key, now, new Date(now.getTime() + windowMs)]);
    return { hits: row.hits, resetAt: new Date(row.reset_at) };
  }

  async undo(key: string): Promise<void> {
    await this.ds.query('UPDATE rate_limit_hits SET hits = GREATEST(hits - 1, 0) WHERE key = $1', [key]);
  }

  async reset(key: string): Promise<void> {
    await this.ds.query('DELETE FROM rate_limit_hits WHERE key = $1', [key]);
  }

  /** Seconds until `resetAt`, at least 1. */
  retryAfter(resetAt: Date): number {
    return Math.max(1, Math.ceil((resetAt.getTime() - this.clock.now().getTime()) / 1000));
  }

  /** express-rate-limit middleware (RateLimit-* headers, 429 problem with Retry-After) on this store. */
  middleware(opts: { name: string; limit: number; windowMs: number; key?: (req: Request) => string }): RequestHandler {
    let windowMs = opts.windowMs;
    const store: Store = {
      prefix: `${opts.name}:`,
      localKeys: false,
      init(o: Options) {
        windowMs = o.windowMs;
      },
      increment: async (key: string): Promise<IncrementResponse> => {
        const r = await this.hit(`${opts.name}:${key}`, windowMs);
        return { totalHits: r.hits, resetTime: r.resetAt };
      },
      decrement: (key: string) => this.undo(`${opts.name}:${key}`),
      resetKey: (key: string) => this.reset(`${opts.name}:${key}`),
    };
    return rateLimit({
      windowMs: opts.windowMs,
      limit: opts.limit,
      standardHeaders: 'draft-6',
      legacyHeaders: false,
      store,
      ...(opts.key ? { keyGenerator: opts.key } : {}),
      handler: (req, _res, next) => {
        const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
        const retryAfter = resetTime ? this.retryAfter(resetTime) : Math.ceil(windowMs / 1000);
        next(
          new AppError('rate_limited', 429, `Too many requests; try again in ${retryAfter} s.`, { retryAfter }, {
            'Retry-After': String(retryAfter),
          }),
        );
      },
    });
  }
}

/** One hit, the window renewed when it ran out (every rate-limited request makes it: prepared). */
const HIT = prepared(
  'rate.hit',
  `INSERT INTO rate_limit_hits (key, hits, reset_at) VALUES ($1, 1, $3)
     ON CONFLICT (key) DO UPDATE SET
       hits = CASE WHEN rate_limit_hits.reset_at <= $2 THEN 1 ELSE rate_limit_hits.hits + 1 END,
       reset_at = CASE WHEN rate_limit_hits.reset_at <= $2 THEN $3 ELSE rate_limit_hits.reset_at END
     RETURNING hits, reset_at`,
);
