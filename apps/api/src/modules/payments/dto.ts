import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  AutopayKinds,
  AutopayStatuses,
  CancellationReasons,
  CardBrands,
  PaymentLimits,
  PaymentMethods,
  PaymentStatuses,
  type AutopayKind,
  type AutopayRequest,
  type AutopayStatus,
  type CancellationReason,
  type CardBrand,
  type CreatePaymentRequest,
  type PaymentMethod,
  type PaymentStatus,
} from '@cabinet/shared-types';
import { PageQuery } from '../../platform/pagination';
import { MoneyDto } from '../tariffs';

const nullable = (type: 'string' | 'integer' | 'object', extra: Record<string, unknown> = {}) => JSONSchema({ type: [type, 'null'], ...extra });
const RETURN_URL = /^\/(?![/\\])[\w\-./{}?=&%]*$/;

export class CreatePaymentDto implements CreatePaymentRequest {
  @IsUUID() accountId: string;
  /** Kopecks, from 10 ₽ to 15,000 ₽. */
  @JSONSchema({ examples: [{ amount: 50000, currency: 'RUB' }] })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => MoneyDto) amount: MoneyDto;
  @IsIn(PaymentMethods) method: PaymentMethod;
  /** `saved_card`: the card's id from GET /cards. */
  @IsOptional() @IsUUID() cardId?: string;
  /** `bank_card`: keep the card for later payments. */
  @IsOptional() @IsBoolean() saveCard?: boolean;
  /** A path of this site the acquirer sends the browser back to; `{id}` becomes the payment id. Default `/payments/{id}`. */
  @JSONSchema({ examples: ['/payments/{id}'] })
  @IsOptional() @IsString() @MaxLength(200) @Matches(RETURN_URL, { message: 'returnUrl must be a path of this site, like /payments/{id}' }) returnUrl?: string;
}

export class PaymentParams {
  @IsUUID() id: string;
}

export class ProviderParams {
  @IsString() @Matches(/^[a-z][a-z0-9_-]{0,19}$/, { message: 'provider must be a provider name, like sandbox' }) provider: string;
}

export class PaymentsQuery extends PageQuery {
  /** Only this account's payments (any account you can see); without it, the payments you made. */
  @IsOptional() @IsUUID() accountId?: string;
}

export class ConfirmationDto {
  @IsIn(['redirect', 'qr']) type: 'redirect' | 'qr';
  /** `redirect`: where to send the browser; `qr`: the bank app deep link. */
  @IsString() url: string;
  /** `qr`: the text to show as a QR code. */
  @IsOptional() @IsString() qrData?: string;
}

export class CardShortDto {
  @IsString() last4: string;
  @IsIn(CardBrands) brand: CardBrand;
}

export class PaymentViewDto {
  @IsUUID() id: string;
  @IsUUID() accountId: string;
  @IsString() accountNumber: string;
  @ValidateNested() @Type(() => MoneyDto) amount: MoneyDto;
  @IsIn(PaymentMethods) method: PaymentMethod;
  @IsIn(['top_up', 'card_binding']) purpose: 'top_up' | 'card_binding';
  @IsIn(PaymentStatuses) status: PaymentStatus;
  /** Set while `pending` and the payer still has to act. */
  @nullable('object', { $ref: '#/components/schemas/ConfirmationDto' }) @IsOptional() confirmation: ConfirmationDto | null;
  @nullable('string', { enum: [...CancellationReasons, null] }) @IsOptional() cancellationReason: CancellationReason | null;
  @nullable('object', { $ref: '#/components/schemas/CardShortDto' }) @IsOptional() card: CardShortDto | null;
  @IsIn(['customer', 'autopay', 'third_party']) source: 'customer' | 'autopay' | 'third_party';
  @JSONSchema({ format: 'date-time' }) @IsString() createdAt: string;
  @nullable('string', { format: 'date-time' }) @IsOptional() settledAt: string | null;
}

export class ReceiptViewDto {
  @IsUUID() paymentId: string;
  @IsString() number: string;
  @JSONSchema({ type: 'object', properties: { name: { type: 'string' }, inn: { type: 'string' }, taxSystem: { type: 'string' }, address: { type: 'string' } } })
  seller: { name: string; inn: string; taxSystem: string; address: string };
  /** The phone or e-mail the receipt goes to. */
  @IsString() customerContact: string;
  @JSONSchema({ type: 'array', items: { type: 'object', description: 'description, quantity, price, amount, vat (none|vat20), paymentSubject (service), paymentMode (full_prepayment)' } })
  items: unknown[];
  @ValidateNested() @Type(() => MoneyDto) total: MoneyDto;
  @IsIn(PaymentMethods) method: PaymentMethod;
  @nullable('object', { $ref: '#/components/schemas/CardShortDto' }) @IsOptional() card: CardShortDto | null;
  @JSONSchema({ format: 'date-time' }) @IsString() paidAt: string;
  /** Fiscal drive number, document number and fiscal sign; null until a fiscal provider signs the receipt. */
  @JSONSchema({ type: 'object', properties: { fn: { type: ['string', 'null'] }, fd: { type: ['string', 'null'] }, fpd: { type: ['string', 'null'] } } })
  fiscal: { fn: string | null; fd: string | null; fpd: string | null };
}

export class SavedCardViewDto {
  @IsUUID() id: string;
  @IsString() last4: string;
  @IsIn(CardBrands) brand: CardBrand;
  @IsInt() expMonth: number;
  @IsInt() expYear: number;
  @IsString() holder: string;
  @IsBoolean() isDefault: boolean;
  @JSONSchema({ format: 'date-time' }) @IsString() createdAt: string;
}

export class SavedCardListDto {
  @ValidateNested({ each: true }) @Type(() => SavedCardViewDto) items: SavedCardViewDto[];
}

export class BindCardDto {
  /** A path of this site to come back to; `{id}` becomes the binding payment's id. Default `/cards?bound={id}`. */
  @IsOptional() @IsString() @MaxLength(200) @Matches(RETURN_URL, { message: 'returnUrl must be a path of this site, like /cards?bound={id}' }) returnUrl?: string;
}

export class BindCardResponseDto {
  @IsUUID() paymentId: string;
  @ValidateNested() @Type(() => ConfirmationDto) confirmation: ConfirmationDto;
}

export class CardParams {
  @IsUUID() id: string;
}

export class AccountParams {
  @IsUUID() accountId: string;
}

export class AutopayParams extends AccountParams {
  @IsUUID() id: string;
}

export class AutopayDto implements AutopayRequest {
  @IsIn(AutopayKinds) kind: AutopayKind;
  @IsUUID() cardId: string;
  /** How much to top up each time (10 ₽ – 15,000 ₽). */
  @IsDefined() @IsObject() @ValidateNested() @Type(() => MoneyDto) amount: MoneyDto;
  /** `threshold`: top up when the balance falls below this (0 ₽ – 15,000 ₽). */
  @IsOptional() @IsObject() @ValidateNested() @Type(() => MoneyDto) threshold?: MoneyDto;
  /** `monthly`: the day of the month, 1–28 (Moscow). */
  @IsOptional() @IsInt() @Min(1) @Max(28) dayOfMonth?: number;
}

export class AutopayPatchDto {
  /** Pause or resume; resuming a stopped rule clears its failures. */
  @IsIn(['active', 'paused']) status: 'active' | 'paused';
}

export class AutopayViewDto {
  @IsUUID() id: string;
  @IsUUID() accountId: string;
  @IsIn(AutopayKinds) kind: AutopayKind;
  @ValidateNested() @Type(() => SavedCardViewDto) card: SavedCardViewDto;
  @ValidateNested() @Type(() => MoneyDto) amount: MoneyDto;
  @nullable('object', { $ref: '#/components/schemas/MoneyDto' }) @IsOptional() threshold: MoneyDto | null;
  @nullable('integer') @IsOptional() dayOfMonth: number | null;
  @IsIn(AutopayStatuses) status: AutopayStatus;
  @IsInt() failures: number;
  @nullable('string', { format: 'date-time' }) @IsOptional() lastRunAt: string | null;
  @nullable('string', { format: 'date-time' }) @IsOptional() nextRunAt: string | null;
  @JSONSchema({ format: 'date-time' }) @IsString() createdAt: string;
}

export class AutopayListDto {
  @ValidateNested({ each: true }) @Type(() => AutopayViewDto) items: AutopayViewDto[];
}

export class PromisedPaymentDto {
  /** Up to the offer's `maxAmount`. */
  @IsDefined() @IsObject() @ValidateNested() @Type(() => MoneyDto) amount: MoneyDto;
}

export class PromisedPaymentViewDto {
  @IsUUID() id: string;
  @ValidateNested() @Type(() => MoneyDto) amount: MoneyDto;
  @ValidateNested() @Type(() => MoneyDto) fee: MoneyDto;
  @ValidateNested() @Type(() => MoneyDto) outstanding: MoneyDto;
  @IsIn(['open', 'repaid', 'overdue']) status: 'open' | 'repaid' | 'overdue';
  @JSONSchema({ format: 'date-time' }) @IsString() dueAt: string;
  @JSONSchema({ format: 'date-time' }) @IsString() createdAt: string;
}

export class PromisedPaymentOfferDto {
  @IsBoolean() available: boolean;
  @nullable('string', { enum: ['already_open', 'not_mobile', 'account_not_active', null] }) @IsOptional() reason: string | null;
  @ValidateNested() @Type(() => MoneyDto) maxAmount: MoneyDto;
  @JSONSchema({ type: 'array', items: { type: 'object', properties: { upTo: { $ref: '#/components/schemas/MoneyDto' }, fee: { $ref: '#/components/schemas/MoneyDto' } } } })
  fees: { upTo: MoneyDto; fee: MoneyDto }[];
  @IsInt() days: number;
  @nullable('object', { $ref: '#/components/schemas/PromisedPaymentViewDto' }) @IsOptional() open: PromisedPaymentViewDto | null;
}

export class DeferredPaymentDto {
  /** 1–5 days. */
  @IsInt() @Min(1) @Max(PaymentLimits.deferredMaxDays) days: number;
}

export class DeferredPaymentResultDto {
  @JSONSchema({ format: 'date' }) @IsString() paidUntil: string;
}

export class DeferredPaymentOfferDto {
  @IsBoolean() available: boolean;
  @nullable('string', { enum: ['used_this_month', 'balance_sufficient', 'not_internet', 'account_not_active', null] }) @IsOptional() reason: string | null;
  @IsInt() maxDays: number;
  @nullable('string', { format: 'date' }) @IsOptional() paidUntil: string | null;
  @ValidateNested() @Type(() => MoneyDto) monthlyFee: MoneyDto;
  @JSONSchema({ type: ['object', 'null'], properties: { days: { type: 'integer' }, paidUntil: { type: 'string', format: 'date' }, createdAt: { type: 'string', format: 'date-time' } } })
  @IsOptional()
  last: { days: number; paidUntil: string; createdAt: string } | null;
}

export class NotificationSettingsDto {
  /** SMS when the balance falls below this; null switches the alert off. */
  @nullable('object', { $ref: '#/components/schemas/MoneyDto' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => MoneyDto) lowBalanceThreshold: MoneyDto | null;
}
