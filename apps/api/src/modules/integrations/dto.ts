import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { MoneyDto } from '../tariffs';
import type { UsageKind, UsageRecordInput } from './usage';

export const USAGE_BATCH_MAX = 1000;

export class UsageRecordDto implements UsageRecordInput {
  /** The network's id of the record; a record id counts once per API key. */
  @IsString() @MaxLength(64) @Matches(/^[\w.:-]+$/, { message: 'id may hold letters, digits and _ . : -' }) id: string;
  /** The line, as E.164 or any common form. */
  @IsString() @MaxLength(20) msisdn: string;
  @IsIn(['minutes', 'sms', 'mb']) type: UsageKind;
  @IsInt() @Min(1) @Max(1_000_000) quantity: number;
  @IsISO8601({ strict: true }) occurredAt: string;
}

export class UsageBatchDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(USAGE_BATCH_MAX)
  @ValidateNested({ each: true })
  @Type(() => UsageRecordDto)
  records: UsageRecordDto[];
}

export class RejectedRecordDto {
  @IsInt() index: number;
  @IsString() id: string;
  @IsString() code: string;
  @IsString() message: string;
}

export class UsageResultDto {
  /** Records counted now. */
  @IsInt() accepted: number;
  /** Records this key had posted before (or twice in this batch): not counted again. */
  @IsInt() duplicates: number;
  @ValidateNested({ each: true }) @Type(() => RejectedRecordDto) rejected: RejectedRecordDto[];
  /** Charged to balances for usage past the packages. */
  @ValidateNested() @Type(() => MoneyDto) charged: MoneyDto;
}
