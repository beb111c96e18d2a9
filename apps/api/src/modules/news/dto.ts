import { Type } from 'class-transformer';
import { IsBase64, IsBoolean, IsEmail, IsIn, IsInt, IsISO8601, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  Limits,
  NewsKinds,
  NewsLimits,
  type NewsImageInput,
  type NewsInput,
  type NewsItemView,
  type NewsKind,
  type NewsletterConfirmRequest,
  type NewsletterSendResponse,
  type NewsletterStatusResponse,
  type NewsletterSubscribeRequest,
  type NewsPatch,
  type NewsState,
  type PromotionJoinResponse,
  type PromotionView,
  type StaffNewsItemView,
} from '@cabinet/shared-types';
import { PageQuery } from '../../platform/pagination';

const SLUG = /^[a-z0-9][a-z0-9-]{1,119}$/;
const nullableDate = { type: ['string', 'null'] as ('string' | 'null')[], format: 'date-time' };

export class NewsListQuery extends PageQuery {
  /** Only news or only promotions. */
  @IsOptional() @IsIn(NewsKinds) kind?: NewsKind;
}

export class SlugParams {
  @IsString() @Matches(SLUG, { message: 'slug must be lower-case letters, digits and hyphens' }) slug: string;
}

export class IdParams {
  @IsUUID() id: string;
}

export class NewsItemViewDto implements NewsItemView {
  @IsUUID() id: string;
  @IsIn(NewsKinds) kind: NewsKind;
  @IsString() slug: string;
  @IsString() title: string;
  @IsString() summary: string;
  @IsString() body: string;
  @JSONSchema({ type: ['string', 'null'] }) @IsOptional() @IsString() imageUrl: string | null;
  @JSONSchema({ type: ['string', 'null'] }) @IsOptional() @IsString() imageAlt: string | null;
  @IsISO8601() publishedAt: string;
  @JSONSchema(nullableDate) @IsOptional() @IsISO8601() startsAt: string | null;
  @JSONSchema(nullableDate) @IsOptional() @IsISO8601() endsAt: string | null;
}

export class PromotionViewDto extends NewsItemViewDto implements PromotionView {
  @JSONSchema(nullableDate) @IsOptional() @IsISO8601() joinedAt: string | null;
  @IsBoolean() open: boolean;
}

export class StaffNewsItemViewDto extends NewsItemViewDto implements StaffNewsItemView {
  @IsIn(['draft', 'scheduled', 'published', 'archived']) state: NewsState;
  @JSONSchema(nullableDate) @IsOptional() @IsISO8601() scheduledAt: string | null;
  @JSONSchema(nullableDate) @IsOptional() @IsISO8601() archivedAt: string | null;
  @IsInt() participants: number;
  @IsISO8601() createdAt: string;
  @IsISO8601() updatedAt: string;
}

export class StaffNewsListDto {
  @ValidateNested({ each: true }) @Type(() => StaffNewsItemViewDto) items: StaffNewsItemViewDto[];
}

export class NewsImageDto implements NewsImageInput {
  @IsIn(['image/png', 'image/jpeg', 'image/webp']) contentType: string;
  /** Base64 of the file (up to 1 MB decoded). */
  @IsString() @IsNotEmpty() @MaxLength(Math.ceil((NewsLimits.imageMaxBytes * 4) / 3) + 4) @IsBase64() data: string;
  /** What the picture shows (for screen readers). */
  @IsString() @IsNotEmpty() @MaxLength(200) alt: string;
}

export class NewsInputDto implements NewsInput {
  @IsIn(NewsKinds) kind: NewsKind;
  @JSONSchema({ examples: ['double-gigabytes'] })
  @IsString() @Matches(SLUG, { message: 'slug must be 2–120 lower-case letters, digits and hyphens' }) slug: string;
  @IsString() @IsNotEmpty() @MaxLength(NewsLimits.titleMaxLength) title: string;
  @IsString() @IsNotEmpty() @MaxLength(NewsLimits.summaryMaxLength) summary: string;
  @IsString() @IsNotEmpty() @MaxLength(NewsLimits.bodyMaxLength) body: string;
  /** When it becomes visible; in the future: scheduled; absent or null: a draft. */
  @JSONSchema(nullableDate) @IsOptional() @IsISO8601({ strict: true }) publishedAt?: string | null;
  @JSONSchema(nullableDate) @IsOptional() @IsISO8601({ strict: true }) startsAt?: string | null;
  @JSONSchema(nullableDate) @IsOptional() @IsISO8601({ strict: true }) endsAt?: string | null;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => NewsImageDto) image?: NewsImageDto | null;
}

export class NewsPatchDto implements NewsPatch {
  @IsOptional() @IsString() @Matches(SLUG, { message: 'slug must be 2–120 lower-case letters, digits and hyphens' }) slug?: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(NewsLimits.titleMaxLength) title?: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(NewsLimits.summaryMaxLength) summary?: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(NewsLimits.bodyMaxLength) body?: string;
  @JSONSchema(nullableDate) @IsOptional() @IsISO8601({ strict: true }) publishedAt?: string | null;
  @JSONSchema(nullableDate) @IsOptional() @IsISO8601({ strict: true }) startsAt?: string | null;
  @JSONSchema(nullableDate) @IsOptional() @IsISO8601({ strict: true }) endsAt?: string | null;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => NewsImageDto) image?: NewsImageDto | null;
}

export class PromotionJoinDto implements PromotionJoinResponse {
  @IsUUID() promotionId: string;
  @IsISO8601() joinedAt: string;
  @IsBoolean() created: boolean;
}

export class NewsletterSubscribeDto implements NewsletterSubscribeRequest {
  @JSONSchema({ examples: ['ivan@example.ru'] })
  @IsEmail() @MaxLength(Limits.emailMaxLength) email: string;
}

export class NewsletterConfirmDto implements NewsletterConfirmRequest {
  /** The token from the confirmation e-mail's link. */
  @IsString() @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'token must be the value from the e-mail' }) token: string;
}

export class UnsubscribeQuery {
  @IsEmail() @MaxLength(Limits.emailMaxLength) email: string;
  /** The signed token from the e-mail (valid for this address only). */
  @IsString() @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'token must be the value from the e-mail' }) token: string;
}

export class NewsletterStatusDto implements NewsletterStatusResponse {
  @IsString() email: string;
  @IsIn(['pending', 'confirmed', 'unsubscribed']) status: 'pending' | 'confirmed' | 'unsubscribed';
}

export class NewsletterSendDto implements NewsletterSendResponse {
  @IsInt() queued: number;
}
