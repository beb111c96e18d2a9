import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Limits, SecurityQuestionLimits, type SecurityQuestionChallenge, type SecurityQuestionView } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { assertPasswordPolicy, hashPassword, verifyPassword } from '../../platform/passwords';
import type { RateCounter } from '../../platform/rate-limit';
import type { AuditService } from '../audit';
import { loginKey, type CustomersService, type RequestMeta } from '../customers';
import type { NotificationsService } from '../notifications';
import { LoginAttempt } from './entities/login-attempt.entity';
import { Session } from './entities/session.entity';

const DAY_MS = 24 * 3600_000;

/** «  Девичья   ФАМИЛИЯ » and «девичья фамилия» are the same answer; ё is е. */
export function normalizeAnswer(answer: string): string {
  return answer.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase().replaceAll('ё', 'е');
}

/**
 * Password recovery by a security question (issue 10), for when the phone is lost. The answer is hashed
 * with argon2id as passwords are; a challenge lives as long as a one-time code and allows as many tries
 * (then it is spent and a new one must be asked for, at most a few a day per login).
 */
export class SecurityQuestionService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: { customers: CustomersService; audit: AuditService; notifications: NotificationsService; rate: RateCounter },
  ) {}

  async get(customerId: string): Promise<SecurityQuestionView> {
    const [row] = await this.ds.query('SELECT security_question, security_question_set_at FROM customers WHERE id = $1', [customerId]);
    return { question: row?.security_question ?? null, setAt: row?.security_question_set_at?.toISOString() ?? null };
  }

  async set(customerId: string, input: { question: string; answer: string; password: string }, meta: RequestMeta): Promise<SecurityQuestionView> {
    const question = input.question.trim().replace(/\s+/g, ' ');
    const answer = normalizeAnswer(input.answer);
    if (question.length < 5) throw AppError.validation([{ field: 'question', code: 'minLength', message: 'question must be at least 5 characters' }]);
    if (answer.length < SecurityQuestionLimits.answerMinLength) throw AppError.validation([{ field: 'answer', code: 'minLength', message: `answer must be at least ${SecurityQuestionLimits.answerMinLength} characters` }]);
    const hash = await hashPassword(answer);
    await this.ds.transaction(async (em) => {
      const c = await this.deps.customers.findCredentialsById(em, customerId);
      if (!c || !(await verifyPassword(c.passwordHash, input.password))) throw new AppError('wrong_password', 400, 'The password is wrong.', { errors: [{ field: 'password', code: 'wrong_password', message: 'The password is wrong.' }] });
      await em.query('UPDATE customers SET security_question = $2, security_answer_hash = $3, security_question_set_at = $4 WHERE id = $1', [customerId, question, hash, this.clock.now()]);
      await em.query('UPDATE security_question_challenges SET consumed_at = $2 WHERE customer_id = $1 AND consumed_at IS NULL', [customerId, this.clock.now()]);
      await this.deps.audit.record(em, { action: 'security_question_set', customerId, ip: meta.ip });
    });
    return this.get(customerId);
  }

  async remove(customerId: string, meta: RequestMeta): Promise<void> {
    await this.ds.transaction(async (em) => {
      await em.query('UPDATE customers SET security_question = NULL, security_answer_hash = NULL, security_question_set_at = NULL WHERE id = $1', [customerId]);
      await em.query('UPDATE security_question_challenges SET consumed_at = $2 WHERE customer_id = $1 AND consumed_at IS NULL', [customerId, this.clock.now()]);
      await this.deps.audit.record(em, { action: 'security_question_set', customerId, ip: meta.ip, details: { removed: true } });
    });
  }

  /** The question of a login, as a challenge with the tries of a one-time code. Unknown login or no question: the same 404. */
  async challenge(login: string): Promise<SecurityQuestionChallenge> {
    const notSet = () => new AppError('security_question_not_set', 404, 'No security question is set for this login; restore the password by SMS.');
    const c = await this.deps.customers.findCredentials(this.ds.manager, login);
    if (!c || c.status !== 'active') throw notSet();
    const [row] = await this.ds.query('SELECT security_question FROM customers WHERE id = $1 AND security_answer_hash IS NOT NULL', [c.id]);
    if (!row) throw notSet();
    const hit = await this.deps.rate.hit(`security-question:${c.id}`, DAY_MS);
    if (hit.hits > SecurityQuestionLimits.challengesPerDay) {
      const retryAfter = this.deps.rate.retryAfter(hit.resetAt);
      throw new AppError('rate_limited', 429, `Too many tries today; try again in ${retryAfter} s or restore by SMS.`, { retryAfter }, { 'Retry-After': String(retryAfter) });
    }
    const now = this.clock.now();
    const id = randomUUID();
    const expiresAt = new Date(now.getTime() + Limits.otpTtlSeconds * 1000);
    await this.ds.transaction(async (em) => {
      await em.query('UPDATE security_question_challenges SET consumed_at = $2 WHERE customer_id = $1 AND consumed_at IS NULL', [c.id, now]);
      await em.query('INSERT INTO security_question_challenges (id, customer_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [id, c.id, now, expiresAt]);
    });
    return { challengeId: id, question: row.security_question, attemptsLeft: Limits.otpMaxAttempts, expiresAt: expiresAt.toISOString() };
  }

  /** The right answer and a new password: sets it, ends every session, lifts a sign-in lock — as the SMS code does. */
  async reset(input: { challengeId: string; answer: string; newPassword: string }, meta: RequestMeta): Promise<void> {
    const now = this.clock.now();
    const msgIds: string[] = [];
    const outcome = await this.ds.transaction(async (em): Promise<AppError | null> => {
      const [ch] = await em.query('SELECT * FROM security_question_challenges WHERE id = $1 FOR UPDATE', [input.challengeId]);
      if (!ch || ch.consumed_at || ch.expires_at <= now || ch.attempts >= Limits.otpMaxAttempts) {
        return new AppError('otp_expired', 400, 'This question was asked too long ago or has no tries left; ask for it again.', { attemptsLeft: 0 });
      }
      const c = await this.deps.customers.findCredentialsById(em, ch.customer_id);
      if (!c) return new AppError('otp_expired', 400, 'Ask for the question again.', { attemptsLeft: 0 });
      assertPasswordPolicy(input.newPassword, { phone: c.phone, field: 'newPassword' });
      const [{ security_answer_hash: hash }] = await em.query('SELECT security_answer_hash FROM customers WHERE id = $1', [c.id]);
      if (!(await verifyPassword(hash, normalizeAnswer(input.answer)))) {
        const attempts = ch.attempts + 1;
        await em.query('UPDATE security_question_challenges SET attempts = $2, consumed_at = $3 WHERE id = $1', [ch.id, attempts, attempts >= Limits.otpMaxAttempts ? now : null]);
        const attemptsLeft = Math.max(0, Limits.otpMaxAttempts - attempts);
        return new AppError('security_answer_invalid', 400, attemptsLeft ? `The answer is wrong; ${attemptsLeft} tries left.` : 'The answer is wrong and no tries are left; ask for the question again.', { attemptsLeft });
      }
      await em.query('UPDATE security_question_challenges SET consumed_at = $2 WHERE id = $1', [ch.id, now]);
      await this.deps.customers.setPasswordHash(em, c.id, await hashPassword(input.newPassword));
      await em.createQueryBuilder().update(Session).set({ revokedAt: now, revokeReason: 'password_reset' }).where('customer_id = :cid AND revoked_at IS NULL', { cid: c.id }).execute();
      const [{ contract_number: contract }] = await em.query('SELECT contract_number FROM customers WHERE id = $1', [c.id]);
      await em.delete(LoginAttempt, [{ loginKey: c.phone }, ...(contract ? [{ loginKey: loginKey(contract) }] : [])]);
      msgIds.push(
        await this.deps.notifications.enqueue(em, {
          channel: 'sms',
          to: c.phone,
          customerId: c.id,
          body: 'Пароль от личного кабинета восстановлен по контрольному вопросу. Если это были не вы, позвоните нам.',
        }),
      );
      await this.deps.audit.record(em, { action: 'password_reset_by_question', customerId: c.id, ip: meta.ip });
      return null;
    });
    if (outcome) throw outcome;
    await this.deps.notifications.deliver(msgIds);
  }
}
