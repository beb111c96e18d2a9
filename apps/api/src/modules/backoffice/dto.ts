import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsISO8601, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  AdjustmentDirections,
  CustomerRoles,
  CustomerStatuses,
  StaffRoles,
  type AccountView,
  type AdjustmentDirection,
  type AdjustmentRequest,
  type AdjustmentView,
  type AuditEntryView,
  type AuditQuery,
  type BackofficeSummary,
  type CreateStaffRequest,
  type CustomerCard,
  type CustomerCardItem,
  type CustomerCardSection,
  type CustomerRole,
  type CustomerSearchQuery,
  type CustomerStatus,
  type CustomerSummaryView,
  type CustomerView,
  type PaymentView,
  type StaffRole,
  type StaffSessionView,
  type StaffView,
  type UpdateStaffRequest,
} from '@cabinet/shared-types';
import { PageQuery } from '../../platform/pagination';
import { MoneyDto } from '../tariffs';

const nullable = (type: 'string' | 'object', extra: Record<string, unknown> = {}) => JSONSchema({ type: [type, 'null'], ...extra });
const refTo = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export class CustomerSearchQueryDto extends PageQuery implements CustomerSearchQuery {
  /** A phone (login or a line's number, as typed), contract or account number, or a name: `Иванов Иван`. */
  @JSONSchema({ examples: ['8 921 000-00-01'] })
  @IsString() @MinLength(2) @MaxLength(100) q: string;
}

export class CustomerSummaryDto implements CustomerSummaryView {
  @IsUUID() id: string;
  @IsString() phone: string;
  @nullable('string') @IsOptional() @IsString() contractNumber: string | null;
  @IsString() fullName: string;
  @IsIn(CustomerRoles) role: CustomerRole;
  @IsIn(CustomerStatuses) status: CustomerStatus;
  @IsString({ each: true }) accountNumbers: string[];
  @IsISO8601() createdAt: string;
}

export class StaffSessionDto implements StaffSessionView {
  @IsUUID() id: string;
  @IsISO8601() createdAt: string;
  @IsISO8601() lastSeenAt: string;
  @nullable('string') @IsOptional() @IsString() userAgent: string | null;
  @nullable('string') @IsOptional() @IsString() ip: string | null;
}

export class CardItemDto implements CustomerCardItem {
  @IsString() id: string;
  @IsString() title: string;
  @nullable('string') @IsOptional() @IsString() subtitle: string | null;
  @nullable('string') @IsOptional() @IsString() status: string | null;
  @JSONSchema({ oneOf: [{ $ref: '#/components/schemas/MoneyDto' }, { type: 'null' }] })
  @IsOptional() @ValidateNested() @Type(() => MoneyDto) amount: MoneyDto | null;
  @nullable('string', { format: 'date-time' }) @IsOptional() @IsISO8601() at: string | null;
  @nullable('string') @IsOptional() @IsString() link: string | null;
}

export class CardSectionDto implements CustomerCardSection {
  /** `orders`, `applications`; `loans`, `bonus` where those modules are on. */
  @IsString() key: string;
  @IsString() title: string;
  @ValidateNested({ each: true }) @Type(() => CardItemDto) items: CardItemDto[];
}

export class CustomerCardDto implements CustomerCard {
  @JSONSchema(refTo('CustomerViewDto')) @IsObject() customer: CustomerView;
  @JSONSchema({ type: 'array', items: refTo('AccountViewDto') }) @IsArray() accounts: AccountView[];
  @ValidateNested({ each: true }) @Type(() => StaffSessionDto) sessions: StaffSessionDto[];
  @JSONSchema({ type: 'array', items: refTo('PaymentViewDto') }) @IsArray() payments: PaymentView[];
  @ValidateNested({ each: true }) @Type(() => CardSectionDto) sections: CardSectionDto[];
}

export class CustomerIdParams {
  @IsUUID() id: string;
}

export class CustomerSessionParams extends CustomerIdParams {
  @IsUUID() sessionId: string;
}

export class EndedSessionsCountDto {
  @IsInt() endedSessions: number;
}

export class AccountIdParams {
  @IsUUID() accountId: string;
}

export class AdjustmentDto implements AdjustmentRequest {
  @IsIn(AdjustmentDirections) direction: AdjustmentDirection;
  /** A positive amount in kopecks. */
  @JSONSchema({ examples: [{ amount: 15000, currency: 'RUB' }] })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => MoneyDto) amount: MoneyDto;
  /** Shown in the customer's history and kept in the audit log. */
  @JSONSchema({ examples: ['Компенсация за перерыв связи 12.11'] })
  @IsString() @IsNotEmpty() @MaxLength(200) reason: string;
}

export class AdjustmentViewDto implements AdjustmentView {
  @IsUUID() entryId: string;
  @IsUUID() accountId: string;
  @ValidateNested() @Type(() => MoneyDto) amount: MoneyDto;
  @ValidateNested() @Type(() => MoneyDto) balanceBefore: MoneyDto;
  @ValidateNested() @Type(() => MoneyDto) balanceAfter: MoneyDto;
  @IsString() reason: string;
  @IsISO8601() createdAt: string;
}

export class StaffViewDto implements StaffView {
  @IsUUID() id: string;
  @IsString() phone: string;
  @IsString() fullName: string;
  @IsIn(StaffRoles) role: StaffRole;
  @IsIn(CustomerStatuses) status: CustomerStatus;
  @IsBoolean() mustChangePassword: boolean;
  @IsISO8601() createdAt: string;
}

export class StaffListDto {
  @ValidateNested({ each: true }) @Type(() => StaffViewDto) items: StaffViewDto[];
}

export class CreateStaffDto implements CreateStaffRequest {
  @IsString() @MaxLength(32) phone: string;
  @IsString() @IsNotEmpty() @MaxLength(100) surname: string;
  @IsString() @IsNotEmpty() @MaxLength(100) name: string;
  @IsOptional() @IsString() @MaxLength(100) patronymic?: string;
  @IsIn(StaffRoles) role: StaffRole;
}

export class UpdateStaffDto implements UpdateStaffRequest {
  @IsOptional() @IsIn(StaffRoles) role?: StaffRole;
  @IsOptional() @IsIn(CustomerStatuses) status?: CustomerStatus;
}

export class StaffIdParams {
  @IsUUID() id: string;
}

export class AuditQueryDto extends PageQuery implements AuditQuery {
  @IsOptional() @IsString() @MaxLength(64) action?: string;
  @IsOptional() @IsUUID() actorId?: string;
  @IsOptional() @IsUUID() customerId?: string;
  @IsOptional() @IsISO8601() from?: string;
  @IsOptional() @IsISO8601() to?: string;
}

export class AuditActorDto {
  @IsUUID() id: string;
  @IsString() name: string;
  @IsIn(CustomerRoles) role: CustomerRole;
}

export class AuditEntryDto implements AuditEntryView {
  @IsString() id: string;
  @IsISO8601() at: string;
  @IsString() action: string;
  @JSONSchema({ oneOf: [{ $ref: '#/components/schemas/AuditActorDto' }, { type: 'null' }] })
  @IsOptional() @ValidateNested() @Type(() => AuditActorDto) actor: AuditActorDto | null;
  @nullable('string', { format: 'uuid' }) @IsOptional() @IsUUID() customerId: string | null;
  @nullable('string') @IsOptional() @IsString() ip: string | null;
  @JSONSchema({ type: 'object', additionalProperties: true }) @IsObject() details: Record<string, unknown>;
}

export class QueueCountDto {
  @IsIn(['mobile', 'internet', 'callback', 'sim', 'number']) key: BackofficeSummary['queues'][number]['key'];
  @IsInt() open: number;
  @IsInt() new: number;
}

export class BackofficeSummaryDto implements BackofficeSummary {
  @ValidateNested({ each: true }) @Type(() => QueueCountDto) queues: QueueCountDto[];
  @IsInt() numbersAvailable: number;
}
