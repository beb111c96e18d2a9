import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { Limits, type EsiaLinkTicketView, type EsiaOutcome, type IdentityView, type VerifiedPersonView } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import type { OtpService } from '../../platform/otp/otp.service';
import { verifyPassword } from '../../platform/passwords';
import { formatPhone, normalizePhone } from '../../platform/phone';
import type { RateCounter } from '../../platform/rate-limit';
import type { AuditService } from '../audit';
import type { AuthService, SessionStarted } from '../auth';
import type { CustomersService, RequestMeta } from '../customers';
import type { NotificationsService } from '../notifications';
import type { EsiaPerson, EsiaProvider } from './provider';

const FLOW_TTL_MS = 10 * 60_000;
const LINK_TTL_MS = 10 * 60_000;
const MAX_LINK_ATTEMPTS = 5;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const random = () => randomBytes(32).toString('base64url');

interface LoginRow {
  id: string;
  state_hash: string;
  code_verifier: string;
  nonce: string;
  redirect_uri: string;
  next: string;
  status: 'started' | 'link_pending' | 'done' | 'failed';
  customer_id: string | null;
  subject: string | null;
  verified: VerifiedPersonView | null;
  attempts: number;
  expires_at: Date;
}

/** Where the callback sends the browser, and the session when one was started. */
export interface CallbackResult {
  location: string;
  session?: SessionStarted;
}

/** A path of this site only (never `//host` or a scheme): where to go after signing in. */
export function safeNext(next: string | undefined): string {
  return next && /^\/(?![/\\])[\w\-./?=&%#~]*$/.test(next) && next.length <= 500 ? next : '/';
}

const outcome = (o: EsiaOutcome, extra: Record<string, string> = {}) => `/login/gosuslugi?${new URLSearchParams({ outcome: o, ...extra })}`;

/**
 * Sign-in with Gosuslugi (ESIA) through OpenID Connect, authorization code + PKCE. The flow's one-time
 * values live in PostgreSQL (any node may take the callback), and the browser that started it carries
 * the state in a cookie, so a callback from another browser, a replayed or a tampered state is refused.
 *
 * First sign-in of a confirmed account: a customer with the same phone must confirm the link with their
 * password or an SMS code; otherwise a customer is created from what Gosuslugi verified. An unconfirmed
 * account is refused.
 */
export class EsiaService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: {
      provider: EsiaProvider | null;
      standIn: boolean;
      customers: CustomersService;
      auth: AuthService;
      otp: OtpService;
      notifications: NotificationsService;
      audit: AuditService;
      rate: RateCounter;
      logger?: Logger;
    },
  ) {}

  config() {
    return { enabled: this.deps.provider !== null, standIn: this.deps.standIn && this.deps.provider !== null };
  }

  private provider(): EsiaProvider {
    if (!this.deps.provider) throw new AppError('esia_unavailable', 503, 'Sign-in with Gosuslugi is not configured here.');
    return this.deps.provider;
  }

  /** Step 1: remembers state, nonce and PKCE verifier, and answers the provider's authorization URL. */
  async start(next: string | undefined, redirectUri: string): Promise<{ location: string; state: string }> {
    const provider = this.provider();
    const state = random();
    const nonce = random();
    const codeVerifier = random();
    const codeChallenge = createHash('sha256').update(codeVerifier).digest('base64url');
    const now = this.clock.now();
    let location: string;
    try {
      location = await provider.authorizationUrl({ redirectUri, state, nonce, codeVerifier, codeChallenge });
    } catch (err) {
      this.deps.logger?.warn({ err }, 'ESIA discovery failed');
      throw new AppError('esia_unavailable', 503, 'Gosuslugi does not answer now; try again later or sign in with your password.');
    }
    await this.ds.query(
      `INSERT INTO esia_logins (id, state_hash, code_verifier, nonce, redirect_uri, next, status, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, 'started', $7, $8)`,
      [randomUUID(), sha256(state), codeVerifier, nonce, redirectUri, safeNext(next), now, new Date(now.getTime() + FLOW_TTL_MS)],
    );
    return { location, state };
  }

  /**
   * Step 2, the callback: the state must be one we issued, unused, not expired, and the browser's own;
   * then openid-client exchanges the code (PKCE), checks the ID token (nonce, issuer, audience, signature)
   * and reads userinfo. Never throws for the browser: it is sent to a page that says what happened.
   */
  async callback(query: { state?: string; error?: string }, search: string, cookieState: string | undefined, meta: RequestMeta): Promise<CallbackResult> {
    if (!query.state) return { location: outcome('failed') };
    // Single use: the state is consumed whatever follows.
    const [rows]: [LoginRow[], number] = await this.ds.query(
      `UPDATE esia_logins SET status = 'done' WHERE state_hash = $1 AND status = 'started' RETURNING *`,
      [sha256(query.state)],
    );
    const row = rows[0];
    if (!row || cookieState !== query.state) return { location: outcome('failed') };
    if (row.expires_at <= this.clock.now()) return { location: outcome('expired') };
    if (query.error) return { location: outcome(query.error === 'access_denied' ? 'canceled' : 'failed') };

    let person: EsiaPerson;
    try {
      const url = new URL(row.redirect_uri);
      url.search = search;
      person = await this.provider().complete(url, { redirectUri: row.redirect_uri, state: query.state, nonce: row.nonce, codeVerifier: row.code_verifier });
    } catch (err) {
      this.deps.logger?.warn({ err }, 'ESIA callback refused');
      await this.ds.query(`UPDATE esia_logins SET status = 'failed' WHERE id = $1`, [row.id]);
      return { location: outcome('failed') };
    }
    if (!person.trusted) {
      await this.ds.query(`UPDATE esia_logins SET status = 'failed', subject = $2 WHERE id = $1`, [row.id, person.subject]);
      return { location: outcome('unconfirmed') };
    }

    const decision = await this.ds.transaction(async (em): Promise<{ customerId: string } | { location: string }> => {
      const [linked] = await em.query(`SELECT customer_id FROM customer_identities WHERE provider = 'esia' AND subject = $1`, [person.subject]);
      if (linked) {
        await em.query(`UPDATE customer_identities SET verified = $2 WHERE provider = 'esia' AND subject = $1`, [person.subject, JSON.stringify(person.person)]);
        return { customerId: linked.customer_id };
      }
      const phone = person.person.phone ? normalizePhone(person.person.phone) : null;
      if (!phone || !person.person.surname || !person.person.name) return { location: outcome('failed') };
      const existing = await this.deps.customers.findCredentials(em, phone);
      if (existing && existing.phone === phone) {
        const [other] = await em.query(`SELECT 1 FROM customer_identities WHERE customer_id = $1 AND provider = 'esia'`, [existing.id]);
        if (other) return { location: outcome('already_linked') };
        const ticket = random();
        await em.query(
          `UPDATE esia_logins SET status = 'link_pending', ticket_hash = $2, customer_id = $3, subject = $4, verified = $5, attempts = 0, expires_at = $6 WHERE id = $1`,
          [row.id, sha256(ticket), existing.id, person.subject, JSON.stringify(person.person), new Date(this.clock.now().getTime() + LINK_TTL_MS)],
        );
        return { location: outcome('link_required', { ticket }) };
      }
      const c = await this.deps.customers.create(em, {
        phone,
        // Nobody knows this password: the person signs in with Gosuslugi, or sets one by SMS ("forgot password").
        password: random(),
        surname: person.person.surname,
        name: person.person.name,
        patronymic: person.person.patronymic,
        birthDate: person.person.birthDate,
      });
      await this.link(em, c.id, person);
      await this.deps.audit.record(em, { action: 'esia_registered', customerId: c.id, ip: meta.ip, details: { subject: person.subject } });
      return { customerId: c.id };
    });
    if ('location' in decision) return decision;
    const session = await this.session(decision.customerId, meta);
    return session ? { location: row.next, session } : { location: outcome('failed') };
  }

  /** The link the customer is asked to confirm (only to the browser that started the sign-in). */
  async ticket(ticket: string, cookieState: string | undefined): Promise<EsiaLinkTicketView> {
    const row = await this.pending(this.ds.manager, ticket, cookieState);
    const [c] = await this.ds.query('SELECT phone FROM customers WHERE id = $1', [row.customer_id]);
    const v = row.verified as VerifiedPersonView;
    return {
      phone: `${formatPhone(c.phone).slice(0, 7)}***-**-${c.phone.slice(-2)}`,
      displayName: `${v.name} ${v.surname.slice(0, 1)}.`,
      methods: ['password', 'sms'],
      expiresAt: row.expires_at.toISOString(),
      next: row.next,
    };
  }

  /** Sends a code to the existing customer's phone (at most once a minute). */
  async sendLinkCode(ticket: string, cookieState: string | undefined): Promise<{ resendAfter: number; codeTtl: number }> {
    const ids: string[] = [];
    await this.ds.transaction(async (em) => {
      const row = await this.pending(em, ticket, cookieState);
      const hit = await this.deps.rate.hit(`otp-resend:esia_link:${row.customer_id}`, Limits.otpResendSeconds * 1000, em);
      if (hit.hits > 1) {
        const retryAfter = this.deps.rate.retryAfter(hit.resetAt);
        throw new AppError('otp_resend_too_soon', 429, `A code was sent recently; ask again in ${retryAfter} s.`, { retryAfter }, { 'Retry-After': String(retryAfter) });
      }
      const [c] = await em.query('SELECT phone FROM customers WHERE id = $1', [row.customer_id]);
      const code = await this.deps.otp.issue(em, { customerId: row.customer_id as string, purpose: 'esia_link', target: c.phone });
      ids.push(
        await this.deps.notifications.enqueue(em, {
          channel: 'sms',
          to: c.phone,
          customerId: row.customer_id,
          body: `Код для привязки Госуслуг к личному кабинету: ${code}. Никому не сообщайте его. Действует 5 минут.`,
        }),
      );
    });
    await this.deps.notifications.deliver(ids);
    return { resendAfter: Limits.otpResendSeconds, codeTtl: Limits.otpTtlSeconds };
  }

  /** Confirms the link with the customer's password or the SMS code; then signs in. 5 wrong tries end the ticket. */
  async confirmLink(input: { ticket: string; password?: string; code?: string }, cookieState: string | undefined, meta: RequestMeta): Promise<SessionStarted> {
    if (!input.password === !input.code) {
      throw AppError.validation([{ field: input.password ? 'code' : 'password', code: 'exactlyOne', message: 'send either password or code' }]);
    }
    const result = await this.ds.transaction(async (em): Promise<{ ok: true; customerId: string } | { ok: false; error: AppError }> => {
      const row = await this.pending(em, input.ticket, cookieState, true);
      const attempts = row.attempts + 1;
      await em.query(`UPDATE esia_logins SET attempts = $2::int, status = CASE WHEN $2::int >= $3::int THEN 'failed' ELSE status END WHERE id = $1`, [row.id, attempts, MAX_LINK_ATTEMPTS]);
      const customerId = row.customer_id as string;
      if (input.password !== undefined) {
        const creds = await this.deps.customers.findCredentialsById(em, customerId);
        if (!(await verifyPassword(creds?.passwordHash, input.password))) {
          return { ok: false, error: new AppError('wrong_password', 400, 'The password is wrong.', { errors: [{ field: 'password', code: 'wrong_password', message: 'The password is wrong.' }], attemptsLeft: MAX_LINK_ATTEMPTS - attempts }) };
        }
      } else {
        const check = await this.deps.otp.check(em, { customerId, purpose: 'esia_link', code: input.code as string });
        if (!check.ok) return { ok: false, error: check.error };
      }
      const [taken] = await em.query(`SELECT 1 FROM customer_identities WHERE (customer_id = $1 AND provider = 'esia') OR (provider = 'esia' AND subject = $2)`, [customerId, row.subject]);
      if (taken) return { ok: false, error: new AppError('identity_already_linked', 409, 'A Gosuslugi account is linked to this customer already.') };
      await em.query(`UPDATE esia_logins SET status = 'done' WHERE id = $1`, [row.id]);
      await this.link(em, customerId, { subject: row.subject as string, trusted: true, person: row.verified as VerifiedPersonView });
      await this.deps.audit.record(em, { action: 'esia_linked', customerId, ip: meta.ip, details: { subject: row.subject, confirmedWith: input.password !== undefined ? 'password' : 'sms' } });
      return { ok: true, customerId };
    });
    if (!result.ok) throw result.error;
    const session = await this.session(result.customerId, meta);
    if (!session) throw new AppError('account_blocked', 403, 'This account is blocked; contact support.');
    return session;
  }

  async identities(customerId: string): Promise<{ items: IdentityView[] }> {
    const rows: { subject: string; verified: VerifiedPersonView; linked_at: Date }[] = await this.ds.query(
      `SELECT subject, verified, linked_at FROM customer_identities WHERE customer_id = $1 AND provider = 'esia'`,
      [customerId],
    );
    return { items: rows.map((r) => ({ provider: 'esia', subject: r.subject, linkedAt: r.linked_at.toISOString(), verified: r.verified })) };
  }

  /** The data Gosuslugi verified for this customer, or null (the loan wizard prefills from it). */
  async verifiedPerson(customerId: string): Promise<VerifiedPersonView | null> {
    return (await this.identities(customerId)).items[0]?.verified ?? null;
  }

  async unlink(customerId: string, meta: RequestMeta): Promise<void> {
    await this.ds.transaction(async (em) => {
      const [rows]: [{ subject: string }[], number] = await em.query(`DELETE FROM customer_identities WHERE customer_id = $1 AND provider = 'esia' RETURNING subject`, [customerId]);
      if (!rows.length) throw new AppError('identity_not_linked', 404, 'No Gosuslugi account is linked.');
      await this.deps.audit.record(em, { action: 'esia_unlinked', customerId, ip: meta.ip, details: { subject: rows[0].subject } });
    });
  }

  /** Forgets finished and stale sign-in attempts. A job. */
  async purge(): Promise<number> {
    const [, n] = await this.ds.query('DELETE FROM esia_logins WHERE expires_at < $1', [new Date(this.clock.now().getTime() - 24 * 3600_000)]);
    return n;
  }

  // --- inside ------------------------------------------------------------------------------------------

  private async link(em: EntityManager, customerId: string, p: EsiaPerson): Promise<void> {
    await em.query(`INSERT INTO customer_identities (customer_id, provider, subject, verified, linked_at) VALUES ($1, 'esia', $2, $3, $4)`, [
      customerId,
      p.subject,
      JSON.stringify(p.person),
      this.clock.now(),
    ]);
  }

  private async pending(em: EntityManager, ticket: string, cookieState: string | undefined, lock = false): Promise<LoginRow> {
    const [row]: LoginRow[] = await em.query(`SELECT * FROM esia_logins WHERE ticket_hash = $1 ${lock ? 'FOR UPDATE' : ''}`, [sha256(ticket)]);
    const invalid = () => new AppError('esia_ticket_invalid', 404, 'This Gosuslugi sign-in has ended or belongs to another browser; start again.');
    if (!row || row.status !== 'link_pending' || row.expires_at <= this.clock.now() || !cookieState || sha256(cookieState) !== row.state_hash) throw invalid();
    return row;
  }

  private async session(customerId: string, meta: RequestMeta): Promise<SessionStarted | null> {
    const creds = await this.deps.customers.findCredentialsById(this.ds.manager, customerId);
    if (!creds || creds.status !== 'active') return null;
    return this.deps.auth.startSession(creds, meta);
  }
}

