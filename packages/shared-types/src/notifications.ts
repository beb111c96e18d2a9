export const NotificationChannels = ['sms', 'email'] as const;
export type NotificationChannel = (typeof NotificationChannels)[number];

/** A message the system "sent", as the dev inbox shows it. GET /api/v1/dev/outbox (not in production). */
export interface OutboxMessageView {
  id: string;
  channel: NotificationChannel;
  to: string;
  subject: string | null;
  body: string;
  status: 'pending' | 'sent' | 'failed';
  createdAt: string;
  /** Files attached to an e-mail (name, type, size; the file itself at `/dev/outbox/:id/attachments/:attachmentId`). */
  attachments?: OutboxAttachmentView[];
}

export interface OutboxAttachmentView {
  id: string;
  filename: string;
  contentType: string;
  /** Bytes. */
  size: number;
}
