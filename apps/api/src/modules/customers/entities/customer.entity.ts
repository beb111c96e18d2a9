import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CustomerRole, CustomerStatus, Gender } from '@cabinet/shared-types';

@Entity('customers')
export class Customer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('varchar', { length: 16, unique: true })
  phone: string;

  @Column('varchar', { name: 'contract_number', length: 32, nullable: true })
  contractNumber: string | null;

  @Column('varchar', { length: 100 })
  surname: string;

  @Column('varchar', { length: 100 })
  name: string;

  @Column('varchar', { length: 100, nullable: true })
  patronymic: string | null;

  @Column('date', { name: 'birth_date', nullable: true })
  birthDate: string | null;

  @Column('varchar', { length: 6, nullable: true })
  gender: Gender | null;

  @Column('varchar', { length: 254, nullable: true })
  email: string | null;

  @Column('varchar', { name: 'password_hash', length: 255, select: false })
  passwordHash: string;

  @Column('varchar', { length: 16 })
  status: CustomerStatus;

  @Column('varchar', { length: 16 })
  role: CustomerRole;

  @Column('boolean', { name: 'must_change_password' })
  mustChangePassword: boolean;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
