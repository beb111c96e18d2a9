import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  NotificationChannel,
  NotificationPreferenceChange,
  NotificationPreferenceView,
  NotificationView,
  OutboxAttachmentView,
  OutboxMessageView,
  Page,
  PreferenceChannel,
} from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { decodeCursor, toPage } from '../../platform/pagination';
import { OutboxMessage } from './entities/outbox-message.entity';
import { NotificationEventRegistry } from './events';
import { TransportError, type Attachment, type MailTransport, type SmsTransport } from './transports';

export interface NotificationInput {
  channel: NotificationChannel;
  to: string;
  subject?: string;
  body: string;
  customerId?: string | null;
  /** E-mail only: files sent with it (kept in `notification_attachments`). */
  attachments?: Attachment[];
  /** E-mail only: extra headers (List-Unsubscribe…). */
  headers?: Record<string, string>;
  /**
   * The event type it announces, kept on the outbox row (preferences are applied by `notify`, not here).
   * With a customer, it also fans out to the other channels that listen (Web Push), in the same transaction.
   */
  event?: string;
  /** A short title for those channels (default: the subject). */
  title?: string;
  /** Where a click on a push notification leads (a path of the cabinet). */
  url?: string;
}

/** An event for a customer's devices, with or without an SMS or e-mail beside it. */
export interface EventNotification {
  customerId: string;
  event: string;
  title: string;
  body: string;
  url?: string;
}

/**
 * Another channel fed by the same send path (Web Push): it writes its own rows in the caller's
 * transaction, keyed by the source id, and delivers them when `deliver` is called with that id.
 */
export interface NotificationFanOut {
  enqueue(em: EntityManager, n: EventNotification, sourceId: string): Promise<void>;
  deliver(sourceIds: string[]): Promise<void>;
}

/**
 * An event told to a customer on every channel they keep on for it: `notify` checks the preferences,
 * writes the notification-centre entry (in_app) and the SMS and e-mail outbox rows.
 */
export interface EventNotice {
  /** A registered event type (`balance.low`…). */
  event: string;
  /** Null: somebody who is not a customer (an anonymous applicant): no preferences, no centre, only the addresses given. */
  customerId: string | null;
  /** The centre's title and the e-mail's subject. */
  title: string;
  /** The text of the centre entry, the SMS and the e-mail. */
  body: string;
  /** Another SMS text (shorter) if the centre's is too long for one. */
  smsBody?: string;
  /** A cabinet page about it, shown in the centre. */
  link?: string | null;
  /** The phone for the SMS (omit: no SMS). */
  sms?: string | null;
  /** The address for the e-mail (omit: no e-mail). */
  email?: string | null;
}

export interface DeliveryOptions {
  /** Tries per message before it is marked failed. */
  maxAttempts: number;
  /** The first retry waits this long; each next one twice as long. */
  retryBaseSeconds: number;
}

/**
 * How long a claimed message is left to its sender before the job may take it again: longer than any
 * transport's own timeout (the SMS gateway's 10 s, SMTP's 15 s per phase).
 */
const DELIVERY_LEASE_MS = 120_000;

interface ClaimedRow {
  id: string;
  channel: NotificationChannel;
  recipient: string;
  subject: string | null;
  body: string;
  headers: Record<string, string> | null;
  attempts: number;
}

interface CentreRow {
  id: string;
  event_type: string;
  title: string;
  body: string;
  link: string | null;
  created_at: Date;
  read_at: Date | null;
}

interface AttachmentMetaRow {
  id: string;
  message_id: string;
  filename: string;
  content_type: string;
  size: number;
}

/**
 * The outbox: a message is written in the caller's transaction (so it exists only if the change it
 * announces committed), then handed to the transport after commit by `deliver`.
 */
/**
 * Marks an id `event` and `notify` return for the customer's devices alone (the notification centre's entry): no
 * outbox row has it, so `deliver` hands it to the fan-outs (Web Push) and spends no outbox claim on it.
 */
const DEVICES_ONLY = 'devices:';

export class NotificationsService {
  /** Event types and their defaults; modules add theirs (`notifications.events.register({...})`). */
  readonly events = new NotificationEventRegistry();
  private readonly delivery: DeliveryOptions;

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly sms: SmsTransport,
    private readonly mail: MailTransport,
    delivery: Partial<DeliveryOptions> = {},
  ) {
    this.delivery = { maxAttempts: delivery.maxAttempts ?? 5, retryBaseSeconds: delivery.retryBaseSeconds ?? 30 };
  }

  /**
   * Tells a customer about an event on the channels their preferences keep on (security events: always).
   * In the caller's transaction; returns the outbox ids to `deliver` after commit (a muted channel writes no row).
   */
  private readonly fanOuts: NotificationFanOut[] = [];
  /** A channel that receives every event notification (app.ts adds Web Push). */
  addFanOut(f: NotificationFanOut): void {
    this.fanOuts.push(f);
  }

  /** An event for the customer's devices only (no SMS or e-mail); returns the id to pass to `deliver`. */
  async event(em: EntityManager, n: EventNotification): Promise<string> {
    const id = randomUUID();
    for (const f of this.fanOuts) await f.enqueue(em, n, id);
    return DEVICES_ONLY + id;
  }

  async notify(em: EntityManager, n: EventNotice): Promise<string[]> {
    const type = this.events.get(n.event);
    if (!type) throw new Error(`Unknown notification event type: ${n.event} (register it first)`);
    let enabled: Record<PreferenceChannel, boolean> = { ...type.defaults };
    if (n.customerId && !type.security) {
      const rows: { channel: PreferenceChannel; enabled: boolean }[] = await em.query(
        'SELECT channel, enabled FROM notification_preferences WHERE customer_id = $1 AND event_type = $2',
        [n.customerId, n.event],
      );
      for (const r of rows) enabled[r.channel] = r.enabled;
    }
    if (!n.customerId) enabled = { sms: true, email: true, in_app: false };
    const ids: string[] = [];
    if (n.customerId && enabled.in_app) {
      const centreId = randomUUID();
      await em.query(
        'INSERT INTO customer_notifications (id, customer_id, event_type, title, body, link, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [centreId, n.customerId, n.event, n.title.slice(0, 200), n.body, n.link ?? null, this.clock.now()],
      );
      // The in-app channel includes the subscriber's browsers (Web Push), once per event.
      if (this.fanOuts.length) {
        const e: EventNotification = { customerId: n.customerId, event: n.event, title: n.title, body: n.body, url: n.link ?? undefined };
        for (const f of this.fanOuts) await f.enqueue(em, e, centreId);
        ids.push(DEVICES_ONLY + centreId);
      }
    }
    if (n.sms && enabled.sms) ids.push(await this.enqueue(em, { channel: 'sms', to: n.sms, body: n.smsBody ?? n.body, customerId: n.customerId, event: n.event }, { fanOut: false }));
    if (n.email && enabled.email) ids.push(await this.enqueue(em, { channel: 'email', to: n.email, subject: n.title, body: n.body, customerId: n.customerId, event: n.event }, { fanOut: false }));
    return ids;
  }

  /** The notification centre: newest first. */
  async centre(customerId: string, q: { limit: number; cursor?: string; unread?: boolean }): Promise<Page<NotificationView>> {
    const after = decodeCursor(q.cursor);
    const params: unknown[] = [customerId, q.limit + 1];
    let where = 'customer_id = $1';
    if (q.unread) where += ' AND read_at IS NULL';
    if (after) {
      params.push(after.at, after.id);
      where += ` AND (created_at, id) < ($3::timestamptz, $4::uuid)`;
    }
    const rows: CentreRow[] = await this.ds.query(
      `SELECT id, event_type, title, body, link, created_at, read_at FROM customer_notifications WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $2`,
      params,
    );
    return toPage(rows, q.limit, (r) => ({ at: r.created_at.toISOString(), id: r.id }), toNotificationView);
  }

  async unreadCount(customerId: string): Promise<number> {
    const [r] = await this.ds.query('SELECT count(*)::int AS n FROM customer_notifications WHERE customer_id = $1 AND read_at IS NULL', [customerId]);
    return r.n;
  }

  /** Marks one entry read (reading it again keeps the first time). Not the customer's: 404. */
  async markRead(customerId: string, id: string): Promise<void> {
    const rows = await this.ds.query(
      'UPDATE customer_notifications SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND customer_id = $2 RETURNING id',
      [id, customerId, this.clock.now()],
    );
    if (!rows[0]?.length) throw AppError.notFound('The notification');
  }

  async markAllRead(customerId: string): Promise<number> {
    const [, n] = await this.ds.query('UPDATE customer_notifications SET read_at = $2 WHERE customer_id = $1 AND read_at IS NULL', [customerId, this.clock.now()]);
    return n ?? 0;
  }

  /** Every event type with the customer's choice per channel (their own, or the default). */
  async preferences(customerId: string, em: EntityManager = this.ds.manager): Promise<NotificationPreferenceView[]> {
    const rows: { event_type: string; channel: PreferenceChannel; enabled: boolean }[] = await em.query(
      'SELECT event_type, channel, enabled FROM notification_preferences WHERE customer_id = $1',
      [customerId],
    );
    return this.events.all().map((t) => {
      const channels = { ...t.defaults };
      if (!t.security) for (const r of rows.filter((x) => x.event_type === t.type)) channels[r.channel] = r.enabled;
      return { type: t.type, label: t.label, locked: !!t.security, channels };
    });
  }

  /** Changes some switches. A security event cannot be switched off (409 notification_locked); nothing is changed then. */
  async setPreferences(customerId: string, changes: NotificationPreferenceChange[]): Promise<NotificationPreferenceView[]> {
    const errors = changes.flatMap((c, i) => (this.events.get(c.type) ? [] : [{ field: `changes.${i}.type`, code: 'isKnownEvent', message: `Unknown event type ${c.type}` }]));
    if (errors.length) throw AppError.validation(errors);
    const locked = changes.find((c) => this.events.get(c.type)!.security && !c.enabled);
    if (locked) throw new AppError('notification_locked', 409, `${this.events.get(locked.type)!.label}: security notifications cannot be switched off.`);
    return this.ds.transaction(async (em) => {
      for (const c of changes) {
        await em.query(
          `INSERT INTO notification_preferences (customer_id, event_type, channel, enabled, updated_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (customer_id, event_type, channel) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = EXCLUDED.updated_at`,
          [customerId, c.type, c.channel, c.enabled, this.clock.now()],
        );
      }
      return this.preferences(customerId, em);
    });
  }

  /** The job: pending messages whose retry time came (or that nobody handed over, a minute on). Returns how many were tried. */
  async deliverDue(limit = 100): Promise<number> {
    const now = this.clock.now();
    // The last try was claimed and its lease ran out with no outcome (the process stopped while sending).
    await this.ds.query(
      `UPDATE notification_outbox SET status = 'failed', next_attempt_at = NULL,
              error = coalesce(error || ' / ', '') || 'no outcome from the last try (the sender stopped while sending)'
        WHERE status = 'pending' AND attempts >= $2 AND next_attempt_at <= $1`,
      [now, this.delivery.maxAttempts],
    );
    const rows: { id: string }[] = await this.ds.query(
      `SELECT id FROM notification_outbox WHERE status = 'pending'
         AND (next_attempt_at <= $1 OR (next_attempt_at IS NULL AND created_at <= $2))
       ORDER BY COALESCE(next_attempt_at, created_at) LIMIT $3`,
      [now, new Date(now.getTime() - 60_000), limit],
    );
    await this.deliver(rows.map((r) => r.id));
    return rows.length;
  }

  async enqueue(em: EntityManager, input: NotificationInput, opts: { fanOut?: boolean } = {}): Promise<string> {
    const id = randomUUID();
    await em.insert(OutboxMessage, {
      id,
      customerId: input.customerId ?? null,
      channel: input.channel,
      recipient: input.to,
      subject: input.subject ?? null,
      body: input.body,
      status: 'pending',
      attempts: 0,
      createdAt: this.clock.now(),
      sentAt: null,
      error: null,
      eventType: input.event ?? null,
      headers: input.channel === 'email' && input.headers ? input.headers : null,
      nextAttemptAt: null,
    });
    for (const [position, a] of (input.attachments ?? []).entries()) {
      if (input.channel !== 'email') throw new Error('Only an e-mail carries attachments');
      await em.query(
        `INSERT INTO notification_attachments (id, message_id, position, filename, content_type, size, content) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [randomUUID(), id, position, a.filename, a.contentType, a.content.length, a.content],
      );
    }
    if (opts.fanOut !== false && input.event && input.customerId) {
      const n: EventNotification = { customerId: input.customerId, event: input.event, title: input.title ?? input.subject ?? '', body: input.body, url: input.url };
      for (const f of this.fanOuts) await f.enqueue(em, n, id);
    }
    return id;
  }

  /**
   * Hands pending messages to their transport. Safe to call twice: only pending rows are taken, each once.
   * A failure the provider may get over is tried again later (exponential backoff, `maxAttempts` in all);
   * a permanent refusal, or the last try, marks the row failed with the error.
   *
   * No transaction is open while a transport sends. Each message is first claimed by one statement (its try
   * counted, and its next try set a lease ahead, so nobody else takes it meanwhile), then sent, then its outcome
   * written, on the condition that the claim is still this one's. Holding the row locked through the send, as
   * before, kept a pool connection busy for as long as the SMS gateway or the mail server took to answer.
   * Should the process stop mid-send, the lease runs out and the job tries the message again.
   */
  async deliver(ids: string[]): Promise<void> {
    for (const id of ids) {
      if (id && !id.startsWith(DEVICES_ONLY)) await this.deliverOne(id);
    }
    const sources = ids.map((id) => (id.startsWith(DEVICES_ONLY) ? id.slice(DEVICES_ONLY.length) : id));
    // Another channel failing (a push service down) never fails the caller: its rows stay pending for the job.
    for (const f of this.fanOuts) await f.deliver(sources).catch(() => undefined);
  }

  private async deliverOne(id: string): Promise<void> {
    const now = this.clock.now();
    const [claimed]: [ClaimedRow[], number] = await this.ds.query(
      `UPDATE notification_outbox SET attempts = attempts + 1, next_attempt_at = $3
        WHERE id = (SELECT id FROM notification_outbox WHERE id = $1 AND status = 'pending' AND attempts < $4
                       AND (next_attempt_at IS NULL OR next_attempt_at <= $2) FOR UPDATE SKIP LOCKED)
        RETURNING id, channel, recipient, subject, body, headers, attempts`,
      [id, now, new Date(now.getTime() + DELIVERY_LEASE_MS), this.delivery.maxAttempts],
    );
    const msg = claimed[0];
    if (!msg) return;
    // Written only while the claim is ours: a try that outlived its lease (and was taken again) changes nothing.
    const settle = (set: string, params: unknown[]) =>
      this.ds.query(`UPDATE notification_outbox SET ${set} WHERE id = $1 AND status = 'pending' AND attempts = $2`, [msg.id, msg.attempts, ...params]);
    try {
      const attachments = msg.channel === 'email' ? await this.attachmentsOf(this.ds.manager, msg.id) : [];
      await (msg.channel === 'sms' ? this.sms : this.mail).send({
        id: msg.id,
        to: msg.recipient,
        subject: msg.subject,
        body: msg.body,
        ...(attachments.length ? { attachments } : {}),
        ...(msg.headers ? { headers: msg.headers } : {}),
      });
      await settle(`status = 'sent', sent_at = $3, next_attempt_at = NULL`, [this.clock.now()]);
    } catch (err) {
      const error = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
      const permanent = err instanceof TransportError && err.permanent;
      if (permanent || msg.attempts >= this.delivery.maxAttempts) {
        await settle(`status = 'failed', error = $3, next_attempt_at = NULL`, [error]);
      } else {
        const backoff = this.delivery.retryBaseSeconds * 2 ** (msg.attempts - 1);
        const wait = Math.max(backoff, err instanceof TransportError ? (err.retryAfterSeconds ?? 0) : 0);
        await settle(`error = $3, next_attempt_at = $4`, [error, new Date(this.clock.now().getTime() + wait * 1000)]);
      }
    }
  }

  /** The dev inbox: newest first, optionally for one recipient. */
  async list(q: { to?: string; limit: number; cursor?: string }): Promise<Page<OutboxMessageView>> {
    const after = decodeCursor(q.cursor);
    const qb = this.ds.getRepository(OutboxMessage).createQueryBuilder('m');
    if (q.to) qb.andWhere('m.recipient = :to', { to: q.to });
    if (after) qb.andWhere('(m.created_at, m.id) < (:at, :id)', { at: after.at, id: after.id });
    const rows = await qb.orderBy('m.created_at', 'DESC').addOrderBy('m.id', 'DESC').limit(q.limit + 1).getMany();
    const page = toPage(rows, q.limit, (r) => ({ at: r.createdAt.toISOString(), id: r.id }), toOutboxView);
    const emails = page.items.filter((m) => m.channel === 'email').map((m) => m.id);
    if (emails.length) {
      const meta: AttachmentMetaRow[] = await this.ds.query(
        'SELECT id, message_id, filename, content_type, size FROM notification_attachments WHERE message_id = ANY($1::uuid[]) ORDER BY message_id, position',
        [emails],
      );
      for (const m of page.items) {
        if (m.channel === 'email') m.attachments = meta.filter((a) => a.message_id === m.id).map(toAttachmentView);
      }
    }
    return page;
  }

  /** Where a message stands: `pending` until its transport took it (or failed). */
  async statusOf(id: string): Promise<OutboxMessageView['status'] | null> {
    const msg = await this.ds.getRepository(OutboxMessage).findOne({ where: { id }, select: { id: true, status: true } });
    return msg?.status ?? null;
  }

  /** The dev inbox: one attached file. */
  async attachment(messageId: string, attachmentId: string): Promise<Attachment> {
    const [row] = await this.ds.query(
      'SELECT filename, content_type, content FROM notification_attachments WHERE id = $1 AND message_id = $2',
      [attachmentId, messageId],
    );
    if (!row) throw AppError.notFound('The attachment');
    return { filename: row.filename, contentType: row.content_type, content: row.content };
  }

  private async attachmentsOf(em: EntityManager, messageId: string): Promise<Attachment[]> {
    const rows: { filename: string; content_type: string; content: Buffer }[] = await em.query(
      'SELECT filename, content_type, content FROM notification_attachments WHERE message_id = $1 ORDER BY position',
      [messageId],
    );
    return rows.map((r) => ({ filename: r.filename, contentType: r.content_type, content: r.content }));
  }
}

const toAttachmentView = (a: AttachmentMetaRow): OutboxAttachmentView => ({ id: a.id, filename: a.filename, contentType: a.content_type, size: a.size });

export function toOutboxView(m: OutboxMessage): OutboxMessageView {
  return {
    id: m.id,
    channel: m.channel,
    to: m.recipient,
    subject: m.subject,
    body: m.body,
    status: m.status,
    createdAt: m.createdAt.toISOString(),
    attempts: m.attempts,
    lastError: m.error,
    sentAt: m.sentAt?.toISOString() ?? null,
  };
}

const toNotificationView = (r: CentreRow): NotificationView => ({
  id: r.id,
  type: r.event_type,
  title: r.title,
  body: r.body,
  link: r.link,
  createdAt: r.created_at.toISOString(),
  readAt: r.read_at?.toISOString() ?? null,
});
