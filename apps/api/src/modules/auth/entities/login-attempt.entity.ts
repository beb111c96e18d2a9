import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('login_attempts')
export class LoginAttempt {
  @PrimaryColumn('varchar', { name: 'login_key', length: 64 })
  loginKey: string;

  @Column('int')
  failures: number;

  @Column('timestamptz', { name: 'last_failure_at', nullable: true })
  lastFailureAt: Date | null;

  @Column('timestamptz', { name: 'locked_until', nullable: true })
  lockedUntil: Date | null;
}
