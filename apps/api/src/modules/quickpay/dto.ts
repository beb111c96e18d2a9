import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  CancellationReasons,
  PaymentMethods,
  PaymentStatuses,
  QuickPayMethods,
  type CancellationReason,
  type PaymentMethod,
  type PaymentStatus,
  type PayRecipientRequest,
  type PayRecipientView,
  type QuickPayMethod,
  type QuickPayRequest,
  type QuickPayView,
  type TopUpOtherRequest,
} from '@cabinet/shared-types';
import { CaptchaAnswerDto } from '../auth';
import { ConfirmationDto } from '../payments';
import { MoneyDto } from '../tariffs';

const RETURN_URL = /^\/(?![/\\])[\w\-./{}?=&%]*$/;
const nullable = (type: 'string' | 'object', extra: Record<string, unknown> = {}) => JSONSchema({ type: [type, 'null'], ...extra });

export class PayRecipientDto implements PayRecipientRequest {
  /** A phone number as typed, or an internet contract number. */
  @JSONSchema({ examples: ['8 921 000-00-01'] }) @IsString() @MaxLength(32) number: string;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => CaptchaAnswerDto) captcha?: CaptchaAnswerDto;
}

export class RecipientQuery {
  @JSONSchema({ examples: ['+79210000001'] }) @IsString() @MaxLength(32) number: string;
}

export class PayRecipientViewDto implements PayRecipientView {
  @IsString() number: string;
  @IsIn(['mobile', 'internet']) kind: 'mobile' | 'internet';
  /** «Иван П.» — never more. */
  @JSONSchema({ examples: ['Иван П.'] }) @IsString() maskedName: string;
}

export class QuickPayDto implements QuickPayRequest {
  @JSONSchema({ examples: ['8 921 000-00-01'] }) @IsString() @MaxLength(32) number: string;
  /** Kopecks, from 10 ₽ to 15,000 ₽. */
  @JSONSchema({ examples: [{ amount: 50000, currency: 'RUB' }] })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => MoneyDto) amount: MoneyDto;
  @IsIn(QuickPayMethods) method: QuickPayMethod;
  /** A path of this site the acquirer sends the browser back to; `{id}` becomes the payment id. Default `/pay/{id}`. */
  @IsOptional() @IsString() @MaxLength(200) @Matches(RETURN_URL, { message: 'returnUrl must be a path of this site, like /pay/{id}' }) returnUrl?: string;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => CaptchaAnswerDto) captcha?: CaptchaAnswerDto;
}

export class QuickPayParams {
  @IsUUID() id: string;
}

export class QuickPayViewDto implements Omit<QuickPayView, 'confirmation'> {
  @IsUUID() id: string;
  @ValidateNested() @Type(() => PayRecipientViewDto) recipient: PayRecipientViewDto;
  @ValidateNested() @Type(() => MoneyDto) amount: MoneyDto;
  @IsIn(PaymentMethods) method: PaymentMethod;
  @IsIn(PaymentStatuses) status: PaymentStatus;
  @nullable('object', { $ref: '#/components/schemas/ConfirmationDto' }) @IsOptional() confirmation: ConfirmationDto | null;
  @nullable('string', { enum: [...CancellationReasons, null] }) @IsOptional() cancellationReason: CancellationReason | null;
  @JSONSchema({ format: 'date-time' }) @IsString() createdAt: string;
  @nullable('string', { format: 'date-time' }) @IsOptional() settledAt: string | null;
}

export class TopUpOtherDto implements TopUpOtherRequest {
  @JSONSchema({ examples: ['8 921 000-00-01'] }) @IsString() @MaxLength(32) number: string;
  @JSONSchema({ examples: [{ amount: 50000, currency: 'RUB' }] })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => MoneyDto) amount: MoneyDto;
  @IsIn(['bank_card', 'saved_card', 'sbp']) method: 'bank_card' | 'saved_card' | 'sbp';
  @IsOptional() @IsUUID() cardId?: string;
  @IsOptional() @IsString() @MaxLength(200) @Matches(RETURN_URL, { message: 'returnUrl must be a path of this site, like /payments/{id}' }) returnUrl?: string;
}
