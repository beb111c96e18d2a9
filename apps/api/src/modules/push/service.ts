import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { PushEvents, type PushConfigView, type PushEvent, type PushPayload, type PushSubscriptionRequest, type PushSubscriptionView } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import type { EventNotification, NotificationFanOut } from '../notifications';
import type { PushSender } from './sender';

interface SubscriptionRow {
  id: string;
  endpoint: string;
  user_agent: string | null;
  created_at: Date;
  last_success_at: Date | null;
}

interface DeliveryRow {
  id: string;
  attempts: number;
  payload: PushPayload;
  subscription_id: string | null;
  endpoint: string | null;
  p256dh: string | null;
  auth: string | null;
}

/** How long a claimed delivery is left to its sender before another may send it. */
const PUSH_LEASE_MS = 60_000;

const toView = (r: SubscriptionRow): PushSubscriptionView => ({
  id: r.id,
  endpoint: r.endpoint,
  userAgent: r.user_agent,
  createdAt: r.created_at.toISOString(),
  lastSuccessAt: r.last_success_at?.toISOString() ?? null,
});

/** Seconds before attempt n + 1: 30 s, 1 min, 2 min, 4 min… at most an hour. */
export const pushBackoffSeconds = (attempts: number) => Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));

/**
 * Web Push: the subscriber's browsers (subscriptions) and one delivery row per event per browser,
 * written in the transaction of the event (through the notifications module's send path) and handed to
 * the push service after commit. A 404/410 answer means the browser dropped the subscription: it is
 * removed. 429, 5xx and network errors are retried with backoff up to the limit; other 4xx fail at once.
 */
export class PushService implements NotificationFanOut {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: { sender: PushSender | null; publicKey: string | null; maxAttempts: number; allowHttp: boolean },
  ) {}

  config(): PushConfigView {
    return { publicKey: this.deps.sender ? this.deps.publicKey : null, events: [...PushEvents] };
  }

  async subscribe(customerId: string, input: PushSubscriptionRequest, userAgent: string | null): Promise<PushSubscriptionView> {
    if (!this.deps.sender) throw new AppError('push_unavailable', 503, 'Push notifications are not configured on this server.');
    const url = parseEndpoint(input.endpoint, this.deps.allowHttp);
    const p256dh = Buffer.from(input.keys.p256dh, 'base64url');
    if (p256dh.length !== 65 || p256dh[0] !== 4) throw AppError.validation([{ field: 'keys.p256dh', code: 'isP256Key', message: 'keys.p256dh must be an uncompressed P-256 public key (65 bytes, base64url)' }]);
    if (Buffer.from(input.keys.auth, 'base64url').length !== 16) throw AppError.validation([{ field: 'keys.auth', code: 'isAuthSecret', message: 'keys.auth must be 16 bytes, base64url' }]);
    const now = this.clock.now();
    return this.ds.transaction(async (em) => {
      // The same browser signed in by someone else: the subscription moves to whoever subscribed last.
      const [row]: SubscriptionRow[] = await em.query(
        `INSERT INTO push_subscriptions (id, customer_id, endpoint, p256dh, auth, user_agent, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (endpoint) DO UPDATE SET customer_id = EXCLUDED.customer_id, p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth, user_agent = EXCLUDED.user_agent,
           created_at = CASE WHEN push_subscriptions.customer_id = EXCLUDED.customer_id THEN push_subscriptions.created_at ELSE EXCLUDED.created_at END
         RETURNING id, endpoint, user_agent, created_at, last_success_at`,
        [randomUUID(), customerId, url, input.keys.p256dh, input.keys.auth, userAgent?.slice(0, 300) ?? null, now],
      );
      return toView(row);
    });
  }

  async list(customerId: string): Promise<{ items: PushSubscriptionView[] }> {
    const rows: SubscriptionRow[] = await this.ds.query(
      'SELECT id, endpoint, user_agent, created_at, last_success_at FROM push_subscriptions WHERE customer_id = $1 ORDER BY created_at DESC, id DESC LIMIT 50',
      [customerId],
    );
    return { items: rows.map(toView) };
  }

  async unsubscribe(customerId: string, id: string): Promise<void> {
    const [rows]: [{ id: string }[], number] = await this.ds.query('DELETE FROM push_subscriptions WHERE id = $1 AND customer_id = $2 RETURNING id', [id, customerId]);
    if (!rows.length) throw AppError.notFound('The subscription');
  }

  /** The browser unsubscribed itself: forget its endpoint (only the owner's). */
  async unsubscribeEndpoint(customerId: string, endpoint: string): Promise<void> {
    await this.ds.query('DELETE FROM push_subscriptions WHERE endpoint = $1 AND customer_id = $2', [endpoint, customerId]);
  }

  // ——— the fan-out of the notifications module ———

  async enqueue(em: EntityManager, n: EventNotification, sourceId: string): Promise<void> {
    if (!this.deps.sender || !(PushEvents as readonly string[]).includes(n.event)) return;
    const payload: PushPayload = { event: n.event as PushEvent, title: n.title || 'Личный кабинет', body: n.body, url: n.url ?? '/' };
    const now = this.clock.now();
    await em.query(
      `INSERT INTO push_deliveries (id, subscription_id, customer_id, source_id, event, payload, status, attempts, next_attempt_at, created_at)
       SELECT gen_random_uuid(), s.id, s.customer_id, $2, $3, $4::jsonb, 'pending', 0, $5, $5 FROM push_subscriptions s WHERE s.customer_id = $1`,
      [n.customerId, sourceId, n.event, JSON.stringify(payload), now],
    );
  }

  /** Right after the event's transaction committed. */
  async deliver(sourceIds: string[]): Promise<void> {
    if (!sourceIds.length || !this.deps.sender) return;
    const rows: { id: string }[] = await this.ds.query(`SELECT id FROM push_deliveries WHERE source_id = ANY($1::uuid[]) AND status = 'pending' ORDER BY created_at, id`, [sourceIds]);
    for (const r of rows) await this.deliverOne(r.id);
  }

  /** The job: pending deliveries whose time has come (retries, and those a crash left behind). */
  async deliverDue(limit = 200): Promise<{ delivered: number }> {
    if (!this.deps.sender) return { delivered: 0 };
    const rows: { id: string }[] = await this.ds.query(`SELECT id FROM push_deliveries WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $2`, [this.clock.now(), limit]);
    for (const r of rows) await this.deliverOne(r.id);
    return { delivered: rows.length };
  }

  /**
   * One delivery: claimed by a short statement that leases it for a minute (SKIP LOCKED), sent with no
   * transaction open — a slow push service must not hold pool connections (a burst of payments would hold
   * them all) — then its outcome written. A process that dies mid-send leaves the lease to run out.
   */
  private async deliverOne(id: string): Promise<void> {
    const sender = this.deps.sender as PushSender;
    const claimedAt = this.clock.now();
    const [claimed]: [Pick<DeliveryRow, 'id' | 'attempts' | 'payload' | 'subscription_id'>[], number] = await this.ds.query(
      `UPDATE push_deliveries SET next_attempt_at = $3
        WHERE id = (SELECT id FROM push_deliveries WHERE id = $1 AND status = 'pending' AND next_attempt_at <= $2 FOR UPDATE SKIP LOCKED)
        RETURNING id, attempts, payload, subscription_id`,
      [id, claimedAt, new Date(claimedAt.getTime() + PUSH_LEASE_MS)],
    );
    const row = claimed[0];
    if (!row) return;
    const [sub]: Pick<DeliveryRow, 'endpoint' | 'p256dh' | 'auth'>[] = row.subscription_id
      ? await this.ds.query('SELECT endpoint, p256dh, auth FROM push_subscriptions WHERE id = $1', [row.subscription_id])
      : [];
    const d = { ...row, endpoint: sub?.endpoint ?? null, p256dh: sub?.p256dh ?? null, auth: sub?.auth ?? null };
    if (!d.subscription_id || !d.endpoint) {
      await this.ds.query(`UPDATE push_deliveries SET status = 'gone', last_error = 'the subscription was removed' WHERE id = $1`, [id]);
      return;
    }
    const urgency = d.payload.event === 'support.reply' ? 'high' : 'normal';
    const answer = await sender
      .send({ endpoint: d.endpoint, keys: { p256dh: d.p256dh as string, auth: d.auth as string } }, JSON.stringify(d.payload), { ttlSeconds: 24 * 3600, urgency })
      .catch((err: Error) => ({ status: 0, error: String(err?.message ?? err), retryAfterSeconds: undefined }));
    const now = this.clock.now();
    const attempts = d.attempts + 1;
    await this.ds.transaction(async (em) => {
      if (answer.status >= 200 && answer.status < 300) {
        await em.query(`UPDATE push_deliveries SET status = 'sent', attempts = $2, sent_at = $3, last_error = NULL WHERE id = $1`, [id, attempts, now]);
        await em.query('UPDATE push_subscriptions SET last_success_at = $2 WHERE id = $1', [d.subscription_id, now]);
      } else if (answer.status === 404 || answer.status === 410) {
        await em.query(`UPDATE push_deliveries SET status = 'gone', attempts = $2, last_error = $3 WHERE id = $1`, [id, attempts, `${answer.status} ${answer.error ?? ''}`.trim()]);
        await em.query(`UPDATE push_deliveries SET status = 'gone', last_error = 'the subscription expired' WHERE subscription_id = $1 AND status = 'pending' AND id <> $2`, [d.subscription_id, id]);
        await em.query('DELETE FROM push_subscriptions WHERE id = $1', [d.subscription_id]);
      } else {
        const retryable = answer.status === 0 || answer.status === 429 || answer.status >= 500;
        const error = `${answer.status || 'network'} ${answer.error ?? ''}`.trim().slice(0, 500);
        if (retryable && attempts < this.deps.maxAttempts) {
          const wait = Math.max(pushBackoffSeconds(attempts), Math.min(answer.retryAfterSeconds ?? 0, 3600));
          await em.query('UPDATE push_deliveries SET attempts = $2, next_attempt_at = $3, last_error = $4 WHERE id = $1', [id, attempts, new Date(now.getTime() + wait * 1000), error]);
        } else {
          await em.query(`UPDATE push_deliveries SET status = 'failed', attempts = $2, last_error = $3 WHERE id = $1`, [id, attempts, error]);
        }
      }
    });
  }
}

function parseEndpoint(endpoint: string, allowHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw AppError.validation([{ field: 'endpoint', code: 'isUrl', message: 'endpoint must be the URL the browser gave (PushSubscription.endpoint)' }]);
  }
  if (url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:')) {
    throw AppError.validation([{ field: 'endpoint', code: 'isHttps', message: 'endpoint must be an https URL' }]);
  }
  if (url.username || url.password) throw AppError.validation([{ field: 'endpoint', code: 'isUrl', message: 'endpoint must not carry credentials' }]);
  return url.toString();
}
