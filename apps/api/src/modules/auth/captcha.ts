import { randomUUID } from 'node:crypto';
import svgCaptcha from 'svg-captcha';
import type { EntityManager } from 'typeorm';
import type { CaptchaChallenge } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { CaptchaChallengeRow } from './entities/captcha-challenge.entity';

/** A captcha provider. The built-in one draws text as SVG; a real provider (SmartCaptcha, reCAPTCHA) fits the same shape. */
export interface CaptchaProvider {
  issue(em: EntityManager): Promise<CaptchaChallenge>;
  /** True once for the right answer; every challenge is single-use, right or wrong. */
  verify(em: EntityManager, id: string, answer: string): Promise<boolean>;
}

const TTL_MS = 5 * 60_000;

/** Server-side text captcha: the picture goes to the client, the answer stays in PostgreSQL. */
export class SvgCaptchaProvider implements CaptchaProvider {
  constructor(private readonly clock: Clock) {}

  async issue(em: EntityManager): Promise<CaptchaChallenge> {
    const { data, text } = svgCaptcha.create({ size: 5, noise: 2, ignoreChars: '0oO1iIlL', color: false, background: '#ffffff' });
    const now = this.clock.now();
    const row = { id: randomUUID(), answer: text.toLowerCase(), createdAt: now, expiresAt: new Date(now.getTime() + TTL_MS), usedAt: null };
    await em.insert(CaptchaChallengeRow, row);
    return {
      id: row.id,
      image: `data:image/svg+xml;base64,${Buffer.from(data).toString('base64')}`,
      expiresAt: row.expiresAt.toISOString(),
    };
  }

  async verify(em: EntityManager, id: string, answer: string): Promise<boolean> {
    const now = this.clock.now();
    const [rows] = await em.query(
      `UPDATE captcha_challenges SET used_at = $2 WHERE id = $1 AND used_at IS NULL AND expires_at > $2 RETURNING answer`,
      [id, now],
    );
    const row = (rows as { answer: string }[])[0];
    return !!row && row.answer === answer.trim().toLowerCase();
  }
}
