import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  AccountKinds,
  AccountStatuses,
  GrantLevels,
  Operators,
  TariffChangeWhen,
  type AccessRole,
  type AddDeviceRequest,
  type DeviceView,
  type OptionActivationRequest,
  type RenameDeviceRequest,
  type ScheduledChangeView,
  type TariffChangeQuote,
  type TariffChangeRequest,
  type TariffChangeResult,
  type TariffChangeWhenValue,
  type AccountKind,
  type AccountStatus,
  type AccountView,
  type CreateGrantRequest,
  type GrantLevel,
  type GrantView,
  type InternetContractView,
  type MobileLineView,
  type Operator,
  type PackageLeft,
} from '@cabinet/shared-types';
import { PageQuery } from '../../platform/pagination';
import { MoneyDto, TariffViewDto } from '../tariffs';

const nullable = (type: 'string' | 'integer', extra: Record<string, unknown> = {}) => JSONSchema({ type: [type, 'null'], ...extra });

export class PackageLeftDto implements PackageLeft {
  @IsInt() left: number;
  @IsInt() total: number;
}

export class LinePackagesDto {
  @ValidateNested() @Type(() => PackageLeftDto) minutes: PackageLeftDto;
  @ValidateNested() @Type(() => PackageLeftDto) sms: PackageLeftDto;
  @ValidateNested() @Type(() => PackageLeftDto) mb: PackageLeftDto;
  @IsISO8601() resetsAt: string;
}

export class ActiveOptionDto {
  @IsUUID() id: string;
  @IsString() code: string;
  @IsString() name: string;
  @ValidateNested() @Type(() => MoneyDto) monthlyFee: MoneyDto;
  @IsISO8601() activatedAt: string;
}

export class MobileLineViewDto implements MobileLineView {
  @IsUUID() id: string;
  @IsUUID() accountId: string;
  @IsString() msisdn: string;
  @IsString() iccidLast4: string;
  @IsIn(Operators) operator: Operator;
  @IsIn(['active', 'blocked']) status: 'active' | 'blocked';
  @nullable('string') @IsOptional() @IsString() blockReason: string | null;
  @nullable('string', { format: 'date-time' }) @IsOptional() @IsISO8601() blockedAt: string | null;
  @JSONSchema({ enum: ['incoming_only', null], description: 'incoming_only: calls in only (a corporate line over its monthly limit)' })
  @IsOptional() @IsIn(['incoming_only']) restriction: 'incoming_only' | null;
  @ValidateNested() @Type(() => TariffViewDto) tariff: TariffViewDto;
  @ValidateNested({ each: true }) @Type(() => ActiveOptionDto) options: ActiveOptionDto[];
  @ValidateNested() @Type(() => LinePackagesDto) packages: LinePackagesDto;
  @IsISO8601() periodStart: string;
  @IsISO8601() periodEnd: string;
  @JSONSchema({ oneOf: [{ $ref: '#/components/schemas/ScheduledChangeViewDto' }, { type: 'null' }] })
  @IsOptional() @ValidateNested() @Type(() => ScheduledChangeViewDto) scheduledChange: ScheduledChangeViewDto | null;
}

export class InternetContractViewDto implements InternetContractView {
  @IsUUID() id: string;
  @IsUUID() accountId: string;
  @IsString() contractNumber: string;
  @IsString() address: string;
  @IsIn(['active', 'suspended']) status: 'active' | 'suspended';
  @nullable('string', { format: 'date-time' }) @IsOptional() @IsISO8601() suspendedAt: string | null;
  @ValidateNested() @Type(() => TariffViewDto) tariff: TariffViewDto;
  @IsInt() trafficMb: number;
  @IsISO8601() periodStart: string;
  @IsISO8601() periodEnd: string;
  @IsInt() deviceCount: number;
  @JSONSchema({ oneOf: [{ $ref: '#/components/schemas/ScheduledChangeViewDto' }, { type: 'null' }] })
  @IsOptional() @ValidateNested() @Type(() => ScheduledChangeViewDto) scheduledChange: ScheduledChangeViewDto | null;
}

export class AccountViewDto implements AccountView {
  @IsUUID() id: string;
  @IsString() number: string;
  @IsIn(AccountKinds) kind: AccountKind;
  @IsIn(AccountStatuses) status: AccountStatus;
  @ValidateNested() @Type(() => MoneyDto) balance: MoneyDto;
  @ValidateNested() @Type(() => MoneyDto) creditLimit: MoneyDto;
  @nullable('string', { format: 'date' }) @IsOptional() @IsString() paidUntil: string | null;
  @IsBoolean() lowBalance: boolean;
  @IsIn(['owner', ...GrantLevels]) access: AccessRole;
  @nullable('string', { format: 'uuid' }) @IsOptional() @IsUUID() managedLineId: string | null;
  @ValidateNested({ each: true }) @Type(() => MobileLineViewDto) lines: MobileLineViewDto[];
  @JSONSchema({ oneOf: [{ $ref: '#/components/schemas/InternetContractViewDto' }, { type: 'null' }] })
  @IsOptional() @ValidateNested() @Type(() => InternetContractViewDto) contract: InternetContractViewDto | null;
  @IsISO8601() createdAt: string;
}

export class GranteeDto {
  @IsUUID() id: string;
  @IsString() phone: string;
  @IsString() name: string;
}

export class GrantViewDto implements GrantView {
  @IsUUID() id: string;
  @IsUUID() accountId: string;
  @ValidateNested() @Type(() => GranteeDto) grantee: GranteeDto;
  @IsIn(GrantLevels) level: GrantLevel;
  @nullable('string', { format: 'uuid' }) @IsOptional() @IsUUID() lineId: string | null;
  @IsISO8601() createdAt: string;
}

export class CreateGrantDto implements CreateGrantRequest {
  /** A registered customer's phone, as typed. */
  @JSONSchema({ examples: ['+7 921 000-00-02'] }) @IsString() @MaxLength(32) phone: string;
  /** `viewer` sees balance and history; `line_manager` acts on one line; `account_manager` on every line. */
  @IsIn(GrantLevels) level: GrantLevel;
  /** Required for `line_manager`. */
  @IsOptional() @IsUUID() lineId?: string;
}

export class AccountsQuery extends PageQuery {}

export class AccountParams {
  @IsUUID() accountId: string;
}

export class GrantParams extends AccountParams {
  @IsUUID() grantId: string;
}

// ---- tariff change, options, devices ----

export class ScheduledChangeTariffDto {
  @IsUUID() id: string;
  @IsString() name: string;
}

export class ScheduledChangeViewDto implements ScheduledChangeView {
  @IsUUID() id: string;
  @ValidateNested() @Type(() => ScheduledChangeTariffDto) tariff: ScheduledChangeTariffDto;
  @IsISO8601() effectiveAt: string;
  @IsIn(['scheduled', 'applied', 'canceled']) status: 'scheduled' | 'applied' | 'canceled';
}

export class TariffChangeDto implements TariffChangeRequest {
  @IsUUID() tariffId: string;
  /** `now` (the rest of the period pro-rated) or `next_period` (cancellable until then). */
  @IsIn(TariffChangeWhen) when: TariffChangeWhenValue;
}

export class TariffChangeQuoteQuery extends TariffChangeDto {}

export class PackagesAfterDto {
  @IsInt() minutes: number;
  @IsInt() sms: number;
  @IsInt() mb: number;
}

export class TariffChangeQuoteDto implements TariffChangeQuote {
  @ValidateNested() @Type(() => ScheduledChangeTariffDto) tariff: ScheduledChangeTariffDto;
  @IsIn(TariffChangeWhen) when: TariffChangeWhenValue;
  @IsISO8601() effectiveAt: string;
  @ValidateNested() @Type(() => MoneyDto) changeFee: MoneyDto;
  @ValidateNested() @Type(() => MoneyDto) proratedDifference: MoneyDto;
  @ValidateNested() @Type(() => MoneyDto) chargedNow: MoneyDto;
  @ValidateNested() @Type(() => MoneyDto) newMonthlyFee: MoneyDto;
  @ValidateNested() @Type(() => MoneyDto) balanceAfter: MoneyDto;
  @JSONSchema({ oneOf: [{ $ref: '#/components/schemas/PackagesAfterDto' }, { type: 'null' }] })
  @IsOptional() @ValidateNested() @Type(() => PackagesAfterDto) packagesAfter: PackagesAfterDto | null;
}

export class TariffChangeResultDto implements TariffChangeResult {
  @ValidateNested() @Type(() => TariffChangeQuoteDto) quote: TariffChangeQuoteDto;
  @JSONSchema({ oneOf: [{ $ref: '#/components/schemas/ScheduledChangeViewDto' }, { type: 'null' }] })
  @IsOptional() @ValidateNested() @Type(() => ScheduledChangeViewDto) scheduled: ScheduledChangeViewDto | null;
}

export class OptionActivationDto implements OptionActivationRequest {
  @IsUUID() optionId: string;
}

export class DeviceViewDto implements DeviceView {
  @IsUUID() id: string;
  @IsString() mac: string;
  @IsString() name: string;
  @IsISO8601() addedAt: string;
}

export class AddDeviceDto implements AddDeviceRequest {
  /** `AA:BB:CC:DD:EE:FF`, `aa-bb-cc-dd-ee-ff` or `aabb.ccdd.eeff`. */
  @JSONSchema({ examples: ['AA:BB:CC:DD:EE:FF'] }) @IsString() @MaxLength(20) mac: string;
  @JSONSchema({ examples: ['Ноутбук'] }) @IsString() @IsNotEmpty() @MaxLength(60) name: string;
}

export class RenameDeviceDto implements RenameDeviceRequest {
  @IsString() @IsNotEmpty() @MaxLength(60) name: string;
}

export class LineParams extends AccountParams {
  @IsUUID() lineId: string;
}

export class LineOptionParams extends LineParams {
  @IsUUID() optionId: string;
}

export class DeviceParams extends AccountParams {
  @IsUUID() deviceId: string;
}
