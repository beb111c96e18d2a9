import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { NotificationChannel, OutboxMessageView, Page } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { decodeCursor, toPage } from '../../platform/pagination';
import { OutboxMessage } from './entities/outbox-message.entity';
import type { MailTransport, SmsTransport } from './transports';

export interface NotificationInput {
  channel: NotificationChannel;
  to: string;
  subject?: string;
  body: string;
  customerId?: string | null;
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
          await transport.send({ id: msg.id, to: msg.recipient, subject: msg.subject, body: msg.body });
          await em.update(OutboxMessage, { id }, { status: 'sent', sentAt: this.clock.now(), attempts: msg.attempts + 1 });
        } catch (err) {
          await em.update(OutboxMessage, { id }, { status: 'failed', attempts: msg.attempts + 1, error: String(err) });
        }
      });
    }
  }

  /** The dev inbox: newest first, optionally for one recipient. */
  async list(q: { to?: string; limit: number; cursor?: string }): Promise<Page<OutboxMessageView>> {
    const after = decodeCursor(q.cursor);
    const qb = this.ds.getRepository(OutboxMessage).createQueryBuilder('m');
    if (q.to) qb.andWhere('m.recipient = :to', { to: q.to });
    if (after) qb.andWhere('(m.created_at, m.id) < (:at, :id)', { at: after.at, id: after.id });
    const rows = await qb.orderBy('m.created_at', 'DESC').addOrderBy('m.id', 'DESC').limit(q.limit + 1).getMany();
    return toPage(rows, q.limit, (r) => ({ at: r.createdAt.toISOString(), id: r.id }), toOutboxView);
  }
}

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
