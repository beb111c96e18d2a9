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
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
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
  PhoneChangeStatuses,
  type ConfirmPhoneChangeRequest,
  type PhoneChangeRequestView,
  type PhoneChangeStatus,
  type RejectPhoneChangeRequest,
} from '@cabinet/shared-types';
import { PageQuery } from '../../platform/pagination';

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
  /** A phone change waiting for an operator's confirmation (borrowers); null when none. */
  @nullable('string') @IsOptional() @IsString() pendingPhone?: string | null;
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

// --- back office: phone changes waiting for an operator --------------------------------------------

export class PhoneChangeListQuery extends PageQuery {
  /** Default `pending` (the queue). */
  @IsOptional() @IsIn(PhoneChangeStatuses) status?: PhoneChangeStatus;
}

export class PhoneChangeParams {
  @IsUUID() id: string;
}

export class PhoneChangeCustomerDto {
  @IsUUID() id: string;
  @IsString() name: string;
}

export class PhoneChangeRequestViewDto implements PhoneChangeRequestView {
  @IsUUID() id: string;
  @ValidateNested() @Type(() => PhoneChangeCustomerDto) customer: PhoneChangeCustomerDto;
  @IsString() oldPhone: string;
  @IsString() newPhone: string;
  @IsIn(PhoneChangeStatuses) status: PhoneChangeStatus;
  @IsISO8601() requestedAt: string;
  @nullable('string', { format: 'date-time' }) @IsOptional() @IsString() decidedAt: string | null;
  @nullable('string') @IsOptional() @IsString() note: string | null;
}

export class ConfirmPhoneChangeDto implements ConfirmPhoneChangeRequest {
  /** The 4 digits of the passport series, as the person says them. */
  @Matches(/^\d{4}$/, { message: 'passportSeries must be 4 digits' }) passportSeries: string;
  /** The 6 digits of the passport number. */
  @Matches(/^\d{6}$/, { message: 'passportNumber must be 6 digits' }) passportNumber: string;
}

export class RejectPhoneChangeDto implements RejectPhoneChangeRequest {
  @IsString() @IsNotEmpty() @MaxLength(300) reason: string;
}
