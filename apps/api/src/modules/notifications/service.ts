import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { NotificationChannel, OutboxAttachmentView, OutboxMessageView, Page } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { decodeCursor, toPage } from '../../platform/pagination';
import { OutboxMessage } from './entities/outbox-message.entity';
import type { Attachment, MailTransport, SmsTransport } from './transports';

export interface NotificationInput {
  channel: NotificationChannel;
  to: string;
  subject?: string;
  body: string;
  customerId?: string | null;
  /** E-mail only: files sent with it (kept in `notification_attachments`). */
  attachments?: Attachment[];
  /**
   * The event this message announces (`payment.credited`, `support.reply`…). With a customer, it also fans
   * out to the other channels that listen (Web Push), in the same transaction.
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
export class NotificationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly sms: SmsTransport,
    private readonly mail: MailTransport,
  ) {}

  private readonly fanOuts: NotificationFanOut[] = [];

  /** A channel that receives every event notification (app.ts adds Web Push). */
  addFanOut(f: NotificationFanOut): void {
    this.fanOuts.push(f);
  }

  /** An event for the customer's devices only (no SMS or e-mail); returns the id to pass to `deliver`. */
  async event(em: EntityManager, n: EventNotification): Promise<string> {
    const id = randomUUID();
    for (const f of this.fanOuts) await f.enqueue(em, n, id);
    return id;
  }

  async enqueue(em: EntityManager, input: NotificationInput): Promise<string> {
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
    });
    for (const [position, a] of (input.attachments ?? []).entries()) {
      if (input.channel !== 'email') throw new Error('Only an e-mail carries attachments');
      await em.query(
        `INSERT INTO notification_attachments (id, message_id, position, filename, content_type, size, content) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [randomUUID(), id, position, a.filename, a.contentType, a.content.length, a.content],
      );
    }
    if (input.event && input.customerId) {
      const n: EventNotification = { customerId: input.customerId, event: input.event, title: input.title ?? input.subject ?? '', body: input.body, url: input.url };
      for (const f of this.fanOuts) await f.enqueue(em, n, id);
    }
    return id;
  }

  /** Hands pending messages to their transport. Safe to call twice: only pending rows are taken, each once. */
  async deliver(ids: string[]): Promise<void> {
    for (const id of ids) {
      await this.ds.transaction(async (em) => {
        const msg = await em
          .getRepository(OutboxMessage)
          .createQueryBuilder('m')
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .where('m.id = :id AND m.status = :s', { id, s: 'pending' })
          .getOne();
        if (!msg) return;
        const transport = msg.channel === 'sms' ? this.sms : this.mail;
        try {
          const attachments: Attachment[] = msg.channel === 'email' ? await this.attachmentsOf(em, msg.id) : [];
          await transport.send({ id: msg.id, to: msg.recipient, subject: msg.subject, body: msg.body, ...(attachments.length ? { attachments } : {}) });
          await em.update(OutboxMessage, { id }, { status: 'sent', sentAt: this.clock.now(), attempts: msg.attempts + 1 });
        } catch (err) {
          await em.update(OutboxMessage, { id }, { status: 'failed', attempts: msg.attempts + 1, error: String(err) });
        }
      });
    }
    // Another channel failing (a push service down) never fails the caller: its rows stay pending for the job.
    for (const f of this.fanOuts) await f.deliver(ids).catch(() => undefined);
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
  };
}
