import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  Limits,
  SecurityQuestionLimits,
  type SecurityQuestionChallenge,
  type SecurityQuestionChallengeRequest,
  type SecurityQuestionResetRequest,
  type SecurityQuestionView,
  type SetSecurityQuestionRequest,
  type AuthConfigResponse,
  type CaptchaAnswer,
  type CaptchaChallenge,
  type ChangePasswordRequest,
  type ChangePasswordResponse,
  type LoginRequest,
  type PasswordResetConfirmRequest,
  type PasswordResetRequest,
  type PasswordResetResponse,
  type SessionView,
  type TokenResponse,
} from '@cabinet/shared-types';
import { PageQuery } from '../../platform/pagination';

export class CaptchaAnswerDto implements CaptchaAnswer {
  /** The challenge id from the 428/401 problem or POST /auth/captcha. */
  @IsUUID() id: string;
  @IsString() @IsNotEmpty() @MaxLength(16) answer: string;
}

export class LoginDto implements LoginRequest {
  /** Phone in any common form (`8 921 000-00-01`, `+7 921…`, `921…`) or contract number. */
  @JSONSchema({ examples: ['+79210000001', '8 (921) 000-00-01', '100200300'] })
  @IsString()
  @IsNotEmpty()
  @MaxLength(Limits.loginMaxLength)
  login: string;

  @IsString() @IsNotEmpty() @MaxLength(Limits.passwordMaxLength) password: string;

  /** Required after 2 failed attempts for this login. */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CaptchaAnswerDto)
  captcha?: CaptchaAnswerDto;
}

export class TokenResponseDto implements TokenResponse {
  @IsString() accessToken: string;
  @IsIn(['Bearer']) tokenType: 'Bearer';
  /** Seconds until the access token expires (900). */
  @IsInt() expiresIn: number;
  /** True: every endpoint but POST /me/password answers 403 until the password is changed. */
  @IsBoolean() mustChangePassword: boolean;
}

export class CaptchaDto implements CaptchaChallenge {
  @IsUUID() id: string;
  /** `data:image/svg+xml;base64,…` */
  @IsString() image: string;
  @IsISO8601() expiresAt: string;
}

export class AuthConfigDto implements AuthConfigResponse {
  @IsBoolean() passwordResetRequiresSurname: boolean;
  @IsInt() idleTimeoutSeconds: number;
  @IsInt() idleWarningSeconds: number;
  @IsInt() passwordMinLength: number;
}

export class PasswordResetDto implements PasswordResetRequest {
  @IsString() @IsNotEmpty() @MaxLength(Limits.loginMaxLength) login: string;
  /** Required when `GET /auth/config` says `passwordResetRequiresSurname`. */
  @IsOptional() @IsString() @MaxLength(Limits.nameMaxLength) surname?: string;
}

export class PasswordResetResponseDto implements PasswordResetResponse {
  @IsInt() resendAfter: number;
  @IsInt() codeTtl: number;
  @IsBoolean() surnameRequired: boolean;
}

export class PasswordResetConfirmDto implements PasswordResetConfirmRequest {
  @IsString() @IsNotEmpty() @MaxLength(Limits.loginMaxLength) login: string;
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' }) code: string;
  @IsString() @IsNotEmpty() @MaxLength(Limits.passwordMaxLength) newPassword: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @IsString() @IsNotEmpty() @MaxLength(Limits.passwordMaxLength) currentPassword: string;
  /** At least 8 characters, not the phone number, not a common password. */
  @IsString() @IsNotEmpty() @MaxLength(Limits.passwordMaxLength) newPassword: string;
  @IsOptional() @IsBoolean() endOtherSessions?: boolean;
}

export class EndedSessionsDto implements ChangePasswordResponse {
  @IsInt() endedSessions: number;
}

export class SessionViewDto implements SessionView {
  @IsUUID() id: string;
  @IsISO8601() createdAt: string;
  @IsISO8601() lastSeenAt: string;
  @JSONSchema({ type: ['string', 'null'] }) @IsOptional() @IsString() userAgent: string | null;
  @JSONSchema({ type: ['string', 'null'] }) @IsOptional() @IsString() ip: string | null;
  /** This is the session making the request. */
  @IsBoolean() current: boolean;
}

export class SessionsQuery extends PageQuery {}

export class SessionIdParams {
  @IsUUID() id: string;
}

// ---- security question (issue 10) ----

export class SetSecurityQuestionDto implements SetSecurityQuestionRequest {
  @JSONSchema({ examples: ['Девичья фамилия матери'] }) @IsString() @IsNotEmpty() @MaxLength(SecurityQuestionLimits.questionMaxLength) question: string;
  /** Compared with case and spaces folded; stored as an argon2id hash. */
  @IsString() @IsNotEmpty() @MaxLength(SecurityQuestionLimits.answerMaxLength) answer: string;
  /** The current password, asked again. */
  @IsString() @IsNotEmpty() @MaxLength(Limits.passwordMaxLength) password: string;
}

export class SecurityQuestionViewDto implements SecurityQuestionView {
  @JSONSchema({ type: ['string', 'null'] }) @IsOptional() @IsString() question: string | null;
  @JSONSchema({ type: ['string', 'null'], format: 'date-time' }) @IsOptional() @IsString() setAt: string | null;
}

export class SecurityQuestionChallengeDto implements SecurityQuestionChallengeRequest {
  @JSONSchema({ examples: ['+79210000001'] }) @IsString() @IsNotEmpty() @MaxLength(Limits.loginMaxLength) login: string;
}

export class SecurityQuestionChallengeViewDto implements SecurityQuestionChallenge {
  @IsUUID() challengeId: string;
  @IsString() question: string;
  @IsInt() attemptsLeft: number;
  @JSONSchema({ format: 'date-time' }) @IsString() expiresAt: string;
}

export class SecurityQuestionResetDto implements SecurityQuestionResetRequest {
  @IsUUID() challengeId: string;
  @IsString() @IsNotEmpty() @MaxLength(SecurityQuestionLimits.answerMaxLength) answer: string;
  @IsString() @IsNotEmpty() @MaxLength(Limits.passwordMaxLength) newPassword: string;
}
