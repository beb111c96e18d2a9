import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { PushEvents, type PushConfigView, type PushEvent, type PushSubscriptionRequest, type PushSubscriptionView } from '@cabinet/shared-types';

export class PushConfigDto implements PushConfigView {
  @JSONSchema({ type: ['string', 'null'] }) @IsOptional() @IsString() publicKey: string | null;
  @IsIn(PushEvents, { each: true }) events: PushEvent[];
}

export class PushKeysDto {
  /** The browser's P-256 public key, base64url. */
  @IsString() @MaxLength(200) @Matches(/^[A-Za-z0-9_-]+={0,2}$/, { message: 'p256dh must be base64url' }) p256dh: string;
  /** The browser's auth secret (16 bytes), base64url. */
  @IsString() @MaxLength(100) @Matches(/^[A-Za-z0-9_-]+={0,2}$/, { message: 'auth must be base64url' }) auth: string;
}

export class PushSubscriptionDto implements PushSubscriptionRequest {
  /** `PushSubscription.endpoint` as the browser gave it. */
  @IsString() @MaxLength(1000) endpoint: string;
  @IsObject() @ValidateNested() @Type(() => PushKeysDto) keys: PushKeysDto;
}

export class PushUnsubscribeDto {
  @IsString() @MaxLength(1000) endpoint: string;
}

export class PushSubscriptionViewDto implements PushSubscriptionView {
  @IsUUID() id: string;
  @IsString() endpoint: string;
  @JSONSchema({ type: ['string', 'null'] }) @IsOptional() @IsString() userAgent: string | null;
  @IsISO8601() createdAt: string;
  @JSONSchema({ type: ['string', 'null'], format: 'date-time' }) @IsOptional() @IsISO8601() lastSuccessAt: string | null;
}

export class PushSubscriptionListDto {
  @ValidateNested({ each: true }) @Type(() => PushSubscriptionViewDto) items: PushSubscriptionViewDto[];
}

export class PushSubscriptionParams {
  @IsUUID() id: string;
}
