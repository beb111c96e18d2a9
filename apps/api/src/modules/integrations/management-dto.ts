import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  Max,
  ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  ApiKeyScopes,
  IntegrationLimits,
  PartnerStatuses,
  WebhookEventTypes,
  type ApiKeyCallView,
  type ApiKeyScope,
  type ApiKeyState,
  type ApiKeyUsageRow,
  type ApiKeyUsageView,
  type ApiKeyView,
  type CreateApiKeyRequest,
  type CreatedApiKey,
  type CreatePartnerRequest,
  type CreateWebhookEndpointRequest,
  type PartnerStatus,
  type PartnerView,
  type RotateApiKeyRequest,
  type RotatedApiKey,
  type UpdateApiKeyRequest,
  type UpdatePartnerRequest,
  type UpdateWebhookEndpointRequest,
  type WebhookAttemptView,
  type WebhookDeliveryStatus,
  type WebhookDeliveryView,
  type WebhookEndpointStatus,
  type WebhookEndpointView,
  type WebhookEndpointWithSecret,
  type WebhookEventBody,
  type WebhookEventType,
} from '@cabinet/shared-types';
import { PageQuery } from '../../platform/pagination';

const nullable = (type: 'string' | 'integer' | 'object', extra: Record<string, unknown> = {}) => JSONSchema({ type: [type, 'null'], ...extra });
const dateTime = (examples: string[] = ['2026-11-22T09:00:00.000Z']) => nullable('string', { format: 'date-time', examples });

// ---- params and queries -------------------------------------------------------------------------------

export class PartnerParams {
  @IsUUID() partnerId: string;
}
export class ApiKeyParams {
  @IsUUID() id: string;
}
export class EndpointParams {
  @IsUUID() id: string;
}
export class DeliveryParams {
  @IsUUID() id: string;
  @IsUUID() deliveryId: string;
}
/** `?limit&cursor` (a subclass without rules of its own would be missing from the document's schemas). */
export const ListQuery = PageQuery;
export type ListQuery = PageQuery;
export class DeliveriesQuery extends PageQuery {
  @IsOptional() @IsIn(['pending', 'succeeded', 'failed']) status?: WebhookDeliveryStatus;
}
export class UsageQuery {
  /** First UTC day (YYYY-MM-DD); default 29 days before `to`. */
  @JSONSchema({ examples: ['2026-11-01'] }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  /** Last UTC day (YYYY-MM-DD); default today. */
  @JSONSchema({ examples: ['2026-11-30'] }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
}

// ---- partners -----------------------------------------------------------------------------------------

export class CreatePartnerDto implements CreatePartnerRequest {
  @JSONSchema({ examples: ['АЗС «Север» — кассы'] }) @IsString() @IsNotEmpty() @MaxLength(100) name: string;
  /** Where failure notices go (a disabled webhook endpoint). */
  @JSONSchema({ examples: ['it@sever-azs.example'] }) @IsEmail() @MaxLength(254) contactEmail: string;
  @IsOptional() @IsString() @MaxLength(500) description?: string | null;
}

export class UpdatePartnerDto implements UpdatePartnerRequest {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) name?: string;
  @IsOptional() @IsEmail() @MaxLength(254) contactEmail?: string;
  @IsOptional() @IsString() @MaxLength(500) description?: string | null;
  /** `suspended`: every key of the partner answers 403 `partner_suspended` until it is active again. */
  @IsOptional() @IsIn(PartnerStatuses) status?: PartnerStatus;
}

export class PartnerViewDto implements PartnerView {
  @IsUUID() id: string;
  @IsString() name: string;
  @IsString() contactEmail: string;
  @nullable('string') @IsOptional() @IsString() description: string | null;
  @IsIn(PartnerStatuses) status: PartnerStatus;
  @IsInt() activeKeys: number;
  @IsISO8601() createdAt: string;
}

// ---- API keys -----------------------------------------------------------------------------------------

export class CreateApiKeyDto implements CreateApiKeyRequest {
  @JSONSchema({ examples: ['Кассы АЗС, боевой ключ'] }) @IsString() @IsNotEmpty() @MaxLength(100) name: string;
  @JSONSchema({ examples: [['bonus:purchases', 'bonus:read']] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(ApiKeyScopes.length) @IsIn(ApiKeyScopes, { each: true }) scopes: ApiKeyScope[];
  /** IP addresses or CIDR blocks the key may be used from; empty or absent = anywhere. */
  @JSONSchema({ examples: [['203.0.113.0/24', '198.51.100.7']] })
  @IsOptional() @IsArray() @ArrayMaxSize(IntegrationLimits.maxIpAllowlist) @IsString({ each: true }) @MaxLength(50, { each: true }) ipAllowlist?: string[];
  @dateTime(['2027-12-31T23:59:59.000Z']) @IsOptional() @IsISO8601({ strict: true }) expiresAt?: string | null;
  /** Requests per minute (default 6000). */
  @IsOptional() @IsInt() @Min(1) @Max(IntegrationLimits.maxRateLimitPerMinute) rateLimitPerMinute?: number;
}

export class UpdateApiKeyDto implements UpdateApiKeyRequest {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) name?: string;
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(ApiKeyScopes.length) @IsIn(ApiKeyScopes, { each: true }) scopes?: ApiKeyScope[];
  @IsOptional() @IsArray() @ArrayMaxSize(IntegrationLimits.maxIpAllowlist) @IsString({ each: true }) @MaxLength(50, { each: true }) ipAllowlist?: string[];
  /** null removes the expiry. */
  @dateTime() @IsOptional() @IsISO8601({ strict: true }) expiresAt?: string | null;
  @IsOptional() @IsInt() @Min(1) @Max(IntegrationLimits.maxRateLimitPerMinute) rateLimitPerMinute?: number;
}

export class RotateApiKeyDto implements RotateApiKeyRequest {
  /** Hours the old key keeps working (0–168, default 24). */
  @JSONSchema({ examples: [24] }) @IsOptional() @IsInt() @Min(0) @Max(IntegrationLimits.maxRotationOverlapHours) overlapHours?: number;
}

export class ApiKeyViewDto implements ApiKeyView {
  @IsUUID() id: string;
  @nullable('string', { format: 'uuid' }) @IsOptional() @IsUUID() partnerId: string | null;
  @IsString() name: string;
  /** The visible part of the key: `cab_<prefix>_…`. */
  @JSONSchema({ examples: ['3f9a0c1b2d4e'] }) @IsString() prefix: string;
  @IsIn(ApiKeyScopes, { each: true }) scopes: ApiKeyScope[];
  @IsString({ each: true }) ipAllowlist: string[];
  @IsInt() rateLimitPerMinute: number;
  @IsIn(['active', 'expiring', 'expired', 'revoked']) state: ApiKeyState;
  @dateTime() @IsOptional() @IsISO8601() expiresAt: string | null;
  @dateTime() @IsOptional() @IsISO8601() revokedAt: string | null;
  @dateTime() @IsOptional() @IsISO8601() lastUsedAt: string | null;
  @nullable('string', { format: 'uuid' }) @IsOptional() @IsUUID() rotatedFromId: string | null;
  @nullable('string', { format: 'uuid' }) @IsOptional() @IsUUID() replacedById: string | null;
  @IsISO8601() createdAt: string;
}

export class CreatedApiKeyDto extends ApiKeyViewDto implements CreatedApiKey {
  /** The whole key, shown only in this answer. Send it as `Authorization: Bearer <key>`. */
  @JSONSchema({ examples: ['cab_3f9a0c1b2d4e_Yk3n0Qv8rJ2mTq5wZc7xLp9sHd4fGb1a'] }) @IsString() key: string;
}

export class RotatedApiKeyDto implements RotatedApiKey {
  @ValidateNested() @Type(() => CreatedApiKeyDto) created: CreatedApiKeyDto;
  @ValidateNested() @Type(() => ApiKeyViewDto) previous: ApiKeyViewDto;
}

export class ApiKeyCallDto implements ApiKeyCallView {
  @IsISO8601() at: string;
  @JSONSchema({ examples: ['POST'] }) @IsString() method: string;
  @JSONSchema({ examples: ['/integrations/usage'] }) @IsString() route: string;
  @IsInt() status: number;
  @IsInt() latencyMs: number;
  @nullable('string') @IsOptional() @IsString() ip: string | null;
}

export class ApiKeyUsageRowDto implements ApiKeyUsageRow {
  @JSONSchema({ format: 'date' }) @IsString() day: string;
  @JSONSchema({ examples: ['POST /integrations/usage'] }) @IsString() route: string;
  @IsInt() calls: number;
  @IsInt() errors: number;
  @IsInt() avgLatencyMs: number;
}

export class ApiKeyUsageDto implements ApiKeyUsageView {
  @IsUUID() keyId: string;
  @JSONSchema({ format: 'date' }) @IsString() from: string;
  @JSONSchema({ format: 'date' }) @IsString() to: string;
  @IsInt() totalCalls: number;
  @IsInt() totalErrors: number;
  @ValidateNested({ each: true }) @Type(() => ApiKeyUsageRowDto) rows: ApiKeyUsageRowDto[];
}

/** GET /integrations/me — the key making the call. */
export class IntegratorMeDto {
  @IsUUID() apiKeyId: string;
  @IsString() name: string;
  @IsIn(ApiKeyScopes, { each: true }) scopes: ApiKeyScope[];
  @nullable('string', { format: 'uuid' }) @IsOptional() @IsUUID() partnerId: string | null;
}

// ---- webhooks -----------------------------------------------------------------------------------------

export class CreateWebhookEndpointDto implements CreateWebhookEndpointRequest {
  /** The receiver: https (http only outside production). */
  @JSONSchema({ examples: ['https://crm.partner.example/hooks/cabinet'] }) @IsString() @MaxLength(2048) url: string;
  @JSONSchema({ examples: [['payment.succeeded', 'payment.canceled']] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(WebhookEventTypes.length) @IsIn(WebhookEventTypes, { each: true }) events: WebhookEventType[];
  @IsOptional() @IsString() @MaxLength(200) description?: string | null;
}

export class UpdateWebhookEndpointDto implements UpdateWebhookEndpointRequest {
  @IsOptional() @IsString() @MaxLength(2048) url?: string;
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(WebhookEventTypes.length) @IsIn(WebhookEventTypes, { each: true }) events?: WebhookEventType[];
  @IsOptional() @IsString() @MaxLength(200) description?: string | null;
  /** `active` turns a disabled endpoint on again; `disabled` stops deliveries. */
  @IsOptional() @IsIn(['active', 'disabled']) status?: WebhookEndpointStatus;
}

export class WebhookEndpointViewDto implements WebhookEndpointView {
  @IsUUID() id: string;
  @IsUUID() partnerId: string;
  @IsString() url: string;
  @nullable('string') @IsOptional() @IsString() description: string | null;
  @IsIn(WebhookEventTypes, { each: true }) events: WebhookEventType[];
  @IsIn(['active', 'disabled']) status: WebhookEndpointStatus;
  @nullable('string', { enum: ['failing', 'manual', null] }) @IsOptional() disabledReason: 'failing' | 'manual' | null;
  @dateTime() @IsOptional() @IsISO8601() failingSince: string | null;
  @dateTime() @IsOptional() @IsISO8601() previousSecretExpiresAt: string | null;
  @IsISO8601() createdAt: string;
}

export class WebhookEndpointWithSecretDto extends WebhookEndpointViewDto implements WebhookEndpointWithSecret {
  /** `whsec_…`: shown only when the endpoint is made and when the secret is rotated. */
  @JSONSchema({ examples: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'] }) @IsString() secret: string;
}

export class WebhookEndpointListDto {
  @ValidateNested({ each: true }) @Type(() => WebhookEndpointViewDto) items: WebhookEndpointViewDto[];
}

export class WebhookAttemptDto implements WebhookAttemptView {
  @IsISO8601() at: string;
  @nullable('integer') @IsOptional() @IsInt() statusCode: number | null;
  @IsInt() durationMs: number;
  @nullable('string') @IsOptional() @IsString() error: string | null;
  @IsBoolean() manual: boolean;
}

export class WebhookEventBodyDto implements WebhookEventBody {
  @IsIn(WebhookEventTypes) type: WebhookEventType;
  @IsISO8601() timestamp: string;
  @JSONSchema({ type: 'object', examples: [{ paymentId: '6f1c…', accountId: '0b3e…', amount: { amount: 50000, currency: 'RUB' } }] }) data: Record<string, unknown>;
}

export class WebhookDeliveryDto implements WebhookDeliveryView {
  @IsUUID() id: string;
  @IsUUID() endpointId: string;
  /** The `webhook-id` header; the same on every retry. */
  @JSONSchema({ examples: ['msg_2b7f0e3c9d1a4e8f8a6b5c4d3e2f1a0b'] }) @IsString() eventId: string;
  @IsIn(WebhookEventTypes) eventType: WebhookEventType;
  @IsIn(['pending', 'succeeded', 'failed']) status: WebhookDeliveryStatus;
  @IsInt() attempts: number;
  @dateTime() @IsOptional() @IsISO8601() nextAttemptAt: string | null;
  @dateTime() @IsOptional() @IsISO8601() lastAttemptAt: string | null;
  @nullable('integer') @IsOptional() @IsInt() lastStatusCode: number | null;
  @IsISO8601() createdAt: string;
  @ValidateNested() @Type(() => WebhookEventBodyDto) payload: WebhookEventBodyDto;
  @ValidateNested({ each: true }) @Type(() => WebhookAttemptDto) attemptLog: WebhookAttemptDto[];
}

export class WebhookEventTypesDto {
  @IsIn(WebhookEventTypes, { each: true }) items: WebhookEventType[];
}
