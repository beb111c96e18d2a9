import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { AccountKinds, type AccountKind, type Money, type Packages, type TariffOptionView, type TariffView } from '@cabinet/shared-types';

export class MoneyDto implements Money {
  /** Integer kopecks. */
  @IsInt() amount: number;
  @IsIn(['RUB']) currency: 'RUB';
}

export class PackagesDto implements Packages {
  @IsInt() minutes: number;
  @IsInt() sms: number;
  @IsInt() mb: number;
}

export class OverageDto {
  @ValidateNested() @Type(() => MoneyDto) minute: MoneyDto;
  @ValidateNested() @Type(() => MoneyDto) sms: MoneyDto;
  @ValidateNested() @Type(() => MoneyDto) mb: MoneyDto;
}

export class TariffViewDto implements TariffView {
  @IsUUID() id: string;
  @IsString() code: string;
  @IsIn(AccountKinds) kind: AccountKind;
  @IsString() provider: string;
  @IsString() name: string;
  @IsString() description: string;
  @IsString() region: string;
  @ValidateNested() @Type(() => MoneyDto) monthlyFee: MoneyDto;
  @ValidateNested() @Type(() => MoneyDto) changeFee: MoneyDto;
  @JSONSchema({ oneOf: [{ $ref: '#/components/schemas/PackagesDto' }, { type: 'null' }] })
  @IsOptional() @ValidateNested() @Type(() => PackagesDto) packages: PackagesDto | null;
  @JSONSchema({ type: ['integer', 'null'] }) @IsOptional() @IsInt() speedMbps: number | null;
  @JSONSchema({ oneOf: [{ $ref: '#/components/schemas/OverageDto' }, { type: 'null' }] })
  @IsOptional() @ValidateNested() @Type(() => OverageDto) overage: OverageDto | null;
  @IsBoolean() archived: boolean;
}

export class TariffOptionViewDto implements TariffOptionView {
  @IsUUID() id: string;
  @IsString() code: string;
  @IsIn(AccountKinds) kind: AccountKind;
  @IsString() provider: string;
  @IsString() name: string;
  @IsString() description: string;
  @ValidateNested() @Type(() => MoneyDto) monthlyFee: MoneyDto;
  @ValidateNested() @Type(() => PackagesDto) adds: PackagesDto;
  @IsUUID('all', { each: true }) tariffIds: string[];
}

export class TariffsQuery {
  @IsOptional() @IsIn(AccountKinds) kind?: AccountKind;
  /** `megafon`, `beeline`, `mts`, `tele2` or the ISP. */
  @IsOptional() @IsString() @MaxLength(32) provider?: string;
  @IsOptional() @IsString() @MaxLength(64) region?: string;
}

export class OptionsQuery {
  @IsOptional() @IsIn(AccountKinds) kind?: AccountKind;
  @IsOptional() @IsString() @MaxLength(32) provider?: string;
  /** Only options that fit this tariff. */
  @IsOptional() @IsUUID() tariffId?: string;
}

export class IdParams {
  @IsUUID() id: string;
}
