import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  NumberCategories,
  NumberLimits,
  NumberPatterns,
  NumberStatuses,
  Operators,
  type NumberCategory,
  type NumberCategoryUpdate,
  type NumberCategoryView,
  type NumberImportRequest,
  type NumberImportResult,
  type NumberPattern,
  type NumberStatus,
  type NumberView,
  type NumbersQuery,
  type Operator,
  type StockNumberView,
  type StockQuery,
} from '@cabinet/shared-types';
import { PageQuery } from '../../platform/pagination';
import { MoneyDto } from '../tariffs';

export class NumbersQueryDto extends PageQuery implements NumbersQuery {
  @IsOptional() @IsIn(Operators) operator?: Operator;
  @IsOptional() @IsIn(NumberCategories) category?: NumberCategory;
  /** `777`, `mirror` (ABBA, 123-32-1), `repeating` (0000), `pairs` (AABB, ABAB), `sequence` (1234). */
  @IsOptional() @IsIn(NumberPatterns) pattern?: NumberPattern;
  /** Digits the number contains. */
  @JSONSchema({ examples: ['777'] })
  @IsOptional() @IsString() @Matches(/^\d{1,10}$/, { message: 'digits must be 1–10 digits' }) digits?: string;
}

export class StockQueryDto extends NumbersQueryDto implements StockQuery {
  @IsOptional() @IsIn(NumberStatuses) status?: NumberStatus;
}

export class NumberViewDto implements NumberView {
  @IsUUID() id: string;
  @JSONSchema({ examples: ['+79217777777'] }) @IsString() msisdn: string;
  @IsIn(Operators) operator: Operator;
  @IsIn(NumberCategories) category: NumberCategory;
  @IsIn(NumberPatterns, { each: true }) patterns: NumberPattern[];
  @ValidateNested() @Type(() => MoneyDto) operatorPrice: MoneyDto;
  /** 50 % of the operator's price. */
  @ValidateNested() @Type(() => MoneyDto) price: MoneyDto;
}

export class CatalogNumberDto extends NumberViewDto {
  /** False once reserved or sold. */
  @IsBoolean() available: boolean;
}

export class StockNumberViewDto extends NumberViewDto implements StockNumberView {
  @IsIn(NumberStatuses) status: NumberStatus;
  @JSONSchema({ type: ['string', 'null'] }) @IsOptional() @IsString() heldBy: string | null;
  @IsISO8601() createdAt: string;
}

export class NumberCategoryViewDto implements NumberCategoryView {
  @IsIn(Operators) operator: Operator;
  @IsIn(NumberCategories) category: NumberCategory;
  @IsString() name: string;
  @ValidateNested() @Type(() => MoneyDto) operatorPrice: MoneyDto;
  @ValidateNested() @Type(() => MoneyDto) price: MoneyDto;
}

export class NumberCategoryListDto {
  @ValidateNested({ each: true }) @Type(() => NumberCategoryViewDto) items: NumberCategoryViewDto[];
}

export class NumberCategoryUpdateDto implements NumberCategoryUpdate {
  @IsOptional() @IsString() @MaxLength(60) name?: string;
  /** The operator's price in kopecks (the customer pays half). */
  @JSONSchema({ examples: [{ amount: 1000000, currency: 'RUB' }] })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => MoneyDto) operatorPrice: MoneyDto;
}

export class NumberCategoryParams {
  @IsIn(Operators) operator: Operator;
  @IsIn(NumberCategories) category: NumberCategory;
}

export class NumberIdParams {
  @IsUUID() id: string;
}

export class NumberImportDto implements NumberImportRequest {
  /** CSV text: a header line `msisdn;operator;category`, then one number a line. */
  @JSONSchema({ examples: ['msisdn;operator;category\n+79217770077;megafon;gold\n+79210001234;megafon;regular\n'] })
  @IsString() @MaxLength(NumberLimits.importMaxRows * 64) csv: string;
}

export class ImportRejectionDto {
  @IsInt() line: number;
  @IsString() value: string;
  @IsString() reason: string;
}

export class NumberImportResultDto implements NumberImportResult {
  @IsInt() added: number;
  @IsInt() duplicates: number;
  @ValidateNested({ each: true }) @Type(() => ImportRejectionDto) rejected: ImportRejectionDto[];
}
