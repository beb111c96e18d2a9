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
  /** Tries made by the transport so far. */
  attempts?: number;
  /** The transport's last error (a failed or retried message), or null. */
  lastError?: string | null;
  sentAt?: string | null;
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

/** Channels a customer can switch per event type (in_app: the notification centre). */
export const PreferenceChannels = ['sms', 'email', 'in_app'] as const;
export type PreferenceChannel = (typeof PreferenceChannels)[number];

/** Where an outbox message stands with its transport. */
export type DeliveryStatus = 'pending' | 'sent' | 'failed';

/** One entry of the notification centre: GET /me/notifications. */
export interface NotificationView {
  id: string;
  /** The event type (`payment.succeeded`, `balance.low`, `support.reply`…). */
  type: string;
  title: string;
  body: string;
  /** A cabinet page about it (`/loans/…`), or null. */
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface UnreadCountResponse {
  count: number;
}

/** One event type with the customer's choice per channel. */
export interface NotificationPreferenceView {
  type: string;
  /** Russian label of the event type. */
  label: string;
  /** Security events cannot be switched off. */
  locked: boolean;
  channels: Record<PreferenceChannel, boolean>;
}

export interface NotificationPreferencesResponse {
  items: NotificationPreferenceView[];
}

export interface NotificationPreferenceChange {
  type: string;
  channel: PreferenceChannel;
  enabled: boolean;
}

export interface NotificationPreferencesUpdate {
  changes: NotificationPreferenceChange[];
}
