import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  ContentServiceKinds,
  type BlacklistAddRequest,
  type BlacklistEntryView,
  type BlacklistSwitchRequest,
  type BlacklistView,
  type ContentServiceKind,
  type ContentServiceListView,
  type ContentServiceView,
  type IntegratorBlacklistView,
} from '@cabinet/shared-types';
import { MoneyDto } from '../tariffs';

const nullable = (type: 'string', extra: Record<string, unknown> = {}) => JSONSchema({ type: [type, 'null'], ...extra });

export class LineRefParams {
  @IsUUID() accountId: string;
  @IsUUID() lineId: string;
}

export class BlacklistNumberParams extends LineRefParams {
  /** E.164 (`+79210000001`) or as typed, URL-encoded. */
  @IsString() @MaxLength(64) msisdn: string;
}

export class ContentServiceParams extends LineRefParams {
  @IsUUID() serviceId: string;
}

export class IntegratorLineParams {
  @JSONSchema({ examples: ['+79210000001'] }) @IsString() @MaxLength(32) msisdn: string;
}

export class BlacklistSwitchDto implements BlacklistSwitchRequest {
  @IsBoolean() enabled: boolean;
}

export class BlacklistAddDto implements BlacklistAddRequest {
  @JSONSchema({ examples: ['8 921 000-00-02'] }) @IsString() @MaxLength(32) msisdn: string;
  @IsOptional() @IsString() @MaxLength(60) note?: string;
}

export class BlacklistEntryDto implements BlacklistEntryView {
  @IsString() msisdn: string;
  @nullable('string') @IsOptional() @IsString() note: string | null;
  @JSONSchema({ format: 'date-time' }) @IsString() createdAt: string;
}

export class BlacklistViewDto implements BlacklistView {
  @IsUUID() lineId: string;
  @IsBoolean() enabled: boolean;
  @ValidateNested() @Type(() => MoneyDto) fee: MoneyDto;
  @IsInt() count: number;
  @IsInt() max: number;
  @ValidateNested({ each: true }) @Type(() => BlacklistEntryDto) items: BlacklistEntryDto[];
}

export class IntegratorBlacklistDto implements IntegratorBlacklistView {
  @IsString() msisdn: string;
  @IsBoolean() enabled: boolean;
  @IsString({ each: true }) numbers: string[];
  @nullable('string', { format: 'date-time' }) @IsOptional() updatedAt: string | null;
}

export class ContentServiceDto implements ContentServiceView {
  @IsUUID() id: string;
  @IsString() title: string;
  @IsString() provider: string;
  @IsIn(ContentServiceKinds) kind: ContentServiceKind;
  @ValidateNested() @Type(() => MoneyDto) price: MoneyDto;
  @IsIn(['active', 'off']) status: 'active' | 'off';
  @JSONSchema({ format: 'date-time' }) @IsString() connectedAt: string;
  @nullable('string', { format: 'date-time' }) @IsOptional() switchedOffAt: string | null;
  @ValidateNested() @Type(() => MoneyDto) charged: MoneyDto;
}

export class ContentServiceListDto implements ContentServiceListView {
  @ValidateNested({ each: true }) @Type(() => ContentServiceDto) items: ContentServiceDto[];
  @ValidateNested() @Type(() => MoneyDto) monthlyTotal: MoneyDto;
}
