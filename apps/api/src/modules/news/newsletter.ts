import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { NewsletterSendResponse, NewsletterStatusResponse } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import type { AuthContext } from '../../platform/routes';
import { assertAdmin } from '../../platform/staff';
import type { AuditService } from '../audit';
import type { NotificationsService } from '../notifications';
import type { NewsService } from './service';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const normalize = (email: string) => email.trim().toLowerCase();

/**
 * The newsletter: double opt-in (a link with a one-time token confirms the address), and a one-click
 * unsubscribe link signed for its address (HMAC), which works without signing in and for no other address.
 * Every issue carries RFC 8058 `List-Unsubscribe` and `List-Unsubscribe-Post` headers.
 */
export class NewsletterService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: { notifications: NotificationsService; audit: AuditService; news: NewsService; secret: string; publicUrl: string; confirmHours: number },
  ) {}

  /** Sends the confirmation link. Answers the same whatever the address's state (no telling who subscribed). */
  async subscribe(rawEmail: string): Promise<NewsletterStatusResponse> {
    const email = normalize(rawEmail);
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const ids = await this.ds.transaction(async (em) => {
      const [row] = await em.query('SELECT id, status FROM newsletter_subscriptions WHERE email = $1 FOR UPDATE', [email]);
      if (row?.status === 'confirmed') return [];
      const expires = new Date(now.getTime() + this.deps.confirmHours * 3600_000);
      if (row) {
        await em.query(`UPDATE newsletter_subscriptions SET status = 'pending', confirm_token_hash = $2, confirm_expires_at = $3 WHERE id = $1`, [row.id, sha256(token), expires]);
      } else {
        await em.query(
          `INSERT INTO newsletter_subscriptions (id, email, status, confirm_token_hash, confirm_expires_at, created_at) VALUES ($1, $2, 'pending', $3, $4, $5)
           ON CONFLICT (email) DO NOTHING`,
          [randomUUID(), email, sha256(token), expires, now],
        );
      }
      const link = `${this.deps.publicUrl}/newsletter/confirm?token=${token}`;
      return [
        await this.deps.notifications.enqueue(em, {
          channel: 'email',
          to: email,
          subject: 'Подтвердите подписку на новости',
          body: `Здравствуйте!\n\nЧтобы получать новости и акции, подтвердите адрес: ${link}\n\nСсылка действует ${this.deps.confirmHours} ч. Если вы не подписывались, ничего делать не нужно.`,
          event: 'newsletter.confirm',
        }),
      ];
    });
    await this.deps.notifications.deliver(ids);
    return { email, status: 'pending' };
  }

  async confirm(token: string): Promise<NewsletterStatusResponse> {
    const rows = await this.ds.query(
      `UPDATE newsletter_subscriptions SET status = 'confirmed', confirmed_at = $2, confirm_token_hash = NULL, confirm_expires_at = NULL, unsubscribed_at = NULL
        WHERE confirm_token_hash = $1 AND status = 'pending' AND confirm_expires_at > $2 RETURNING email`,
      [sha256(token), this.clock.now()],
    );
    const row = rows[0]?.[0];
    if (!row) throw new AppError('newsletter_token_invalid', 400, 'The confirmation link is wrong or has expired; subscribe again to get a new one.');
    return { email: row.email, status: 'confirmed' };
  }

  /** The signed token of an address's unsubscribe link. */
  unsubscribeToken(email: string): string {
    return createHmac('sha256', this.deps.secret).update(`newsletter-unsubscribe:${normalize(email)}`).digest('base64url');
  }

  /** The link people (and mail clients, RFC 8058) use: POST to it unsubscribes this address. */
  unsubscribeUrl(email: string, page = false): string {
    const q = `email=${encodeURIComponent(normalize(email))}&token=${this.unsubscribeToken(email)}`;
    return page ? `${this.deps.publicUrl}/newsletter/unsubscribe?${q}` : `${this.deps.publicUrl}/api/v1/newsletter/unsubscribe?${q}`;
  }

  /** No sign-in; the token must be the one signed for this very address. Twice: the same answer. */
  async unsubscribe(rawEmail: string, token: string): Promise<NewsletterStatusResponse> {
    const email = normalize(rawEmail);
    const expected = Buffer.from(this.unsubscribeToken(email));
    const given = Buffer.from(token);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw new AppError('newsletter_token_invalid', 400, 'This unsubscribe link is not valid for this address.');
    }
    await this.ds.query(
      `UPDATE newsletter_subscriptions SET status = 'unsubscribed', unsubscribed_at = $2, confirm_token_hash = NULL WHERE email = $1 AND status <> 'unsubscribed'`,
      [email, this.clock.now()],
    );
    return { email, status: 'unsubscribed' };
  }

  /** An admin sends a published item to every confirmed subscriber. */
  async send(auth: AuthContext, newsId: string, ip: string | null): Promise<NewsletterSendResponse> {
    assertAdmin(auth);
    const ids = await this.ds.transaction(async (em) => {
      const item = await this.deps.news.visibleById(em, newsId);
      if (!item) throw AppError.notFound('The published news item');
      const subscribers: { email: string }[] = await em.query(`SELECT email FROM newsletter_subscriptions WHERE status = 'confirmed' ORDER BY email`);
      const out: string[] = [];
      for (const s of subscribers) {
        const page = this.unsubscribeUrl(s.email, true);
        out.push(
          await this.deps.notifications.enqueue(em, {
            channel: 'email',
            to: s.email,
            subject: item.title,
            body: `${item.summary}\n\n${item.body}\n\nПодробнее: ${this.deps.publicUrl}/news/${item.slug}\n\nОтписаться от рассылки: ${page}`,
            event: 'newsletter.issue',
            headers: { 'List-Unsubscribe': `<${this.unsubscribeUrl(s.email)}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
          }),
        );
      }
      await this.deps.audit.record(em, { action: 'newsletter_sent', actorId: auth.customerId, customerId: null, ip, details: { newsId, recipients: out.length } });
      return out;
    });
    await this.deps.notifications.deliver(ids);
    return { queued: ids.length };
  }
}
