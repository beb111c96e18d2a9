import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('one_time_codes')
export class OneTimeCode {
  @PrimaryColumn('uuid')
  id: string;

  /** Null for a code that confirms a phone before the customer exists (then `subject` names what it confirms). */
  @Column('uuid', { name: 'customer_id', nullable: true })
  customerId: string | null;

  @Column('varchar', { length: 64, nullable: true })
  subject: string | null;

  @Column('varchar', { length: 32 })
  purpose: string;

  /** Where the code went (a phone or an e-mail); for a phone change, the new phone. */
  @Column('varchar', { length: 254 })
  target: string;

  @Column('varchar', { name: 'code_hash', length: 64 })
  codeHash: string;

  @Column('int')
  attempts: number;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'consumed_at', nullable: true })
  consumedAt: Date | null;
}
