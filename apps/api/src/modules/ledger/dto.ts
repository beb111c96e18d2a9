import { Transform, Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { LedgerKinds, Limits, TransactionSorts, type LedgerKind, type TransactionSort, type TransactionView } from '@cabinet/shared-types';
import { MoneyDto } from '../tariffs';

const commaList = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value);

export class HistoryFilterQuery {
  /** `-createdAt` (default), `createdAt`, `-amount`, `amount`. */
  @IsOptional() @IsIn(TransactionSorts) sort?: TransactionSort;
  /** Comma-separated kinds, e.g. `monthly_fee,usage`. */
  @JSONSchema({ type: 'string', examples: ['monthly_fee,usage'] })
  @IsOptional() @Transform(commaList) @IsArray() @IsIn(LedgerKinds, { each: true }) kind?: LedgerKind[];
  /** `debit` (charges) or `credit` (money in). */
  @IsOptional() @IsIn(['debit', 'credit']) direction?: 'debit' | 'credit';
  /** From this day (`YYYY-MM-DD`, Moscow) or time, inclusive. */
  @IsOptional() @IsISO8601({ strict: true }) from?: string;
  /** To this day (`YYYY-MM-DD`, inclusive) or time (exclusive). */
  @IsOptional() @IsISO8601({ strict: true }) to?: string;
  /** Smallest amount, kopecks, either sign. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) minAmount?: number;
  /** Largest amount, kopecks, either sign. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) maxAmount?: number;
}

/** The filters plus `?limit=50&cursor=…` (PageQuery's fields). */
export class TransactionsQuery extends HistoryFilterQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(Limits.pageSizeMax) limit?: number;
  @IsOptional() @IsString() @MaxLength(300) cursor?: string;
}

export class SummaryQuery {
  /** How many months back, this one included (1–24, default 6). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(24) months?: number;
}

export class TransactionViewDto implements TransactionView {
  @IsUUID() id: string;
  @ValidateNested() @Type(() => MoneyDto) amount: MoneyDto;
  @IsIn(LedgerKinds) kind: LedgerKind;
  @IsString() description: string;
  @ValidateNested() @Type(() => MoneyDto) balanceAfter: MoneyDto;
  @IsISO8601() createdAt: string;
}

export class MonthSummaryDto {
  /** `YYYY-MM` (Moscow). */
  @IsString() month: string;
  @ValidateNested() @Type(() => MoneyDto) spent: MoneyDto;
  @ValidateNested() @Type(() => MoneyDto) received: MoneyDto;
  /** Spent per kind. */
  @JSONSchema({ type: 'object', additionalProperties: { $ref: '#/components/schemas/MoneyDto' } }) @IsOptional() byKind: Record<string, MoneyDto>;
}

export class MonthlySummaryDto {
  @ValidateNested({ each: true }) @Type(() => MonthSummaryDto) months: MonthSummaryDto[];
}

export class HistoryParams {
  @IsUUID() accountId: string;
}
