import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  AccountKinds,
  AccountStatuses,
  GrantLevels,
  Operators,
  type AccessRole,
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
  @ValidateNested() @Type(() => TariffViewDto) tariff: TariffViewDto;
  @ValidateNested({ each: true }) @Type(() => ActiveOptionDto) options: ActiveOptionDto[];
  @ValidateNested() @Type(() => LinePackagesDto) packages: LinePackagesDto;
  @IsISO8601() periodStart: string;
  @IsISO8601() periodEnd: string;
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
  @IsString() @MaxLength(32) phone: string;
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
