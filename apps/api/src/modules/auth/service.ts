import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { IsNull, MoreThan, type DataSource, type EntityManager } from 'typeorm';
import {
  Limits,
  type AuthConfigResponse,
  type CaptchaChallenge,
  type ChangePasswordResponse,
  type Page,
  type PasswordResetResponse,
  type SessionView,
  type StaffSessionView,
  type TokenResponse,
} from '@cabinet/shared-types';
import type { Config } from '../../config';
import type { Clock } from '../../platform/clock';
import type { ChangeFeed, FeedCache } from '../../platform/change-feed';
import { prepared } from '../../db/prepared';
import { AppError } from '../../platform/errors';
import type { OtpService } from '../../platform/otp/otp.service';
import { decodeCursor, toPage } from '../../platform/pagination';
import { assertPasswordPolicy, hashPassword, verifyPassword } from '../../platform/passwords';
import type { RateCounter } from '../../platform/rate-limit';
import type { AuthContext, RouteSpec } from '../../platform/routes';
import type { AuditService } from '../audit';
import { loginKey, type CustomerCredentials, type CustomersService, type RequestMeta } from '../customers';
import type { NotificationsService } from '../notifications';
import type { CaptchaProvider } from './captcha';
import { LoginAttempt } from './entities/login-attempt.entity';
import { Session } from './entities/session.entity';
import { sessionCache, type SessionFacts } from './session-cache';
import { AccessTokens, RefreshTokens } from './tokens';

const LOCK_MS = Limits.lockMinutes * 60_000;
const IDLE_MS = Limits.idleTimeoutSeconds * 1000;
/** A session's absolute life, however active it is. */
export const SESSION_MAX_AGE_MS = 30 * 24 * 3600_000;
/** last_seen_at is written at most this often per session, so a read costs no write. */
const TOUCH_MS = 30_000;

// The sign-in's statements, prepared (db/prepared.ts): a sign-in should cost little beyond its password hash.
/** Advisory lock class of "attempts on one login" (the two-key form; its first key names the class). */
const LOGIN_LOCK_CLASS = 1001;
const LOCK_LOGIN = prepared('auth.lockLogin', `SELECT pg_advisory_xact_lock(${LOGIN_LOCK_CLASS}, hashtext($1))`);
const READ_ATTEMPT = prepared('auth.readAttempt', 'SELECT failures, last_failure_at, locked_until FROM login_attempts WHERE login_key = $1 FOR UPDATE');
const SAVE_ATTEMPT = prepared(
  'auth.saveAttempt',
  `INSERT INTO login_attempts (login_key, failures, last_failure_at, locked_until) VALUES ($1, $2, $3, $4)
   ON CONFLICT (login_key) DO UPDATE SET failures = EXCLUDED.failures, last_failure_at = EXCLUDED.last_failure_at, locked_until = EXCLUDED.locked_until`,
);
const FORGET_ATTEMPTS = prepared('auth.forgetAttempts', 'DELETE FROM login_attempts WHERE login_key = $1');
/** Has the customer any session, and one from this user agent? (EXISTS: a customer's sessions only grow.) */
const DEVICE_SEEN = prepared(
  'auth.deviceSeen',
  `SELECT EXISTS (SELECT 1 FROM sessions WHERE customer_id = $1) AS any,
          EXISTS (SELECT 1 FROM sessions WHERE customer_id = $1 AND user_agent IS NOT DISTINCT FROM $2) AS known`,
);
const INSERT_SESSION = prepared(
  'auth.insertSession',
  `INSERT INTO sessions (id, customer_id, refresh_hash, created_at, last_seen_at, expires_at, revoked_at, revoke_reason, user_agent, ip)
   VALUES ($1, $2, $3, $4, $4, $5, NULL, NULL, $6, $7)`,
);

interface AttemptRow {
  failures: number;
  last_failure_at: Date | null;
  locked_until: Date | null;
}

/** Idle past the timeout, or past its absolute life. */
function ended(s: Pick<SessionFacts, 'lastSeenAt' | 'expiresAt'>, now: Date): boolean {
  return now.getTime() - s.lastSeenAt.getTime() > IDLE_MS || s.expiresAt <= now;
}

export interface SessionStarted {
  response: TokenResponse;
  refreshToken: string;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppError };
const fail = <T>(error: AppError): Outcome<T> => ({ ok: false, error });
const done = <T>(value: T): Outcome<T> => ({ ok: true, value });
/** Throws after the transaction committed, so counters written on the way to an error are kept. */
function unwrap<T>(o: Outcome<T>): T {
  if (!o.ok) throw o.error;
  return o.value;
}

export class AuthService {
  readonly tokens: AccessTokens;
  private readonly sessions: FeedCache<SessionFacts>;

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'jwtSecret' | 'passwordResetRequiresSurname' | 'feedCacheSeconds'>,
    private readonly deps: {
      customers: CustomersService;
      audit: AuditService;
      notifications: NotificationsService;
      otp: OtpService;
      rate: RateCounter;
      captcha: CaptchaProvider;
      /** Database changes that end cached sessions; null: no session cache. */
      changes?: ChangeFeed | null;
    },
  ) {
    this.sessions = sessionCache(deps.changes ?? null, config.feedCacheSeconds * 1000);
    this.tokens = new AccessTokens(config.jwtSecret, clock, Limits.accessTokenTtlSeconds);
  }

  authConfig(): AuthConfigResponse {
    return {
      passwordResetRequiresSurname: this.config.passwordResetRequiresSurname,
      idleTimeoutSeconds: Limits.idleTimeoutSeconds,
      idleWarningSeconds: Limits.idleWarningSeconds,
      passwordMinLength: Limits.passwordMinLength,
    };
  }

  newCaptcha(): Promise<CaptchaChallenge> {
    return this.ds.transaction((em) => this.deps.captcha.issue(em));
  }

  /**
   * Sign-in with a login and password (behind passport-local), in one transaction: the credential check and, when
   * it passes, the new session. Order: lock → captcha (after 2 failures) → password. Unknown login and wrong
   * password answer alike; 5 failures in a row lock the login for 15 minutes. Counters written on the way to an
   * error are kept (the transaction commits, then the error is thrown).
   */
  async signIn(input: { login: string; password: string; captcha?: { id: string; answer: string } }, meta: RequestMeta): Promise<SessionStarted> {
    const msgIds: string[] = [];
    const outcome = await this.ds.transaction(async (em): Promise<Outcome<SessionStarted>> => {
      const checked = await this.checkCredentials(em, { ...input, ip: meta.ip });
      return checked.ok ? done(await this.openSession(em, checked.value, meta, msgIds)) : checked;
    });
    const started = unwrap(outcome);
    await this.deps.notifications.deliver(msgIds);
    return started;
  }

  private async checkCredentials(
    em: EntityManager,
    input: { login: string; password: string; captcha?: { id: string; answer: string }; ip: string | null },
  ): Promise<Outcome<CustomerCredentials>> {
    const key = loginKey(input.login);
    const now = this.clock.now();
    // Attempts on one login run one at a time (the lock is the login's, whether or not it has a row yet), so
    // a burst of guesses cannot slip past the count; the row is read after the lock, so it is the latest.
    await em.query(LOCK_LOGIN, [key]);
    const [row]: AttemptRow[] = await em.query(READ_ATTEMPT, [key]);
    const attempt = { failures: row?.failures ?? 0, lastFailureAt: row?.last_failure_at ?? null, lockedUntil: row?.locked_until ?? null };
    if (attempt.lockedUntil && attempt.lockedUntil > now) return fail(locked(attempt.lockedUntil, now));
    // A lock that ran out, or failures older than the lock window, start the count afresh.
    if (attempt.lockedUntil || (attempt.lastFailureAt && now.getTime() - attempt.lastFailureAt.getTime() >= LOCK_MS)) {
      attempt.failures = 0;
      attempt.lockedUntil = null;
    }
    const save = () => em.query(SAVE_ATTEMPT, [key, attempt.failures, attempt.lastFailureAt, attempt.lockedUntil]);
    if (attempt.failures >= Limits.captchaAfterFailures) {
      if (!input.captcha) {
        await save();
        return fail(new AppError('captcha_required', 428, 'Enter the characters from the picture.', { captcha: await this.deps.captcha.issue(em) }));
      }
      if (!(await this.deps.captcha.verify(em, input.captcha.id, input.captcha.answer))) {
        await save();
        return fail(
          new AppError('captcha_invalid', 428, 'The characters from the picture do not match; try the new picture.', {
            captcha: await this.deps.captcha.issue(em),
            errors: [{ field: 'captcha.answer', code: 'captcha_invalid', message: 'The characters do not match.' }],
          }),
        );
      }
    }
    const customer = await this.deps.customers.findCredentials(em, input.login);
    if (!(await verifyPassword(customer?.passwordHash, input.password))) {
      attempt.failures += 1;
      attempt.lastFailureAt = now;
      if (attempt.failures >= Limits.lockAfterFailures) {
        attempt.lockedUntil = new Date(now.getTime() + LOCK_MS);
        await save();
        await this.deps.audit.record(em, { action: 'login_locked', customerId: customer?.id, ip: input.ip, details: { login: key } });
        return fail(locked(attempt.lockedUntil, now));
      }
      await save();
      await this.deps.audit.record(em, { action: 'login_failed', customerId: customer?.id, ip: input.ip, details: { login: key, failures: attempt.failures } });
      const next = attempt.failures >= Limits.captchaAfterFailures ? { captcha: await this.deps.captcha.issue(em) } : {};
      return fail(new AppError('invalid_credentials', 401, 'Wrong login or password.', next));
    }
    if (customer!.status !== 'active') return fail(new AppError('account_blocked', 403, 'This account is blocked; contact support.'));
    if (row) await em.query(FORGET_ATTEMPTS, [key]);
    return done(customer!);
  }

  /** A new session (a new id at every sign-in) and its first token pair, for a customer another flow has verified. */
  async startSession(customer: CustomerCredentials, meta: RequestMeta): Promise<SessionStarted> {
    const msgIds: string[] = [];
    const started = await this.ds.transaction((em) => this.openSession(em, customer, meta, msgIds));
    await this.deps.notifications.deliver(msgIds);
    return started;
  }

  /** Opens the session inside `em`; the notices to deliver after commit go into `msgIds`. */
  private async openSession(em: EntityManager, customer: CustomerCredentials, meta: RequestMeta, msgIds: string[]): Promise<SessionStarted> {
    const now = this.clock.now();
    const id = randomUUID();
    // A sign-in from a device (browser) this customer never signed in from: a security notice (cannot be muted).
    const [seen]: { any: boolean; known: boolean }[] = await em.query(DEVICE_SEEN, [customer.id, meta.userAgent]);
    if (seen.any && !seen.known) {
      const [c] = await em.query('SELECT phone, email FROM customers WHERE id = $1', [customer.id]);
      msgIds.push(
        ...(await this.deps.notifications.notify(em, {
          event: 'security.new_device',
          customerId: customer.id,
          title: 'Вход с нового устройства',
          body: `Выполнен вход в личный кабинет с нового устройства (${(meta.userAgent ?? 'неизвестное устройство').slice(0, 120)}${meta.ip ? `, IP ${meta.ip}` : ''}). Если это были не вы, завершите сеансы и смените пароль.`,
          link: '/sessions',
          sms: c.phone,
          email: c.email,
        })),
      );
    }
    const refresh = RefreshTokens.issue(id);
    await em.query(INSERT_SESSION, [id, customer.id, refresh.hash, now, new Date(now.getTime() + SESSION_MAX_AGE_MS), meta.userAgent, meta.ip]);
    await this.deps.audit.record(em, { action: 'login_succeeded', customerId: customer.id, ip: meta.ip, details: { sessionId: id } });
    return { response: this.tokenResponse(customer, id), refreshToken: refresh.token };
  }

  private tokenResponse(c: Pick<CustomerCredentials, 'id' | 'role' | 'mustChangePassword'>, sessionId: string): TokenResponse {
    return {
      accessToken: this.tokens.sign({ sub: c.id, sid: sessionId, role: c.role }),
      tokenType: 'Bearer',
      expiresIn: this.tokens.ttlSeconds,
      mustChangePassword: c.mustChangePassword,
    };
  }

  /**
   * Rotates the refresh token. A token that is not the session's current one is a replay of a stolen
   * or already-used token: the whole session is revoked.
   */
  async refresh(token: string | undefined, meta: RequestMeta): Promise<SessionStarted> {
    const parsed = RefreshTokens.parse(token);
    if (!parsed) throw new AppError('refresh_token_invalid', 401, 'No valid refresh token; sign in again.');
    const outcome = await this.ds.transaction(async (em): Promise<Outcome<SessionStarted>> => {
      const now = this.clock.now();
      const s = await em
        .getRepository(Session)
        .createQueryBuilder('s')
        .addSelect('s.refreshHash')
        .setLock('pessimistic_write')
        .where('s.id = :id', { id: parsed.sessionId })
        .getOne();
      if (!s || s.revokedAt) return fail(new AppError('refresh_token_invalid', 401, 'This session has ended; sign in again.'));
      if (!RefreshTokens.matches(parsed.secret, s.refreshHash)) {
        await this.revoke(em, s.id, 'refresh_reuse');
        await this.deps.audit.record(em, { action: 'refresh_token_reused', customerId: s.customerId, ip: meta.ip, details: { sessionId: s.id } });
        return fail(new AppError('refresh_token_reused', 401, 'This refresh token was already used; the session has been ended for safety. Sign in again.'));
      }
      const idle = now.getTime() - s.lastSeenAt.getTime() > IDLE_MS;
      if (idle || s.expiresAt <= now) {
        await this.revoke(em, s.id, idle ? 'idle' : 'expired');
        return fail(new AppError('session_expired', 401, idle ? 'The session ended after 15 minutes without activity; sign in again.' : 'The session has expired; sign in again.'));
      }
      const customer = await this.deps.customers.findCredentialsById(em, s.customerId);
      if (!customer || customer.status !== 'active') {
        await this.revoke(em, s.id, 'blocked');
        return fail(new AppError('account_blocked', 403, 'This account is blocked; contact support.'));
      }
      const next = RefreshTokens.issue(s.id);
      await em.update(Session, { id: s.id }, { refreshHash: next.hash, lastSeenAt: now });
      return done({ response: this.tokenResponse(customer, s.id), refreshToken: next.token });
    });
    return unwrap(outcome);
  }

  /** Ends the session named by the bearer token, or else by the refresh cookie. Always succeeds. */
  async logout(bearer: string | undefined, refreshToken: string | undefined, meta: RequestMeta): Promise<void> {
    let sessionId: string | null = null;
    if (bearer) {
      try {
        sessionId = this.tokens.verify(bearer).sid;
      } catch {
        sessionId = null;
      }
    }
    if (!sessionId) {
      const parsed = RefreshTokens.parse(refreshToken);
      if (parsed) {
        const s = await this.ds.getRepository(Session).createQueryBuilder('s').addSelect('s.refreshHash').where('s.id = :id', { id: parsed.sessionId }).getOne();
        if (s && RefreshTokens.matches(parsed.secret, s.refreshHash)) sessionId = s.id;
      }
    }
    if (!sessionId) return;
    await this.ds.transaction(async (em) => {
      const s = await em.findOneBy(Session, { id: sessionId, revokedAt: IsNull() });
      if (!s) return;
      await this.revoke(em, s.id, 'logout');
      await this.deps.audit.record(em, { action: 'logout', customerId: s.customerId, ip: meta.ip, details: { sessionId: s.id } });
    });
  }

  private async revoke(em: EntityManager, sessionId: string, reason: string): Promise<void> {
    this.sessions.forget(sessionId); // the change feed says so too, on commit; this is for this process, at once
    await em.update(Session, { id: sessionId, revokedAt: IsNull() }, { revokedAt: this.clock.now(), revokeReason: reason });
  }

  /** The guard of every non-public route: a valid access token of a live, non-idle session. */
  async authenticate(authorization: string | undefined, spec: RouteSpec): Promise<AuthContext> {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!m) {
      throw new AppError('authentication_required', 401, 'Sign in first: send `Authorization: Bearer <access token>`.', {}, { 'WWW-Authenticate': 'Bearer' });
    }
    let claims;
    try {
      claims = this.tokens.verify(m[1]);
    } catch (err) {
      const expired = err instanceof jwt.TokenExpiredError;
      throw new AppError('invalid_token', 401, expired ? 'The access token has expired; refresh it.' : 'The access token is not valid.', {}, {
        'WWW-Authenticate': `Bearer error="invalid_token"`,
      });
    }
    const now = this.clock.now();
    const row = await this.sessionFacts(claims.sid, claims.sub, now);
    if (!row) throw new AppError('session_expired', 401, 'This session has ended; sign in again.');
    if (ended(row, now)) {
      await this.revoke(this.ds.manager, claims.sid, 'idle');
      throw new AppError('session_expired', 401, 'The session ended after 15 minutes without activity; sign in again.');
    }
    if (row.status !== 'active') throw new AppError('account_blocked', 403, 'This account is blocked; contact support.');
    if (spec.auth === 'staff' && row.role !== 'operator' && row.role !== 'admin') {
      throw new AppError('forbidden', 403, 'This is for the provider’s staff only.');
    }
    if (row.mustChangePassword && !spec.allowWhenPasswordChangeRequired) {
      throw new AppError('password_change_required', 403, 'Change the issued password first: POST /api/v1/me/password.');
    }
    if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_MS) {
      await this.ds.query('UPDATE sessions SET last_seen_at = $2 WHERE id = $1', [claims.sid, now]);
      this.sessions.update(claims.sid, (f) => ({ ...f, lastSeenAt: now }));
    }
    return { customerId: claims.sub, sessionId: claims.sid, role: row.role };
  }

  /**
   * The live session's facts: from the session cache while it may serve them, else from the database. A session
   * that looks idle or expired in memory is read again before anything is decided (another node may have seen it).
   */
  private async sessionFacts(sessionId: string, customerId: string, now: Date): Promise<SessionFacts | null> {
    const cached = this.sessions.get(sessionId, now.getTime());
    if (cached && cached.customerId === customerId && !ended(cached, now)) return cached;
    const since = this.sessions.begin();
    const [row] = (await this.ds.query(
      `SELECT s.revoked_at, s.last_seen_at, s.expires_at, c.role, c.status, c.must_change_password
         FROM sessions s JOIN customers c ON c.id = s.customer_id
        WHERE s.id = $1 AND s.customer_id = $2`,
      [sessionId, customerId],
    )) as { revoked_at: Date | null; last_seen_at: Date; expires_at: Date; role: AuthContext['role']; status: string; must_change_password: boolean }[];
    if (!row || row.revoked_at) return null;
    const facts: SessionFacts = { customerId, role: row.role, status: row.status, mustChangePassword: row.must_change_password, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at };
    this.sessions.put(sessionId, facts, now.getTime(), since);
    return facts;
  }

  async changePassword(
    auth: AuthContext,
    input: { currentPassword: string; newPassword: string; endOtherSessions?: boolean },
    meta: RequestMeta,
  ): Promise<ChangePasswordResponse> {
    const msgIds: string[] = [];
    const result = await this.ds.transaction(async (em) => {
      const c = await this.deps.customers.findCredentialsById(em, auth.customerId);
      if (!c) throw AppError.notFound('The customer');
      assertPasswordPolicy(input.newPassword, { phone: c.phone });
      if (!(await verifyPassword(c.passwordHash, input.currentPassword))) {
        throw new AppError('wrong_password', 400, 'The current password is wrong.', {
          errors: [{ field: 'currentPassword', code: 'wrong_password', message: 'The current password is wrong.' }],
        });
      }
      if (input.newPassword === input.currentPassword) {
        throw new AppError('weak_password', 400, 'The new password must differ from the current one.', {
          errors: [{ field: 'newPassword', code: 'weak_password', message: 'The new password must differ from the current one.' }],
        });
      }
      await this.deps.customers.setPasswordHash(em, c.id, await hashPassword(input.newPassword));
      let endedSessions = 0;
      if (input.endOtherSessions) {
        const r = await em
          .createQueryBuilder()
          .update(Session)
          .set({ revokedAt: this.clock.now(), revokeReason: 'password_changed' })
          .where('customer_id = :cid AND id <> :sid AND revoked_at IS NULL', { cid: c.id, sid: auth.sessionId })
          .execute();
        endedSessions = r.affected ?? 0;
      }
      msgIds.push(
        ...(await this.deps.notifications.notify(em, {
          event: 'security.password_changed',
          customerId: c.id,
          title: 'Пароль изменён',
          body: 'Пароль от личного кабинета изменён. Если это были не вы, позвоните нам.',
          link: '/sessions',
          sms: c.phone,
        })),
      );
      await this.deps.audit.record(em, { action: 'password_changed', customerId: c.id, ip: meta.ip, details: { endedSessions } });
      return { endedSessions };
    });
    await this.deps.notifications.deliver(msgIds);
    return result;
  }

  /** Sends a code to the bound phone. Answers the same whether or not the login exists. */
  async requestPasswordReset(input: { login: string; surname?: string }, meta: RequestMeta): Promise<PasswordResetResponse> {
    const surnameRequired = this.config.passwordResetRequiresSurname;
    if (surnameRequired && !input.surname?.trim()) {
      throw AppError.validation([{ field: 'surname', code: 'isNotEmpty', message: 'surname is required' }]);
    }
    const hit = await this.deps.rate.hit(`otp-resend:password_reset:${loginKey(input.login)}`, Limits.otpResendSeconds * 1000);
    if (hit.hits > 1) {
      const retryAfter = this.deps.rate.retryAfter(hit.resetAt);
      throw new AppError('otp_resend_too_soon', 429, `A code was sent recently; ask again in ${retryAfter} s.`, { retryAfter }, { 'Retry-After': String(retryAfter) });
    }
    const msgIds: string[] = [];
    await this.ds.transaction(async (em) => {
      const c = await this.deps.customers.findCredentials(em, input.login);
      if (!c || c.status !== 'active') return;
      if (surnameRequired && !sameName(c.surname, input.surname!)) return;
      const code = await this.deps.otp.issue(em, { customerId: c.id, purpose: 'password_reset', target: c.phone });
      msgIds.push(
        await this.deps.notifications.enqueue(em, {
          channel: 'sms',
          to: c.phone,
          customerId: c.id,
          body: `Код для восстановления пароля: ${code}. Никому не сообщайте его. Действует 5 минут.`,
        }),
      );
      await this.deps.audit.record(em, { action: 'password_reset_requested', customerId: c.id, ip: meta.ip });
    });
    await this.deps.notifications.deliver(msgIds);
    return { resendAfter: Limits.otpResendSeconds, codeTtl: Limits.otpTtlSeconds, surnameRequired };
  }

  /** Code + new password: sets it, ends every session, lifts a sign-in lock. */
  async confirmPasswordReset(input: { login: string; code: string; newPassword: string }, meta: RequestMeta): Promise<void> {
    const msgIds: string[] = [];
    const outcome = await this.ds.transaction(async (em): Promise<Outcome<void>> => {
      const c = await this.deps.customers.findCredentials(em, input.login);
      if (!c) return fail(new AppError('otp_invalid', 400, 'The code is wrong or was never sent; ask for a new one.', { attemptsLeft: 0 }));
      assertPasswordPolicy(input.newPassword, { phone: c.phone });
      const check = await this.deps.otp.check(em, { customerId: c.id, purpose: 'password_reset', code: input.code });
      if (!check.ok) return fail(check.error);
      await this.deps.customers.setPasswordHash(em, c.id, await hashPassword(input.newPassword));
      await em
        .createQueryBuilder()
        .update(Session)
        .set({ revokedAt: this.clock.now(), revokeReason: 'password_reset' })
        .where('customer_id = :cid AND revoked_at IS NULL', { cid: c.id })
        .execute();
      await em.delete(LoginAttempt, [{ loginKey: loginKey(input.login) }, { loginKey: c.phone }]);
      msgIds.push(
        await this.deps.notifications.enqueue(em, {
          channel: 'sms',
          to: c.phone,
          customerId: c.id,
          body: 'Пароль от личного кабинета восстановлен по коду из SMS. Если это были не вы, позвоните нам.',
        }),
      );
      await this.deps.audit.record(em, { action: 'password_reset', customerId: c.id, ip: meta.ip });
      return done(undefined);
    });
    unwrap(outcome);
    await this.deps.notifications.deliver(msgIds);
  }

  /** Live sessions (not ended, not idle), newest first. */
  async listSessions(auth: AuthContext, q: { limit: number; cursor?: string }): Promise<Page<SessionView>> {
    const now = this.clock.now();
    const after = decodeCursor(q.cursor);
    const qb = this.ds
      .getRepository(Session)
      .createQueryBuilder('s')
      .where('s.customer_id = :cid AND s.revoked_at IS NULL AND s.expires_at > :now AND s.last_seen_at > :idle', {
        cid: auth.customerId,
        now,
        idle: new Date(now.getTime() - IDLE_MS),
      });
    if (after) qb.andWhere('(s.created_at, s.id) < (:at, :id)', { at: after.at, id: after.id });
    const rows = await qb.orderBy('s.created_at', 'DESC').addOrderBy('s.id', 'DESC').limit(q.limit + 1).getMany();
    return toPage(rows, q.limit, (s) => ({ at: s.createdAt.toISOString(), id: s.id }), (s) => ({
      id: s.id,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      userAgent: s.userAgent,
      ip: s.ip,
      current: s.id === auth.sessionId,
    }));
  }

  async revokeSession(auth: AuthContext, sessionId: string, meta: RequestMeta): Promise<void> {
    await this.ds.transaction(async (em) => {
      const s = await em.findOneBy(Session, { id: sessionId, customerId: auth.customerId, revokedAt: IsNull(), expiresAt: MoreThan(this.clock.now()) });
      if (!s) throw AppError.notFound('The session');
      await this.revoke(em, s.id, 'revoked');
      await this.deps.audit.record(em, { action: 'session_revoked', customerId: auth.customerId, ip: meta.ip, details: { sessionId } });
    });
  }

  /** Back office: a customer's live sessions, newest first. */
  async sessionsOf(customerId: string): Promise<StaffSessionView[]> {
    const now = this.clock.now();
    const rows = await this.ds
      .getRepository(Session)
      .createQueryBuilder('s')
      .where('s.customer_id = :cid AND s.revoked_at IS NULL AND s.expires_at > :now AND s.last_seen_at > :idle', { cid: customerId, now, idle: new Date(now.getTime() - IDLE_MS) })
      .orderBy('s.created_at', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .limit(50)
      .getMany();
    return rows.map((s) => ({ id: s.id, createdAt: s.createdAt.toISOString(), lastSeenAt: s.lastSeenAt.toISOString(), userAgent: s.userAgent, ip: s.ip }));
  }

  /**
   * Back office: ends one session of a customer (or every one, `sessionId` null), in the caller's
   * transaction when given; audited with the staff member as the actor. Returns how many ended.
   */
  async revokeByStaff(actorId: string, customerId: string, sessionId: string | null, ip: string | null, em?: EntityManager): Promise<number> {
    const run = async (m: EntityManager) => {
      const qb = m
        .createQueryBuilder()
        .update(Session)
        .set({ revokedAt: this.clock.now(), revokeReason: 'staff' })
        .where('customer_id = :cid AND revoked_at IS NULL', { cid: customerId });
      if (sessionId) qb.andWhere('id = :sid', { sid: sessionId });
      const ended = (await qb.execute()).affected ?? 0;
      if (sessionId && !ended) throw AppError.notFound('The session');
      await this.deps.audit.record(m, { action: 'session_revoked', actorId, customerId, ip, details: { by: 'staff', sessionId, endedSessions: ended } });
      return ended;
    };
    return em ? run(em) : this.ds.transaction(run);
  }

  async revokeOtherSessions(auth: AuthContext, meta: RequestMeta): Promise<ChangePasswordResponse> {
    return this.ds.transaction(async (em) => {
      const r = await em
        .createQueryBuilder()
        .update(Session)
        .set({ revokedAt: this.clock.now(), revokeReason: 'revoked' })
        .where('customer_id = :cid AND id <> :sid AND revoked_at IS NULL', { cid: auth.customerId, sid: auth.sessionId })
        .execute();
      const endedSessions = r.affected ?? 0;
      await this.deps.audit.record(em, { action: 'session_revoked', customerId: auth.customerId, ip: meta.ip, details: { others: true, endedSessions } });
      return { endedSessions };
    });
  }
}

function locked(until: Date, now: Date): AppError {
  const retryAfter = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new AppError(
    'login_locked',
    423,
    `Too many failed attempts: sign-in for this login is locked until ${until.toISOString()}. You can restore the password by SMS.`,
    { lockedUntil: until.toISOString() },
    { 'Retry-After': String(retryAfter) },
  );
}

function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.trim().toLowerCase().replace(/ё/g, 'е');
  return norm(a) === norm(b);
}
