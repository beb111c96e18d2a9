import { Transform, Type } from 'class-transformer';
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
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { IsDecimal } from '../../platform/validation';
import {
  BonusBlockReasons,
  BonusCardKinds,
  BonusCardStatuses,
  BonusCategories,
  BonusLimits,
  BonusOperationKinds,
  BonusOperationSorts,
  BonusRewardKinds,
  Limits,
  type BonusActivationConfirmRequest,
  type BonusActivationRequest,
  type BonusAttachCardRequest,
  type BonusBlockCardRequest,
  type BonusBlockReason,
  type BonusCampaignRequest,
  type BonusCardKind,
  type BonusCardStatus,
  type BonusCategory,
  type BonusOperationKind,
  type BonusOperationSort,
  type BonusPurchaseRequest,
  type BonusQuoteRequest,
  type BonusReceiptItem,
  type BonusRewardKind,
  type BonusTransferRequest,
} from '@cabinet/shared-types';
import { validateInput } from '../../platform/validation';
import { MoneyDto } from '../tariffs';

const commaList = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value);
const nullable = (type: 'string' | 'integer' | 'object' | 'array', extra: Record<string, unknown> = {}) => JSONSchema({ type: [type, 'null'], ...extra });
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const RECEIPT_ID = /^[\w.:/-]{1,64}$/;
const CARD_EXAMPLE = '2780 1000 0001 8';

// ——— cards and activation ———

export class BonusActivationDto implements BonusActivationRequest {
  /** As printed on the card; spaces and dashes are fine. */
  @JSONSchema({ examples: [CARD_EXAMPLE] })
  @IsString() @MaxLength(32) cardNumber: string;
  @JSONSchema({ examples: ['driver@example.ru'] }) @IsEmail() @MaxLength(Limits.emailMaxLength) email: string;
  @IsString() @IsNotEmpty() @MaxLength(Limits.nameMaxLength) surname: string;
  @IsString() @IsNotEmpty() @MaxLength(Limits.nameMaxLength) name: string;
  @nullable('string') @IsOptional() @IsString() @MaxLength(Limits.nameMaxLength) patronymic?: string | null;
  /** As typed; it becomes the login. */
  @JSONSchema({ examples: ['8 921 555-12-34'] }) @IsString() @MaxLength(32) phone: string;
  @JSONSchema({ examples: ['1988-03-15'], format: 'date' }) @Matches(DAY, { message: 'birthDate must be YYYY-MM-DD' }) birthDate: string;
  @IsIn(['male', 'female']) gender: 'male' | 'female';
}

export class BonusActivationConfirmDto implements BonusActivationConfirmRequest {
  @IsUUID() activationId: string;
  /** The 6 digits from the SMS. */
  @Matches(/^\d{6}$/, { message: 'code must be the 6 digits from the SMS' }) code: string;
}

export class BonusActivationResendDto {
  @IsUUID() activationId: string;
}

export class BonusAttachCardDto implements BonusAttachCardRequest {
  @JSONSchema({ examples: [CARD_EXAMPLE] }) @IsString() @MaxLength(32) cardNumber: string;
}

export class BonusBlockCardDto implements BonusBlockCardRequest {
  @IsIn(BonusBlockReasons) reason: BonusBlockReason;
  /** A new plastic card (not activated yet) to take this one's place. */
  @IsOptional() @IsString() @MaxLength(32) replacementCardNumber?: string;
  /** Or a new virtual card number in its place (e.g. after a lost phone). */
  @IsOptional() @IsBoolean() replaceWithVirtual?: boolean;
}

export class BonusCardParams {
  @IsUUID() id: string;
}

export class BonusCardViewDto {
  @IsUUID() id: string;
  @JSONSchema({ examples: ['2780100000018'] }) @IsString() number: string;
  @IsIn(BonusCardKinds) kind: BonusCardKind;
  @IsIn(BonusCardStatuses) status: BonusCardStatus;
  @JSONSchema({ type: 'object', properties: { format: { type: 'string', enum: ['ean13'] }, value: { type: 'string' } } }) barcode: { format: 'ean13'; value: string };
  @nullable('string', { format: 'date-time' }) @IsOptional() activatedAt: string | null;
  @nullable('string', { format: 'date-time' }) @IsOptional() blockedAt: string | null;
  @nullable('string', { enum: [...BonusBlockReasons, null] }) @IsOptional() blockReason: BonusBlockReason | null;
  /** The number of the card that replaced this one. */
  @nullable('string') @IsOptional() replacedBy: string | null;
}

export class BonusCardListDto {
  @ValidateNested({ each: true }) @Type(() => BonusCardViewDto) items: BonusCardViewDto[];
}

export class BonusActivationStartedDto {
  @IsUUID() activationId: string;
  @IsString() phone: string;
  @IsInt() resendAfter: number;
  @IsInt() codeTtl: number;
}

export class BonusActivationResultDto {
  /** Sign in with this login and the code from the SMS as the password; then set your own. */
  @IsString() login: string;
  @ValidateNested() @Type(() => BonusCardViewDto) card: BonusCardViewDto;
  @IsBoolean() mustChangePassword: boolean;
}

export class BonusBlockCardResultDto {
  @ValidateNested() @Type(() => BonusCardViewDto) blocked: BonusCardViewDto;
  @nullable('object', { $ref: '#/components/schemas/BonusCardViewDto' }) @IsOptional() replacement: BonusCardViewDto | null;
  @IsInt() balance: number;
}

export class BonusExpiryDto {
  /** The Moscow day the points expire (at its start). */
  @JSONSchema({ format: 'date' }) @IsString() date: string;
  @IsInt() points: number;
}

export class BonusTransferLimitsDto {
  @IsInt() dailyPoints: number;
  @IsInt() dailyCount: number;
  @IsInt() usedPoints: number;
  @IsInt() usedCount: number;
}

export class BonusSummaryDto {
  /** False until the customer activates a card or creates a virtual one. */
  @IsBoolean() member: boolean;
  @IsInt() balance: number;
  @ValidateNested() @Type(() => MoneyDto) pointValue: MoneyDto;
  @ValidateNested({ each: true }) @Type(() => BonusCardViewDto) cards: BonusCardViewDto[];
  @nullable('object', { $ref: '#/components/schemas/BonusExpiryDto' }) @IsOptional() nextExpiry: BonusExpiryDto | null;
  /** Points expiring in the next 30 days, per day. */
  @ValidateNested({ each: true }) @Type(() => BonusExpiryDto) expiringSoon: BonusExpiryDto[];
  @ValidateNested() @Type(() => BonusTransferLimitsDto) transferLimits: BonusTransferLimitsDto;
  @nullable('string', { format: 'date-time' }) @IsOptional() memberSince: string | null;
}

// ——— history ———

export class BonusOperationsFilterQuery {
  /** `-createdAt` (default) or `createdAt`. */
  @IsOptional() @IsIn(BonusOperationSorts) sort?: BonusOperationSort;
  /** Comma-separated kinds, e.g. `accrual,spend`. */
  @JSONSchema({ type: 'string', examples: ['accrual,spend'] })
  @IsOptional() @Transform(commaList) @IsArray() @IsIn(BonusOperationKinds, { each: true }) kind?: BonusOperationKind[];
  /** `in` (points came) or `out` (points went). */
  @IsOptional() @IsIn(['in', 'out']) direction?: 'in' | 'out';
  /** From this Moscow day, inclusive. */
  @JSONSchema({ format: 'date' }) @IsOptional() @Matches(DAY, { message: 'from must be YYYY-MM-DD' }) from?: string;
  /** To this Moscow day, inclusive. */
  @JSONSchema({ format: 'date' }) @IsOptional() @Matches(DAY, { message: 'to must be YYYY-MM-DD' }) to?: string;
}

export class BonusOperationsQuery extends BonusOperationsFilterQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(Limits.pageSizeMax) limit?: number;
  @IsOptional() @IsString() @MaxLength(300) cursor?: string;
}

export class BonusOperationViewDto {
  @IsUUID() id: string;
  @IsIn(BonusOperationKinds) kind: BonusOperationKind;
  /** Signed: + came in, − went out. */
  @IsInt() points: number;
  @IsInt() balanceAfter: number;
  @IsString() description: string;
  @nullable('string') @IsOptional() cardNumber: string | null;
  @nullable('string') @IsOptional() station: string | null;
  @nullable('string') @IsOptional() receiptId: string | null;
  @IsISO8601() createdAt: string;
}

export class BonusStatementParams {
  /** `YYYY-MM`, Moscow. */
  @JSONSchema({ examples: ['2026-11'] }) @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' }) month: string;
}

export class BonusStatementDto {
  @IsString() month: string;
  @IsInt() opening: number;
  @IsInt() closing: number;
  @IsInt() accrued: number;
  @IsInt() spent: number;
  @IsInt() expired: number;
  @IsInt() reversed: number;
  @IsInt() returned: number;
  @IsInt() transferredIn: number;
  @IsInt() transferredOut: number;
  @IsInt() rewards: number;
  /** Signed. */
  @IsInt() adjustments: number;
  @IsInt() operations: number;
}

// ——— transfers, rewards, campaigns ———

export class BonusTransferDto implements BonusTransferRequest {
  @JSONSchema({ examples: ['+79210000002'] }) @IsString() @MaxLength(32) toPhone: string;
  @JSONSchema({ examples: [150] }) @IsInt() @Min(1) @Max(BonusLimits.transferMaxPoints) points: number;
}

export class BonusTransferViewDto {
  @IsUUID() id: string;
  @IsInt() points: number;
  @JSONSchema({ type: 'object', properties: { phone: { type: 'string' }, name: { type: 'string' } } }) to: { phone: string; name: string };
  @IsInt() balance: number;
  @IsISO8601() createdAt: string;
}

export class BonusRewardViewDto {
  @IsUUID() id: string;
  @IsString() code: string;
  @IsString() title: string;
  @IsString() description: string;
  @IsIn(BonusRewardKinds) kind: BonusRewardKind;
  @IsInt() points: number;
  @IsInt() validDays: number;
}

export class BonusRewardListDto {
  @ValidateNested({ each: true }) @Type(() => BonusRewardViewDto) items: BonusRewardViewDto[];
}

export class BonusRewardParams {
  @JSONSchema({ examples: ['car-wash'] }) @Matches(/^[a-z0-9-]{1,32}$/, { message: 'code must be a reward code from GET /bonus/rewards' }) code: string;
}

export class BonusRedemptionViewDto {
  @IsUUID() id: string;
  @JSONSchema({ type: 'object', properties: { code: { type: 'string' }, title: { type: 'string' }, kind: { enum: [...BonusRewardKinds] } } })
  reward: { code: string; title: string; kind: BonusRewardKind };
  @IsInt() points: number;
  @IsString() voucherCode: string;
  @IsISO8601() createdAt: string;
  @IsISO8601() expiresAt: string;
  @IsInt() balance: number;
}

export class BonusRedemptionsQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(Limits.pageSizeMax) limit?: number;
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

export class BonusCampaignDto implements BonusCampaignRequest {
  @IsString() @IsNotEmpty() @MaxLength(100) name: string;
  /** 1–10, two decimals at most (2 = double points). */
  @JSONSchema({ type: 'number', examples: [2] }) @IsDecimal(2) @Min(1) @Max(10) multiplier: number;
  /** Only these categories; none or null: every category that earns points. */
  @nullable('array', { items: { enum: [...BonusCategories] } }) @IsOptional() @IsArray() @IsIn(BonusCategories, { each: true }) categories?: BonusCategory[] | null;
  /** ISO weekdays, Moscow (6, 7 = the weekend); none or null: every day. */
  @nullable('array', { items: { type: 'integer', minimum: 1, maximum: 7 } }) @IsOptional() @IsArray() @IsInt({ each: true }) @Min(1, { each: true }) @Max(7, { each: true }) weekdays?: number[] | null;
  @IsISO8601({ strict: true }) startsAt: string;
  @IsISO8601({ strict: true }) endsAt: string;
}

export class BonusCampaignViewDto {
  @IsUUID() id: string;
  @IsString() name: string;
  @IsNumber() multiplier: number;
  @nullable('array', { items: { enum: [...BonusCategories] } }) @IsOptional() categories: BonusCategory[] | null;
  @nullable('array', { items: { type: 'integer' } }) @IsOptional() weekdays: number[] | null;
  @IsISO8601() startsAt: string;
  @IsISO8601() endsAt: string;
}

export class BonusCampaignListDto {
  @ValidateNested({ each: true }) @Type(() => BonusCampaignViewDto) items: BonusCampaignViewDto[];
}

// ——— tills ———

export class ReceiptMoneyDto {
  /** Integer kopecks, 0 – 100,000,000 (1,000,000 ₽). */
  @IsInt() @Min(0) @Max(BonusLimits.itemAmountMax) amount: number;
  @IsIn(['RUB']) currency: 'RUB';
}

export class BonusReceiptItemDto implements BonusReceiptItem {
  @JSONSchema({ examples: ['АИ-95'] }) @IsString() @IsNotEmpty() @MaxLength(128) name: string;
  @IsIn(BonusCategories) category: BonusCategory;
  /** The line's total, kopecks. */
  @JSONSchema({ examples: [{ amount: 250000, currency: 'RUB' }] }) @ValidateNested() @Type(() => ReceiptMoneyDto) amount: ReceiptMoneyDto;
  /** Litres, pieces… */
  @IsOptional() @JSONSchema({ type: 'number' }) @IsDecimal(3) @Min(0) @Max(1_000_000) quantity?: number;
  @IsOptional() @IsString() @MaxLength(64) sku?: string;
}

export class BonusQuoteDto implements BonusQuoteRequest {
  @JSONSchema({ examples: ['2780100000018'] }) @IsString() @MaxLength(32) cardNumber: string;
  @JSONSchema({ examples: ['АЗС №17, Пулковское ш.'] }) @IsString() @IsNotEmpty() @MaxLength(64) station: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(BonusLimits.receiptItemsMax) @ValidateNested({ each: true }) @Type(() => BonusReceiptItemDto) items: BonusReceiptItemDto[];
  @IsOptional() @IsISO8601({ strict: true }) occurredAt?: string;
}

export class BonusPurchaseDto implements BonusPurchaseRequest {
  /** The till's receipt id; counts once per API key. */
  @JSONSchema({ examples: ['AZS17-2026-11-22-000451'] }) @Matches(RECEIPT_ID, { message: 'receiptId must be 1–64 letters, digits and _ . : / -' }) receiptId: string;
  @JSONSchema({ examples: ['2780100000018'] }) @IsString() @MaxLength(32) cardNumber: string;
  @JSONSchema({ examples: ['АЗС №17, Пулковское ш.'] }) @IsString() @IsNotEmpty() @MaxLength(64) station: string;
  @JSONSchema({ examples: ['2026-11-22T08:40:00Z'] }) @IsISO8601({ strict: true }) occurredAt: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(BonusLimits.receiptItemsMax) @ValidateNested({ each: true }) @Type(() => BonusReceiptItemDto) items: BonusReceiptItemDto[];
  /** Points to pay with (1 point = 1 ₽), at most the quote's `maxSpend`. */
  @JSONSchema({ examples: [0] }) @IsOptional() @IsInt() @Min(0) @Max(10_000_000) spendPoints?: number;
}

export class ReceiptParams {
  @Matches(RECEIPT_ID, { message: 'receiptId must be 1–64 letters, digits and _ . : / -' }) receiptId: string;
}

export class CardNumberParams {
  @JSONSchema({ examples: ['2780100000018'] }) @Matches(/^\d{13}$/, { message: 'number must be the 13 digits of the card' }) number: string;
}

export class BonusQuoteViewDto {
  @IsString() cardNumber: string;
  @IsInt() balance: number;
  @IsInt() maxSpend: number;
  @ValidateNested() @Type(() => MoneyDto) spendableAmount: MoneyDto;
  @IsInt() accrualPreview: number;
}

export class BonusRefundDto {
  @IsISO8601() refundedAt: string;
  @IsInt() pointsReversed: number;
  @IsInt() pointsReturned: number;
  @IsInt() pointsUnrecovered: number;
}

export class BonusPurchaseViewDto {
  @IsString() receiptId: string;
  @IsIn(['completed', 'refunded']) status: 'completed' | 'refunded';
  @IsString() cardNumber: string;
  @IsString() station: string;
  @IsISO8601() occurredAt: string;
  @ValidateNested() @Type(() => MoneyDto) total: MoneyDto;
  @ValidateNested() @Type(() => MoneyDto) discount: MoneyDto;
  @ValidateNested() @Type(() => MoneyDto) toPay: MoneyDto;
  @IsInt() pointsSpent: number;
  @IsInt() pointsAccrued: number;
  @IsInt() balance: number;
  @IsString({ each: true }) campaigns: string[];
  @nullable('object', { $ref: '#/components/schemas/BonusRefundDto' }) @IsOptional() refund: BonusRefundDto | null;
}

export class BonusCardBalanceDto {
  @IsString() cardNumber: string;
  @IsIn(BonusCardStatuses) status: BonusCardStatus;
  @IsInt() balance: number;
}

export class TillCardsQuery {
  /** Digits of the card number, or the holder's phone. */
  @IsOptional() @IsString() @MaxLength(32) q?: string;
}

export class BonusTillCardDto {
  @IsString() number: string;
  @IsIn(BonusCardKinds) kind: BonusCardKind;
  @IsString() holder: string;
  @IsInt() balance: number;
}

export class BonusTillCardListDto {
  @ValidateNested({ each: true }) @Type(() => BonusTillCardDto) items: BonusTillCardDto[];
}

const PURCHASE_KEYS = new Set(['receiptId', 'cardNumber', 'station', 'occurredAt', 'items', 'spendPoints']);
const ITEM_KEYS = new Set(['name', 'category', 'amount', 'quantity', 'sku']);
const RECEIPT_RE = /^[\w.:/-]{1,64}$/;
const ISO_RE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)$/;
/** A real calendar time (Date.parse would take 30 February for 2 March). */
function isIsoTime(v: unknown): boolean {
  const m = typeof v === 'string' ? ISO_RE.exec(v) : null;
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return new Date(Date.UTC(y, mo - 1, d)).getUTCDate() === d;
}
const CATEGORIES = new Set<string>(BonusCategories);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const onlyKeys = (o: Record<string, unknown>, keys: Set<string>) => Object.keys(o).every((k) => keys.has(k));
/** A string the ordinary path would pass too: short enough, and no NUL or lone surrogate (PostgreSQL refuses them). */
const text = (v: unknown, max: number, nonEmpty = false) =>
  typeof v === 'string' && v.length <= max && (!nonEmpty || v.length > 0) && !v.includes('\u0000') && (v as string & { isWellFormed(): boolean }).isWellFormed();
const decimals = (n: number, places: number) => Math.abs(Math.round(n * 10 ** places) - n * 10 ** places) < 1e-9;

function isReceiptItem(v: unknown): boolean {
  if (!isObject(v) || !onlyKeys(v, ITEM_KEYS)) return false;
  const a = v.amount;
  return (
    text(v.name, 128, true) &&
    typeof v.category === 'string' &&
    CATEGORIES.has(v.category) &&
    isObject(a) &&
    onlyKeys(a, new Set(['amount', 'currency'])) &&
    a.currency === 'RUB' &&
    Number.isInteger(a.amount) &&
    (a.amount as number) >= 0 &&
    (a.amount as number) <= BonusLimits.itemAmountMax &&
    (v.quantity === undefined || (typeof v.quantity === 'number' && Number.isFinite(v.quantity) && v.quantity >= 0 && v.quantity <= 1_000_000 && decimals(v.quantity, 3))) &&
    (v.sku === undefined || text(v.sku, 64))
  );
}

/**
 * The body of POST /integrations/bonus/purchases, the tills' hot path: a well-formed receipt is taken as
 * it is (class-validator's nested pass costs a tenth of the request's CPU); anything else goes the ordinary
 * way (`validateInput` on BonusPurchaseDto), so its 400 problem is exactly the one every route gives.
 */
export async function parsePurchase(body: unknown): Promise<BonusPurchaseDto> {
  const b = body as Record<string, unknown>;
  if (
    isObject(b) &&
    onlyKeys(b, PURCHASE_KEYS) &&
    typeof b.receiptId === 'string' &&
    RECEIPT_RE.test(b.receiptId) &&
    text(b.cardNumber, 32) &&
    text(b.station, 64, true) &&
    isIsoTime(b.occurredAt) &&
    Array.isArray(b.items) &&
    b.items.length >= 1 &&
    b.items.length <= BonusLimits.receiptItemsMax &&
    b.items.every(isReceiptItem) &&
    (b.spendPoints === undefined || (Number.isInteger(b.spendPoints) && (b.spendPoints as number) >= 0 && (b.spendPoints as number) <= 10_000_000))
  ) {
    return b as unknown as BonusPurchaseDto;
  }
  return validateInput(BonusPurchaseDto, body, 'body');
}
