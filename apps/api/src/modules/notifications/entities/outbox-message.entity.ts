import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { NotificationChannel } from '@cabinet/shared-types';

@Entity('notification_outbox')
export class OutboxMessage {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'customer_id', nullable: true })
  customerId: string | null;

  @Column('varchar', { length: 8 })
  channel: NotificationChannel;

  @Column('varchar', { length: 254 })
  recipient: string;

  @Column('varchar', { length: 200, nullable: true })
  subject: string | null;

  @Column('text')
  body: string;

  @Column('varchar', { length: 8 })
  status: 'pending' | 'sent' | 'failed';

  @Column('int')
  attempts: number;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt: Date | null;

  /** The transport's last error. */
  @Column('text', { nullable: true })
  error: string | null;

  /** The event it announces (preferences apply), or null for codes and other transactional messages. */
  @Column('varchar', { name: 'event_type', length: 64, nullable: true })
  eventType: string | null;

  /** E-mail headers (List-Unsubscribe…). */
  @Column('jsonb', { nullable: true })
  headers: Record<string, string> | null;

  /** A retried message: not before this time. */
  @Column('timestamptz', { name: 'next_attempt_at', nullable: true })
  nextAttemptAt: Date | null;
}
