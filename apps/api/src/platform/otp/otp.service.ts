import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { IsNull, type EntityManager } from 'typeorm';
import { Limits } from '@cabinet/shared-types';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import { OneTimeCode } from './one-time-code.entity';

export type OtpPurpose = 'password_reset' | 'phone_change';

/** Codes for something that has no customer yet (a card activation confirms the phone of a person to be). */
export type SubjectOtpPurpose = 'bonus_activation';

export type OtpCheck =
  | { ok: true; code: OneTimeCode }
  | { ok: false; error: AppError };

/**
 * One-time codes: 6 digits, stored as an HMAC (never the code), 5 minutes of life, 3 tries.
 * Issuing a new code retires the previous one of the same purpose.
 */
export class OtpService {
  constructor(
    private readonly clock: Clock,
    private readonly secret: string,
  ) {}

  private hash(code: string, id: string): string {
    return createHmac('sha256', this.secret).update(`${id}:${code}`).digest('hex');
  }

  /** Creates a code and returns it in plain text, for the caller to send. */
  async issue(em: EntityManager, input: { customerId: string; purpose: OtpPurpose; target: string }): Promise<string> {
    const now = this.clock.now();
    await em.update(
      OneTimeCode,
      { customerId: input.customerId, purpose: input.purpose, consumedAt: IsNull() },
      { consumedAt: now },
    );
    const code = String(randomInt(0, 10 ** Limits.otpLength)).padStart(Limits.otpLength, '0');
    const id = randomUUID();
    await em.insert(OneTimeCode, {
      id,
      customerId: input.customerId,
      subject: null,
      purpose: input.purpose,
      target: input.target,
      codeHash: this.hash(code, id),
      attempts: 0,
      createdAt: now,
      expiresAt: new Date(now.getTime() + Limits.otpTtlSeconds * 1000),
      consumedAt: null,
    });
    return code;
  }

  /**
   * Checks a code against the newest live one; a wrong try is counted (and persists even when the
   * caller then answers an error, so the caller must commit before throwing `error`).
   */
  async check(em: EntityManager, input: { customerId: string; purpose: OtpPurpose; code: string }): Promise<OtpCheck> {
    const row = await em
      .getRepository(OneTimeCode)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.customer_id = :id AND c.purpose = :purpose AND c.consumed_at IS NULL', {
        id: input.customerId,
        purpose: input.purpose,
      })
      .orderBy('c.created_at', 'DESC')
      .limit(1)
      .getOne();
    return this.verify(em, row, input.code);
  }

  /** A code for a subject that is not a customer (yet): same life, tries and hashing as `issue`. */
  async issueForSubject(em: EntityManager, input: { subject: string; purpose: SubjectOtpPurpose; target: string }): Promise<string> {
    const now = this.clock.now();
    await em.update(OneTimeCode, { subject: input.subject, purpose: input.purpose, consumedAt: IsNull() }, { consumedAt: now });
    const code = String(randomInt(0, 10 ** Limits.otpLength)).padStart(Limits.otpLength, '0');
    const id = randomUUID();
    await em.insert(OneTimeCode, {
      id,
      customerId: null,
      subject: input.subject,
      purpose: input.purpose,
      target: input.target,
      codeHash: this.hash(code, id),
      attempts: 0,
      createdAt: now,
      expiresAt: new Date(now.getTime() + Limits.otpTtlSeconds * 1000),
      consumedAt: null,
    });
    return code;
  }

  /** Checks a code issued by `issueForSubject`; a wrong try is counted as in `check` (commit before throwing). */
  async checkForSubject(em: EntityManager, input: { subject: string; purpose: SubjectOtpPurpose; code: string }): Promise<OtpCheck> {
    const row = await em
      .getRepository(OneTimeCode)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.subject = :subject AND c.purpose = :purpose AND c.consumed_at IS NULL', { subject: input.subject, purpose: input.purpose })
      .orderBy('c.created_at', 'DESC')
      .limit(1)
      .getOne();
    return this.verify(em, row, input.code);
  }

  private async verify(em: EntityManager, row: OneTimeCode | null, code: string): Promise<OtpCheck> {
    const now = this.clock.now();
    if (!row) return { ok: false, error: new AppError('otp_invalid', 400, 'The code is wrong or was never sent; ask for a new one.', { attemptsLeft: 0 }) };
    if (row.expiresAt <= now) {
      await em.update(OneTimeCode, { id: row.id }, { consumedAt: now });
      return { ok: false, error: new AppError('otp_expired', 400, 'The code has expired; ask for a new one.') };
    }
    const expected = Buffer.from(row.codeHash, 'hex');
    const given = Buffer.from(this.hash(code, row.id), 'hex');
    if (timingSafeEqual(expected, given)) {
      await em.update(OneTimeCode, { id: row.id }, { consumedAt: now, attempts: row.attempts + 1 });
      return { ok: true, code: row };
    }
    const attempts = row.attempts + 1;
    const left = Math.max(0, Limits.otpMaxAttempts - attempts);
    await em.update(OneTimeCode, { id: row.id }, { attempts, consumedAt: left === 0 ? now : null });
    return {
      ok: false,
      error:
        left === 0
          ? new AppError('otp_expired', 400, 'The code was entered wrong 3 times and no longer works; ask for a new one.', { attemptsLeft: 0 })
          : new AppError('otp_invalid', 400, `The code is wrong. Tries left: ${left}.`, { attemptsLeft: left }),
    };
  }
}
