import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import type {
  EsiaConfigResponse,
  EsiaLinkConfirmRequest,
  EsiaLinkSmsRequest,
  EsiaLinkSmsResponse,
  EsiaLinkTicketView,
  IdentityView,
  VerifiedPersonView,
} from '@cabinet/shared-types';

const TICKET = /^[A-Za-z0-9_-]{43}$/;
const nullable = (type: 'string' | 'object', extra: Record<string, unknown> = {}) => JSONSchema({ type: [type, 'null'], ...extra });

export class EsiaConfigDto implements EsiaConfigResponse {
  @IsBoolean() enabled: boolean;
  @IsBoolean() standIn: boolean;
}

export class EsiaStartQuery {
  /** A path of this site to return to after signing in (default `/`). */
  @JSONSchema({ examples: ['/loans/apply'] }) @IsOptional() @IsString() @MaxLength(500) next?: string;
}

/** What the provider sends back to the callback (OAuth 2.0 authorization response, RFC 9207 `iss`). */
export class EsiaCallbackQuery {
  @IsOptional() @IsString() @MaxLength(2048) code?: string;
  @IsOptional() @IsString() @MaxLength(512) state?: string;
  @IsOptional() @IsString() @MaxLength(512) iss?: string;
  @IsOptional() @IsString() @MaxLength(128) error?: string;
  @IsOptional() @IsString() @MaxLength(1024) error_description?: string;
}

export class TicketParams {
  @Matches(TICKET, { message: 'ticket must be the value from the sign-in page address' }) ticket: string;
}

export class EsiaLinkTicketDto implements EsiaLinkTicketView {
  @JSONSchema({ examples: ['+7 921 ***-**-51'] }) @IsString() phone: string;
  @JSONSchema({ examples: ['Анна С.'] }) @IsString() displayName: string;
  @IsIn(['password', 'sms'], { each: true }) methods: ('password' | 'sms')[];
  @IsISO8601() expiresAt: string;
  @JSONSchema({ examples: ['/'] }) @IsString() next: string;
}

export class EsiaLinkSmsDto implements EsiaLinkSmsRequest {
  @Matches(TICKET, { message: 'ticket must be the value from the sign-in page address' }) ticket: string;
}

export class EsiaLinkSmsResponseDto implements EsiaLinkSmsResponse {
  @IsInt() resendAfter: number;
  @IsInt() codeTtl: number;
}

export class EsiaLinkConfirmDto implements EsiaLinkConfirmRequest {
  @Matches(TICKET, { message: 'ticket must be the value from the sign-in page address' }) ticket: string;
  /** The customer's password in this cabinet… */
  @IsOptional() @IsString() @MaxLength(128) password?: string;
  /** …or the code from the SMS (POST /auth/esia/link/sms). */
  @IsOptional() @Matches(/^\d{6}$/, { message: 'code must be the 6 digits from the SMS' }) code?: string;
}

export class PassportDto {
  @IsString() series: string;
  @IsString() number: string;
  @nullable('string', { format: 'date' }) @IsOptional() @IsString() issuedAt: string | null;
  @nullable('string') @IsOptional() @IsString() issuedBy: string | null;
}

export class VerifiedPersonDto implements VerifiedPersonView {
  @IsString() surname: string;
  @IsString() name: string;
  @nullable('string') @IsOptional() @IsString() patronymic: string | null;
  @nullable('string', { format: 'date' }) @IsOptional() @IsString() birthDate: string | null;
  @nullable('string') @IsOptional() @IsString() phone: string | null;
  @JSONSchema({ oneOf: [{ $ref: '#/components/schemas/PassportDto' }, { type: 'null' }] })
  @IsOptional() @ValidateNested() @Type(() => PassportDto) passport: PassportDto | null;
}

export class IdentityDto implements IdentityView {
  @IsIn(['esia']) provider: 'esia';
  @IsString() subject: string;
  @IsISO8601() linkedAt: string;
  @ValidateNested() @Type(() => VerifiedPersonDto) verified: VerifiedPersonDto;
}

export class IdentityListDto {
  @ValidateNested({ each: true }) @Type(() => IdentityDto) items: IdentityDto[];
}
