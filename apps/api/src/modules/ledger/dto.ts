import { Transform, Type } from 'class-transformer';
import { IsArray, IsEmail, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  DetailReportFormats,
  DetailReportStatuses,
  LedgerKinds,
  Limits,
  TransactionSorts,
  type DetailReportFormat,
  type DetailReportRequest,
  type DetailReportStatus,
  type DetailReportView,
  type LedgerKind,
  type TransactionSort,
  type TransactionView,
} from '@cabinet/shared-types';
import { PageQuery } from '../../platform/pagination';
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

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class DetailReportDto implements DetailReportRequest {
  /** First day of the period, `YYYY-MM-DD` (Moscow). */
  @JSONSchema({ type: 'string', format: 'date', examples: ['2026-10-01'] })
  @Matches(DAY, { message: 'from must be a day, YYYY-MM-DD' }) @IsISO8601({ strict: true }) from: string;
  /** Last day of the period, inclusive: not after today, at most 12 months after `from`. */
  @JSONSchema({ type: 'string', format: 'date', examples: ['2026-10-31'] })
  @Matches(DAY, { message: 'to must be a day, YYYY-MM-DD' }) @IsISO8601({ strict: true }) to: string;
  /** `csv` (UTF-8 with BOM, `;`, opens in Excel) or `pdf`. */
  @IsIn(DetailReportFormats) format: DetailReportFormat;
}

export class DetailReportViewDto implements DetailReportView {
  @IsUUID() id: string;
  @IsUUID() accountId: string;
  /** `YYYY-MM-DD` */
  @IsString() from: string;
  /** `YYYY-MM-DD` */
  @IsString() to: string;
  @IsIn(DetailReportFormats) format: DetailReportFormat;
  /** `queued` until the job has sent it; `sent` once the mail transport took it; `failed` otherwise. */
  @IsIn(DetailReportStatuses) status: DetailReportStatus;
  @IsEmail() email: string;
  @IsISO8601() createdAt: string;
  @JSONSchema({ type: ['string', 'null'], format: 'date-time' }) @IsOptional() @IsISO8601() sentAt: string | null;
}

export class DetailReportsQuery extends PageQuery {}
