/** A file attached to an e-mail. */
export interface Attachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** A message on its way out. */
export interface OutgoingMessage {
  id: string;
  to: string;
  subject?: string | null;
  body: string;
  /** E-mail only (nodemailer's `attachments` take these fields as they are). */
  attachments?: Attachment[];
  /** E-mail only: extra headers (List-Unsubscribe, List-Unsubscribe-Post of RFC 8058). */
  headers?: Record<string, string>;
}

/**
 * What a transport throws when a message did not go. `permanent`: the provider refused it for good
 * (a bad number, a rejected address) and trying again cannot help; otherwise the outbox tries again later.
 */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    /** The provider asked to wait this long (Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

/** An SMS gateway. The real adapter posts to the provider; the outbox transport keeps messages for the dev inbox. */
export interface SmsTransport {
  readonly name: string;
  send(msg: OutgoingMessage): Promise<void>;
}

/** E-mail (nodemailer SMTP in a real deployment). */
export interface MailTransport {
  readonly name: string;
  send(msg: OutgoingMessage): Promise<void>;
}

/**
 * The local stand-in: delivery is the outbox row itself, read by `/dev/inbox`.
 * It never fails, like a gateway that accepted the message.
 */
export class OutboxOnlyTransport implements SmsTransport, MailTransport {
  readonly name = 'outbox';
  async send(): Promise<void> {}
}
