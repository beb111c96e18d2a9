import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { TransportError, type MailTransport, type OutgoingMessage } from './transports';

/**
 * E-mail through an SMTP server (nodemailer), configured by URL: `smtp://user:pass@host:587`,
 * `smtps://…:465`. A 5xx answer of the server is a permanent refusal; anything else (a 4xx, a broken
 * connection, a timeout) is tried again by the outbox.
 */
export class SmtpMailTransport implements MailTransport {
  readonly name = 'smtp';
  private readonly transporter: Transporter;

  constructor(url: string, private readonly from: string, opts: { timeoutMs?: number } = {}) {
    const timeout = opts.timeoutMs ?? 15_000;
    const u = new URL(url);
    u.searchParams.set('connectionTimeout', String(timeout));
    u.searchParams.set('greetingTimeout', String(timeout));
    u.searchParams.set('socketTimeout', String(timeout));
    this.transporter = nodemailer.createTransport(u.toString(), { from });
  }

  async send(msg: OutgoingMessage): Promise<void> {
    try {
      await this.transporter.sendMail({
        from: this.from,
        to: msg.to,
        subject: msg.subject ?? '',
        text: msg.body,
        messageId: `<${msg.id}@cabinet>`,
        headers: msg.headers,
        attachments: msg.attachments?.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
      });
    } catch (err) {
      const code = (err as { responseCode?: number }).responseCode;
      const text = (err as Error).message ?? String(err);
      throw new TransportError(code ? `SMTP ${code}: ${text}` : `SMTP: ${text}`, code !== undefined && code >= 500 && code < 600);
    }
  }

  close(): void {
    this.transporter.close();
  }
}
