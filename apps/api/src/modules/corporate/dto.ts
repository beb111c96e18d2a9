import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested, registerDecorator, type ValidationOptions } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  ClosingDocumentKinds,
  CorporateLimits,
  GrantLevels,
  LineRestrictions,
  type AccessRole,
  type BindEmployeeRequest,
  type ClosingDocumentKind,
  type ClosingDocumentView,
  type CompanyView,
  type CorporateEmployee,
  type CorporateLineView,
  type CreateCompanyRequest,
  type DepartmentSpending,
  type IntegratorLineView,
  type LineRestriction,
  type SetLineLimitRequest,
  type SpendingQuery,
  type SpendingReport,
  type SpendingRow,
} from '@cabinet/shared-types';
import { MoneyDto } from '../tariffs';
import { isValidInn, isValidKpp } from './inn';

const nullable = (type: 'string' | 'integer', extra: Record<string, unknown> = {}) => JSONSchema({ type: [type, 'null'], ...extra });
const nullableMoney = () => JSONSchema({ oneOf: [{ $ref: '#/components/schemas/MoneyDto' }, { type: 'null' }] });

function checked(name: string, test: (v: string) => boolean, message: string) {
  return (options?: ValidationOptions) => (object: object, propertyName: string) =>
    registerDecorator({ name, target: object.constructor, propertyName, options: { message, ...options }, validator: { validate: (v: unknown) => typeof v === 'string' && test(v) } });
}
/** Code `isInn`: 10 digits whose check digit is right. */
const IsInn = checked('isInn', isValidInn, 'inn must be a 10-digit INN of an organisation with a valid check digit');
/** Code `isKpp`. */
const IsKpp = checked('isKpp', isValidKpp, 'kpp must be 9 characters: 4 digits, 2 digits or capital letters, 3 digits');

export class CreateCompanyDto implements CreateCompanyRequest {
  @IsUUID() accountId: string;
  @IsString() @MinLength(2) @MaxLength(CorporateLimits.companyNameMaxLength) name: string;
  @JSONSchema({ pattern: '^[0-9]{10}$', examples: ['7707083893'], description: '10 digits; the last is a check digit' })
  @IsString() @IsInn() inn: string;
  @JSONSchema({ pattern: '^[0-9]{4}[0-9A-Z]{2}[0-9]{3}$', examples: ['773601001'] })
  @IsString() @IsKpp() kpp: string;
  @IsString() @MinLength(5) @MaxLength(CorporateLimits.legalAddressMaxLength) legalAddress: string;
}

export class CompanyParams {
  @IsUUID() companyId: string;
}

export class CompanyLineParams extends CompanyParams {
  @IsUUID() lineId: string;
}

export class DocumentParams extends CompanyParams {
  @IsUUID() documentId: string;
}

export class BindEmployeeDto implements BindEmployeeRequest {
  @IsString() @MinLength(1) @MaxLength(CorporateLimits.employeeNameMaxLength) name: string;
  @IsString() @MinLength(1) @MaxLength(CorporateLimits.departmentMaxLength) department: string;
  @JSONSchema({ examples: ['+79210000071'], description: 'A registered customer: they get a line_manager grant on this line' })
  @IsOptional() @IsString() @MaxLength(32) phone?: string;
}

export class SetLineLimitDto implements SetLineLimitRequest {
  @JSONSchema({ examples: [{ amount: 150000, currency: 'RUB' }] })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => MoneyDto) amount: MoneyDto;
}

export class SpendingQueryDto implements SpendingQuery {
  @JSONSchema({ format: 'date', examples: ['2026-11-01'] })
  @Matches(/^\d{4}-\d{2}-\d{2}$/) @IsISO8601({ strict: true }) from: string;
  @JSONSchema({ format: 'date', examples: ['2026-11-30'] })
  @Matches(/^\d{4}-\d{2}-\d{2}$/) @IsISO8601({ strict: true }) to: string;
}

export class IntegratorLineParams {
  @JSONSchema({ examples: ['+79210000071'], description: 'The line’s number as typed or E.164' })
  @IsString() @MaxLength(32) msisdn: string;
}

// ---- responses ----

export class CompanyViewDto implements CompanyView {
  @IsUUID() id: string;
  @IsUUID() accountId: string;
  @IsString() accountNumber: string;
  @IsString() name: string;
  @IsString() inn: string;
  @IsString() kpp: string;
  @IsString() legalAddress: string;
  @IsIn(['owner', ...GrantLevels]) access: AccessRole;
  @nullableMoney() @IsOptional() @ValidateNested() @Type(() => MoneyDto) balance: MoneyDto | null;
  @IsInt() lineCount: number;
  @IsISO8601() createdAt: string;
}

export class CorporateEmployeeDto implements CorporateEmployee {
  @IsString() name: string;
  @IsString() department: string;
  @nullable('string') @IsOptional() @IsString() phone: string | null;
}

export class CorporateLineViewDto implements CorporateLineView {
  @IsUUID() lineId: string;
  @IsString() msisdn: string;
  @IsString() operator: string;
  @IsString() tariffName: string;
  @IsIn(['active', 'blocked']) status: 'active' | 'blocked';
  @nullable('string') @IsOptional() @IsString() blockReason: string | null;
  @JSONSchema({ enum: [...LineRestrictions, null] }) @IsOptional() @IsIn(LineRestrictions) restriction: LineRestriction | null;
  @nullable('string') @IsOptional() @IsString() restrictionReason: string | null;
  @nullable('string', { format: 'date-time' }) @IsOptional() @IsISO8601() restrictedAt: string | null;
  @JSONSchema({ oneOf: [{ $ref: '#/components/schemas/CorporateEmployeeDto' }, { type: 'null' }] })
  @IsOptional() @ValidateNested() @Type(() => CorporateEmployeeDto) employee: CorporateEmployeeDto | null;
  @nullableMoney() @IsOptional() @ValidateNested() @Type(() => MoneyDto) monthlyLimit: MoneyDto | null;
  @ValidateNested() @Type(() => MoneyDto) spent: MoneyDto;
  @IsISO8601() periodStart: string;
  @IsISO8601() periodEnd: string;
}

export class SpendingRowDto implements SpendingRow {
  @IsUUID() lineId: string;
  @IsString() msisdn: string;
  @nullable('string') @IsOptional() @IsString() employee: string | null;
  @nullable('string') @IsOptional() @IsString() department: string | null;
  @ValidateNested() @Type(() => MoneyDto) spent: MoneyDto;
}

export class DepartmentSpendingDto implements DepartmentSpending {
  @nullable('string') @IsOptional() @IsString() department: string | null;
  @IsInt() lines: number;
  @ValidateNested() @Type(() => MoneyDto) spent: MoneyDto;
}

export class SpendingReportDto implements SpendingReport {
  @IsString() from: string;
  @IsString() to: string;
  @ValidateNested({ each: true }) @Type(() => SpendingRowDto) byLine: SpendingRowDto[];
  @ValidateNested({ each: true }) @Type(() => DepartmentSpendingDto) byDepartment: DepartmentSpendingDto[];
  @ValidateNested() @Type(() => MoneyDto) accountWide: MoneyDto;
  @ValidateNested() @Type(() => MoneyDto) total: MoneyDto;
}

export class ClosingDocumentViewDto implements ClosingDocumentView {
  @IsUUID() id: string;
  @IsIn(ClosingDocumentKinds) kind: ClosingDocumentKind;
  @JSONSchema({ pattern: '^[0-9]{4}-[0-9]{2}$' }) @IsString() period: string;
  @IsString() number: string;
  @ValidateNested() @Type(() => MoneyDto) amount: MoneyDto;
  @ValidateNested() @Type(() => MoneyDto) vat: MoneyDto;
  @IsISO8601() createdAt: string;
}

export class IntegratorLineViewDto implements IntegratorLineView {
  @IsString() msisdn: string;
  @IsString() operator: string;
  @IsIn(['active', 'blocked']) status: 'active' | 'blocked';
  @nullable('string') @IsOptional() @IsString() blockReason: string | null;
  @JSONSchema({ enum: [...LineRestrictions, null] }) @IsOptional() @IsIn(LineRestrictions) restriction: LineRestriction | null;
  @nullable('string') @IsOptional() @IsString() restrictionReason: string | null;
}
