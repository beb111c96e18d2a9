import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  GuideTips,
  HelpSections,
  OfficeKinds,
  Weekdays,
  type AboutView,
  type DismissGuideRequest,
  type GuideStateView,
  type GuideTip,
  type HelpSection,
  type HelpVideoView,
  type LegalDocumentHistory,
  type LegalDocumentSummary,
  type LegalDocumentView,
  type OfficeHours,
  type OfficeKind,
  type OfficeView,
  type Weekday,
} from '@cabinet/shared-types';

const nullable = (type: 'string', extra: Record<string, unknown> = {}) => JSONSchema({ type: [type, 'null'], ...extra });

export class OfficesQuery {
  /** Only this city (as listed, e.g. `Санкт-Петербург`). */
  @IsOptional() @IsString() @MaxLength(100) city?: string;
  @IsOptional() @IsIn(OfficeKinds) kind?: OfficeKind;
  /** `true`: only points where an ordered SIM card can be collected. */
  @IsOptional() @IsIn(['true', 'false']) simPickup?: 'true' | 'false';
}

export class OfficeParams {
  @IsUUID() id: string;
}

export class OfficeHoursDto implements OfficeHours {
  @IsIn(Weekdays) day: Weekday;
  @nullable('string', { pattern: '^\\d{2}:\\d{2}$' }) @IsOptional() @IsString() opens: string | null;
  @nullable('string', { pattern: '^\\d{2}:\\d{2}$' }) @IsOptional() @IsString() closes: string | null;
}

export class MapLinksDto {
  @IsString() yandex: string;
  @IsString() google: string;
}

export class OfficeViewDto implements OfficeView {
  @IsUUID() id: string;
  @IsString() code: string;
  @IsIn(OfficeKinds) kind: OfficeKind;
  @IsString() name: string;
  @IsString() city: string;
  @IsString() address: string;
  @IsNumber() latitude: number;
  @IsNumber() longitude: number;
  @nullable('string') @IsOptional() @IsString() phone: string | null;
  @ValidateNested({ each: true }) @Type(() => OfficeHoursDto) hours: OfficeHoursDto[];
  @IsBoolean() simPickup: boolean;
  @ValidateNested() @Type(() => MapLinksDto) maps: MapLinksDto;
}

export class OfficeListDto {
  @ValidateNested({ each: true }) @Type(() => OfficeViewDto) items: OfficeViewDto[];
}

export class DocumentParams {
  @JSONSchema({ examples: ['privacy'] }) @Matches(/^[a-z0-9-]{1,40}$/, { message: 'code must be a document code from GET /documents' }) code: string;
}

export class DocumentVersionParams extends DocumentParams {
  @JSONSchema({ examples: ['privacy-2026-11'] }) @Matches(/^[a-z0-9.-]{1,40}$/, { message: 'version must be a version listed for the document' }) version: string;
}

export class LegalDocumentSummaryDto implements LegalDocumentSummary {
  @IsString() code: string;
  @IsString() version: string;
  @IsString() title: string;
  @IsISO8601() effectiveFrom: string;
}

export class LegalDocumentViewDto extends LegalDocumentSummaryDto implements LegalDocumentView {
  @IsString() body: string;
}

export class LegalDocumentHistoryDto extends LegalDocumentViewDto implements LegalDocumentHistory {
  @ValidateNested({ each: true }) @Type(() => LegalDocumentSummaryDto) versions: LegalDocumentSummaryDto[];
}

export class LegalDocumentListDto {
  @ValidateNested({ each: true }) @Type(() => LegalDocumentSummaryDto) items: LegalDocumentSummaryDto[];
}

export class HelpVideosQuery {
  @IsOptional() @IsIn(HelpSections) section?: HelpSection;
}

export class HelpVideoViewDto implements HelpVideoView {
  @IsUUID() id: string;
  @IsIn(HelpSections) section: HelpSection;
  @IsString() title: string;
  @IsString() url: string;
  @IsInt() durationSeconds: number;
}

export class HelpVideoListDto {
  @ValidateNested({ each: true }) @Type(() => HelpVideoViewDto) items: HelpVideoViewDto[];
}

export class SupportContactsDto {
  @IsString() phone: string;
  @IsString() email: string;
}

export class AboutViewDto implements AboutView {
  @IsString() name: string;
  @IsString() version: string;
  @ValidateNested({ each: true }) @Type(() => LegalDocumentSummaryDto) documents: LegalDocumentSummaryDto[];
  @ValidateNested() @Type(() => SupportContactsDto) support: SupportContactsDto;
}

export class GuideStateDto implements GuideStateView {
  @IsIn(GuideTips, { each: true }) pending: GuideTip[];
  @IsIn(GuideTips, { each: true }) dismissed: GuideTip[];
  @nullable('string', { format: 'date-time' }) @IsOptional() @IsISO8601() dismissedAllAt: string | null;
}

export class DismissGuideDto implements DismissGuideRequest {
  /** One tip to dismiss. */
  @IsOptional() @IsIn(GuideTips) tip?: GuideTip;
  /** `true`: dismiss the whole guide (no `tip` then). */
  @IsOptional() @IsBoolean() all?: boolean;
}
