import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  CustomerRoles,
  CustomerStatuses,
  Genders,
  Limits,
  type CustomerRole,
  type CustomerStatus,
  type CustomerView,
  type EmailChangeRequest,
  type Gender,
  type PhoneChangeConfirmRequest,
  type PhoneChangeRequest,
  type PhoneChangeStartedResponse,
} from '@cabinet/shared-types';

const nullable = (type: 'string' | 'integer', extra: Record<string, unknown> = {}) => JSONSchema({ type: [type, 'null'], ...extra });

export class CustomerViewDto implements CustomerView {
  @IsUUID() id: string;
  @JSONSchema({ examples: ['+79210000001'] }) @IsString() phone: string;
  @nullable('string') @IsOptional() @IsString() contractNumber: string | null;
  @IsString() surname: string;
  @IsString() name: string;
  @nullable('string') @IsOptional() @IsString() patronymic: string | null;
  @nullable('string', { format: 'date' }) @IsOptional() @IsString() birthDate: string | null;
  @nullable('string', { enum: [...Genders, null] }) @IsOptional() @IsIn(Genders) gender: Gender | null;
  @nullable('string', { format: 'email' }) @IsOptional() @IsString() email: string | null;
  @IsIn(CustomerStatuses) status: CustomerStatus;
  @IsIn(CustomerRoles) role: CustomerRole;
  @IsBoolean() mustChangePassword: boolean;
  @IsISO8601() createdAt: string;
}

export class EmailChangeDto implements EmailChangeRequest {
  /** The current password, asked again. */
  @IsString() @IsNotEmpty() @MaxLength(Limits.passwordMaxLength) password: string;

  /** The new e-mail, or null to remove it. */
  @nullable('string', { format: 'email' })
  @ValidateIf((o) => o.email !== null)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(Limits.emailMaxLength)
  email: string | null;
}

export class PhoneChangeDto implements PhoneChangeRequest {
  /** The current password, asked again. */
  @IsString() @IsNotEmpty() @MaxLength(Limits.passwordMaxLength) password: string;
  /** The new phone as typed: `8 (921) 000-00-02`, `+7 921…`, `921…`. */
  @JSONSchema({ examples: ['8 (921) 000-00-02'] }) @IsString() @IsNotEmpty() @MaxLength(32) phone: string;
}

export class PhoneChangeStartedDto implements PhoneChangeStartedResponse {
  @IsString() phone: string;
  @IsInt() resendAfter: number;
  @IsInt() codeTtl: number;
}

export class PhoneChangeConfirmDto implements PhoneChangeConfirmRequest {
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' }) code: string;
}
