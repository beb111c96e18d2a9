import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('captcha_challenges')
export class CaptchaChallengeRow {
  @PrimaryColumn('uuid')
  id: string;

  /** Lower-case answer. Short-lived and single-use, so kept as text (a test reads it to solve the challenge). */
  @Column('varchar', { length: 16 })
  answer: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'used_at', nullable: true })
  usedAt: Date | null;
}
