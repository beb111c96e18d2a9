import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { AccountKinds, type AccountKind, type OptionInput, type OptionPatch, type StaffOptionView, type TariffInput, type TariffPatch } from '@cabinet/shared-types';
import { requestMeta } from '../../platform/request-meta';
import { route, type RouteSpec } from '../../platform/routes';
import { ADMIN_TAG, STAFF_TAG } from '../../platform/staff';
import type { TariffAdminService } from './admin';
import { IdParams, MoneyDto, OverageDto, PackagesDto, TariffOptionViewDto, TariffViewDto } from './dto';

const CODE = /^[a-z0-9][a-z0-9-]{1,63}$/;

export class TariffInputDto implements TariffInput {
  /** A stable code, lower case: `megafon-vse`. Never reused. */
  @JSONSchema({ examples: ['mts-nash'] })
  @IsString() @Matches(CODE, { message: 'code must be 2–64 lower-case letters, digits and hyphens' }) code: string;
  @IsIn(AccountKinds) kind: AccountKind;
  @IsString() @IsNotEmpty() @MaxLength(32) provider: string;
  @IsString() @IsNotEmpty() @MaxLength(100) name: string;
  @IsOptional() @IsString() @MaxLength(1000) description?: string;
  @IsOptional() @IsString() @MaxLength(64) region?: string;
  @IsDefined() @IsObject() @ValidateNested() @Type(() => MoneyDto) monthlyFee: MoneyDto;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => MoneyDto) changeFee?: MoneyDto;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => PackagesDto) packages?: PackagesDto;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => OverageDto) overage?: OverageDto;
  @IsOptional() @IsInt() @Min(1) @Max(100_000) speedMbps?: number;
}

export class TariffPatchDto implements TariffPatch {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(32) provider?: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) name?: string;
  @IsOptional() @IsString() @MaxLength(1000) description?: string;
  @IsOptional() @IsString() @MaxLength(64) region?: string;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => MoneyDto) monthlyFee?: MoneyDto;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => MoneyDto) changeFee?: MoneyDto;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => PackagesDto) packages?: PackagesDto;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => OverageDto) overage?: OverageDto;
  @IsOptional() @IsInt() @Min(1) @Max(100_000) speedMbps?: number;
}

export class OptionInputDto implements OptionInput {
  @IsString() @Matches(CODE, { message: 'code must be 2–64 lower-case letters, digits and hyphens' }) code: string;
  @IsIn(AccountKinds) kind: AccountKind;
  @IsString() @IsNotEmpty() @MaxLength(32) provider: string;
  @IsString() @IsNotEmpty() @MaxLength(100) name: string;
  @IsOptional() @IsString() @MaxLength(1000) description?: string;
  @IsDefined() @IsObject() @ValidateNested() @Type(() => MoneyDto) monthlyFee: MoneyDto;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => PackagesDto) adds?: PackagesDto;
  /** Tariffs (of the same kind) it can be added to. */
  @IsArray() @ArrayMaxSize(100) @IsUUID('all', { each: true }) tariffIds: string[];
}

export class OptionPatchDto implements OptionPatch {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(32) provider?: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) name?: string;
  @IsOptional() @IsString() @MaxLength(1000) description?: string;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => MoneyDto) monthlyFee?: MoneyDto;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => PackagesDto) adds?: PackagesDto;
  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsUUID('all', { each: true }) tariffIds?: string[];
}

export class StaffOptionViewDto extends TariffOptionViewDto implements StaffOptionView {
  @IsBoolean() archived: boolean;
}

export class StaffTariffListDto {
  @ValidateNested({ each: true }) @Type(() => TariffViewDto) items: TariffViewDto[];
}

export class StaffOptionListDto {
  @ValidateNested({ each: true }) @Type(() => StaffOptionViewDto) items: StaffOptionViewDto[];
}

/** Catalog editing in the back office: staff read it whole (archived too); admins change it. */
export function tariffAdminRoutes(admin: TariffAdminService): RouteSpec[] {
  const ip = (req: Parameters<typeof requestMeta>[0]) => requestMeta(req).ip;
  return [
    route({
      method: 'get',
      path: '/backoffice/tariffs',
      summary: 'The whole tariff catalog, archived tariffs too (staff)',
      tags: [STAFF_TAG],
      auth: 'staff',
      response: StaffTariffListDto,
      handler: async () => ({ items: await admin.tariffs() }),
    }),
    route<TariffInputDto>({
      method: 'post',
      path: '/backoffice/tariffs',
      idempotent: true,
      summary: 'Add a tariff (admin)',
      tags: [ADMIN_TAG],
      auth: 'staff',
      body: TariffInputDto,
      status: 201,
      response: TariffViewDto,
      errors: [403, 409],
      handler: ({ auth, body, req }) => admin.createTariff(auth, body, ip(req)),
    }),
    route<TariffPatchDto, unknown, IdParams>({
      method: 'patch',
      path: '/backoffice/tariffs/:id',
      summary: 'Change a tariff (admin); code and kind stay',
      tags: [ADMIN_TAG],
      auth: 'staff',
      params: IdParams,
      body: TariffPatchDto,
      response: TariffViewDto,
      errors: [403, 404],
      handler: ({ auth, params, body, req }) => admin.updateTariff(auth, params.id, body, ip(req)),
    }),
    route<unknown, unknown, IdParams>({
      method: 'post',
      path: '/backoffice/tariffs/:id/archive',
      summary: 'Archive a tariff (admin): it leaves the catalog, lines on it keep it; nothing is ever deleted',
      tags: [ADMIN_TAG],
      auth: 'staff',
      params: IdParams,
      response: TariffViewDto,
      errors: [403, 404, 409],
      handler: ({ auth, params, req }) => admin.setTariffArchived(auth, params.id, true, ip(req)),
    }),
    route<unknown, unknown, IdParams>({
      method: 'post',
      path: '/backoffice/tariffs/:id/restore',
      summary: 'Bring an archived tariff back to the catalog (admin)',
      tags: [ADMIN_TAG],
      auth: 'staff',
      params: IdParams,
      response: TariffViewDto,
      errors: [403, 404, 409],
      handler: ({ auth, params, req }) => admin.setTariffArchived(auth, params.id, false, ip(req)),
    }),
    route({
      method: 'get',
      path: '/backoffice/tariff-options',
      summary: 'The whole option catalog, archived options too (staff)',
      tags: [STAFF_TAG],
      auth: 'staff',
      response: StaffOptionListDto,
      handler: async () => ({ items: await admin.options() }),
    }),
    route<OptionInputDto>({
      method: 'post',
      path: '/backoffice/tariff-options',
      idempotent: true,
      summary: 'Add an option (admin)',
      tags: [ADMIN_TAG],
      auth: 'staff',
      body: OptionInputDto,
      status: 201,
      response: StaffOptionViewDto,
      errors: [403, 409],
      handler: ({ auth, body, req }) => admin.createOption(auth, body, ip(req)),
    }),
    route<OptionPatchDto, unknown, IdParams>({
      method: 'patch',
      path: '/backoffice/tariff-options/:id',
      summary: 'Change an option (admin)',
      tags: [ADMIN_TAG],
      auth: 'staff',
      params: IdParams,
      body: OptionPatchDto,
      response: StaffOptionViewDto,
      errors: [403, 404],
      handler: ({ auth, params, body, req }) => admin.updateOption(auth, params.id, body, ip(req)),
    }),
    route<unknown, unknown, IdParams>({
      method: 'post',
      path: '/backoffice/tariff-options/:id/archive',
      summary: 'Archive an option (admin)',
      tags: [ADMIN_TAG],
      auth: 'staff',
      params: IdParams,
      response: StaffOptionViewDto,
      errors: [403, 404, 409],
      handler: ({ auth, params, req }) => admin.setOptionArchived(auth, params.id, true, ip(req)),
    }),
    route<unknown, unknown, IdParams>({
      method: 'post',
      path: '/backoffice/tariff-options/:id/restore',
      summary: 'Bring an archived option back (admin)',
      tags: [ADMIN_TAG],
      auth: 'staff',
      params: IdParams,
      response: StaffOptionViewDto,
      errors: [403, 404, 409],
      handler: ({ auth, params, req }) => admin.setOptionArchived(auth, params.id, false, ip(req)),
    }),
  ];
}
