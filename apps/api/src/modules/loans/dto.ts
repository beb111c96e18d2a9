import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  ConsentKinds,
  EmploymentTypes,
  LoanDecisionReasons,
  LoanKinds,
  LoanStatuses,
  PayoutFailureReasons,
  type ApproveLoanRequest,
  type BorrowerData,
  type ConsentKind,
  type CreateLoanRequest,
  type DisburseLoanRequest,
  type EmploymentType,
  type ExtendLoanRequest,
  type LoanConsentInput,
  type LoanKind,
  type LoanStatus,
  type LoanRegistrationRequest,
  type Money,
  type PhoneVerificationConfirmRequest,
  type PhoneVerificationRequest,
  type RejectLoanRequest,
  type RepayLoanRequest,
  type SubmitLoanRequest,
  type UpdateLoanDraftRequest,
} from '@cabinet/shared-types';
import { PageQuery } from '../../platform/pagination';
import { MoneyDto } from '../tariffs';

const nullable = (type: 'string' | 'integer' | 'object' | 'number', extra: Record<string, unknown> = {}) => JSONSchema({ type: [type, 'null'], ...extra });
const RETURN_URL = /^\/(?![/\\])[\w\-./{}?=&%]*$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const NAME = /^[A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё' .-]*$/;

/** Money of at least one kopeck. */
export class PositiveMoneyDto implements Money {
  /** Integer kopecks, at least 1. */
  @IsInt() @Min(1, { message: 'amount must be positive' }) amount: number;
  @IsIn(['RUB']) currency: 'RUB';
}

/** Money of zero or more kopecks. */
export class NonNegativeMoneyDto implements Money {
  @IsInt() @Min(0, { message: 'amount must not be negative' }) amount: number;
  @IsIn(['RUB']) currency: 'RUB';
}

// --- public ------------------------------------------------------------------------------------------

export class CalculatorQuery {
  @IsUUID() productId: string;
  /** Kopecks. */
  @JSONSchema({ examples: [1_000_000] })
  @Type(() => Number) @IsInt({ message: 'amount must be a whole number of kopecks' }) @Min(1, { message: 'amount must be positive' }) amount: number;
  @Type(() => Number) @IsInt({ message: 'termDays must be a whole number of days' }) @Min(1, { message: 'termDays must be positive' }) @Max(3650) termDays: number;
}

export class PhoneVerificationDto implements PhoneVerificationRequest {
  /** As typed: `8 (921) 000-00-05`, `+7 921…`. */
  @IsString() @IsNotEmpty() @MaxLength(32) phone: string;
}

export class PhoneVerificationConfirmDto implements PhoneVerificationConfirmRequest {
  @IsString() @IsNotEmpty() @MaxLength(32) phone: string;
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' }) code: string;
}

export class LoanRegistrationDto implements LoanRegistrationRequest {
  @IsString() @IsNotEmpty() @MaxLength(600) verificationToken: string;
  @IsString() @IsNotEmpty() @MaxLength(128) password: string;
}

// --- the application ---------------------------------------------------------------------------------

export class BorrowerDto implements Partial<BorrowerData> {
  @IsOptional() @IsString() @Length(1, 100) @Matches(NAME, { message: 'surname must be letters' }) surname?: string;
  @IsOptional() @IsString() @Length(1, 100) @Matches(NAME, { message: 'name must be letters' }) name?: string;
  @nullable('string') @IsOptional() @ValidateIf((o) => o.patronymic !== null) @IsString() @Length(1, 100) @Matches(NAME, { message: 'patronymic must be letters' }) patronymic?: string | null;
  /** YYYY-MM-DD */
  @IsOptional() @Matches(DATE, { message: 'birthDate must be a date YYYY-MM-DD' }) birthDate?: string;
  @IsOptional() @Matches(/^\d{4}$/, { message: 'passportSeries must be 4 digits' }) passportSeries?: string;
  @IsOptional() @Matches(/^\d{6}$/, { message: 'passportNumber must be 6 digits' }) passportNumber?: string;
  @IsOptional() @Matches(DATE, { message: 'passportIssuedOn must be a date YYYY-MM-DD' }) passportIssuedOn?: string;
  @IsOptional() @IsString() @Length(5, 300) registrationAddress?: string;
  /** Per month, kopecks. */
  @IsOptional() @ValidateNested() @Type(() => NonNegativeMoneyDto) monthlyIncome?: NonNegativeMoneyDto;
  @IsOptional() @IsIn(EmploymentTypes) employment?: EmploymentType;
  @nullable('string') @IsOptional() @ValidateIf((o) => o.employer !== null) @IsString() @MaxLength(200) employer?: string | null;
}

export class CreateLoanDto implements CreateLoanRequest {
  @IsUUID() productId: string;
  @JSONSchema({ examples: [{ amount: 1_000_000, currency: 'RUB' }] })
  @ValidateNested() @Type(() => PositiveMoneyDto) amount: PositiveMoneyDto;
  @IsInt() @Min(1, { message: 'termDays must be positive' }) @Max(3650) termDays: number;
  /** From POST /loans/phone-verification/confirm: the phone is yours and was confirmed by a code. */
  @IsString() @IsNotEmpty() @MaxLength(600) verificationToken: string;
}

export class UpdateLoanDraftDto implements UpdateLoanDraftRequest {
  @IsOptional() @IsUUID() productId?: string;
  @IsOptional() @ValidateNested() @Type(() => PositiveMoneyDto) amount?: PositiveMoneyDto;
  @IsOptional() @IsInt() @Min(1, { message: 'termDays must be positive' }) @Max(3650) termDays?: number;
  @IsOptional() @ValidateNested() @Type(() => BorrowerDto) borrower?: BorrowerDto;
  /**
   * The optional paid services wanted (codes from GET /loans/services); replaces the selection, `[]` clears
   * it. Leave it out and the selection stays as it is — a new draft has none.
   */
  @JSONSchema({ examples: [['insurance']] })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) @MaxLength(40, { each: true }) services?: string[];
}

export class LoanConsentDto implements LoanConsentInput {
  @IsIn(ConsentKinds) kind: ConsentKind;
  /** The version shown by GET /loans/consents. */
  @IsString() @MaxLength(32) version: string;
  @IsBoolean() accepted: boolean;
}

export class SubmitLoanDto implements SubmitLoanRequest {
  /** One entry per consent (terms, personal_data, credit_bureau), each accepted on its own. */
  @IsArray() @ArrayMaxSize(3) @ValidateNested({ each: true }) @Type(() => LoanConsentDto) consents: LoanConsentDto[];
}

export class LoanParams {
  @IsUUID() id: string;
}

export class LoansQuery extends PageQuery {}

export class LoanServiceParams {
  @IsUUID() id: string;
  /** The service's code, e.g. `insurance`. */
  @IsString() @Length(1, 64) code: string;
}

export class DisburseLoanDto implements DisburseLoanRequest {
  /** A saved card (GET /cards) in your own name. */
  @IsUUID() cardId: string;
}

export class RepayLoanDto implements RepayLoanRequest {
  @ValidateNested() @Type(() => PositiveMoneyDto) amount: PositiveMoneyDto;
  @IsIn(['saved_card', 'bank_card']) method: 'saved_card' | 'bank_card';
  @IsOptional() @IsUUID() cardId?: string;
  @JSONSchema({ examples: ['/loans/{loanId}?payment={id}'] })
  @IsOptional() @IsString() @MaxLength(200) @Matches(RETURN_URL, { message: 'returnUrl must be a path of this site' }) returnUrl?: string;
}

export class ExtensionQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(365) days?: number;
}

export class ExtendLoanDto implements ExtendLoanRequest {
  @IsInt() @Min(1) @Max(365) days: number;
  @IsIn(['saved_card', 'bank_card']) method: 'saved_card' | 'bank_card';
  @IsOptional() @IsUUID() cardId?: string;
  @IsOptional() @IsString() @MaxLength(200) @Matches(RETURN_URL, { message: 'returnUrl must be a path of this site' }) returnUrl?: string;
}

// --- back office -------------------------------------------------------------------------------------

export class LoanReviewQuery extends PageQuery {
  /** Default `in_review` (the queue). */
  @IsOptional() @IsIn(LoanStatuses) status?: LoanStatus;
}

export class ApproveLoanDto implements ApproveLoanRequest {
  @IsOptional() @IsString() @MaxLength(500) comment?: string;
}

export class RejectLoanDto implements RejectLoanRequest {
  /** Told to the customer. */
  @IsString() @IsNotEmpty() @MaxLength(500) reason: string;
}

// --- responses (documented in the OpenAPI document) --------------------------------------------------

export class LoanExtensionTermsDto {
  @ValidateNested() @Type(() => MoneyDto) fee: MoneyDto;
  @IsInt() minDays: number;
  @IsInt() maxDays: number;
  @IsInt() maxCount: number;
}

export class LoanProductViewDto {
  @IsUUID() id: string;
  @IsString() code: string;
  @IsString() name: string;
  @IsIn(LoanKinds) kind: LoanKind;
  @IsString() description: string;
  @ValidateNested() @Type(() => MoneyDto) minAmount: MoneyDto;
  @ValidateNested() @Type(() => MoneyDto) maxAmount: MoneyDto;
  @IsInt() minTermDays: number;
  @IsInt() maxTermDays: number;
  @IsInt() termStepDays: number;
  @nullable('integer') @IsOptional() @IsInt() paymentPeriodDays: number | null;
  /** Percent a day. */
  @IsNumber() dailyRate: number;
  /** Percent a year, on overdue principal. */
  @IsNumber() penaltyRate: number;
  @nullable('object', { $ref: '#/components/schemas/LoanExtensionTermsDto' }) @IsOptional() extension: LoanExtensionTermsDto | null;
}

export class LoanProductListDto {
  @ValidateNested({ each: true }) @Type(() => LoanProductViewDto) items: LoanProductViewDto[];
}

export class LoanCapViewDto {
  @IsIn(['daily_rate', 'total_cost', 'penalty_rate', 'high_cost_loans']) rule: string;
  @IsNumber() value: number;
  @nullable('integer') @IsOptional() @IsInt() maxLoans: number | null;
  @JSONSchema({ format: 'date' }) @IsString() effectiveFrom: string;
  @nullable('string', { format: 'date' }) @IsOptional() @IsString() effectiveUntil: string | null;
  @IsString() source: string;
}

export class LoanCapListDto {
  @ValidateNested({ each: true }) @Type(() => LoanCapViewDto) items: LoanCapViewDto[];
}

export class LoanCapsInForceDto {
  @JSONSchema({ format: 'date' }) @IsString() date: string;
  @IsNumber() dailyRate: number;
  @IsNumber() totalCost: number;
  @IsNumber() penaltyRate: number;
  @JSONSchema({ type: ['object', 'null'], properties: { pskAbove: { type: 'number' }, maxLoans: { type: 'integer' } } })
  @IsOptional()
  highCostLoans: { pskAbove: number; maxLoans: number } | null;
  @IsString({ each: true }) sources: string[];
}

export class LoanScheduleRowDto {
  @IsInt() n: number;
  @JSONSchema({ format: 'date' }) @IsString() dueOn: string;
  @ValidateNested() @Type(() => MoneyDto) principal: MoneyDto;
  @ValidateNested() @Type(() => MoneyDto) interest: MoneyDto;
  @ValidateNested() @Type(() => MoneyDto) total: MoneyDto;
  @ValidateNested() @Type(() => MoneyDto) remainingAfter: MoneyDto;
  @IsIn(['planned', 'next', 'paid', 'overdue']) status: string;
}

export class LoanProductRefDto {
  @IsUUID() id: string;
  @IsString() name: string;
  @IsIn(LoanKinds) kind: LoanKind;
}

export class LoanCalculationDto {
  @ValidateNested() @Type(() => LoanProductRefDto) product: LoanProductRefDto;
  @ValidateNested() @Type(() => MoneyDto) amount: MoneyDto;
  @IsInt() termDays: number;
  @JSONSchema({ format: 'date' }) @IsString() loanDate: string;
  @JSONSchema({ format: 'date' }) @IsString() dueOn: string;
  @IsNumber() dailyRate: number;
  /** ПСК, percent a year (three decimals). */
  @IsNumber() psk: number;
  @ValidateNested() @Type(() => MoneyDto) totalToRepay: MoneyDto;
  @ValidateNested() @Type(() => MoneyDto) overpayment: MoneyDto;
  @ValidateNested({ each: true }) @Type(() => LoanScheduleRowDto) schedule: LoanScheduleRowDto[];
  @ValidateNested() @Type(() => LoanCapsInForceDto) caps: LoanCapsInForceDto;
  @IsBoolean() capped: boolean;
}

export class PhoneVerificationStartedDto {
  @IsString() phone: string;
  @IsInt() resendAfter: number;
  @IsInt() codeTtl: number;
}

export class PhoneVerificationResultDto {
  @IsString() verificationToken: string;
  @IsInt() expiresIn: number;
  @IsString() phone: string;
  @IsBoolean() registered: boolean;
}

export class ConsentTextDto {
  @IsIn(ConsentKinds) kind: ConsentKind;
  @IsString() version: string;
  @IsString() title: string;
  @IsString() text: string;
}

export class ConsentTextListDto {
  @ValidateNested({ each: true }) @Type(() => ConsentTextDto) items: ConsentTextDto[];
}

export const BORROWER_SCHEMA: Record<string, unknown> = {
  type: 'object',
  description: 'The applicant’s data as far as it is filled in.',
  properties: {
    surname: { type: 'string' },
    name: { type: 'string' },
    patronymic: { type: ['string', 'null'] },
    birthDate: { type: 'string', format: 'date' },
    passportSeries: { type: 'string' },
    passportNumber: { type: 'string' },
    passportIssuedOn: { type: 'string', format: 'date' },
    registrationAddress: { type: 'string' },
    monthlyIncome: { $ref: '#/components/schemas/MoneyDto' },
    employment: { type: 'string', enum: [...EmploymentTypes] },
    employer: { type: ['string', 'null'] },
  },
};

export class LoanDebtDto {
  @ValidateNested() @Type(() => MoneyDto) principal: MoneyDto;
  @ValidateNested() @Type(() => MoneyDto) interest: MoneyDto;
  @ValidateNested() @Type(() => MoneyDto) penalty: MoneyDto;
  @ValidateNested() @Type(() => MoneyDto) total: MoneyDto;
  @JSONSchema({ format: 'date' }) @IsString() asOf: string;
  @ValidateNested() @Type(() => MoneyDto) charged: MoneyDto;
  @ValidateNested() @Type(() => MoneyDto) chargeCap: MoneyDto;
}

export class LoanNextPaymentDto {
  @JSONSchema({ format: 'date' }) @IsString() dueOn: string;
  @ValidateNested() @Type(() => MoneyDto) amount: MoneyDto;
}

export class LoanSummaryViewDto {
  @IsUUID() id: string;
  @IsString() number: string;
  @IsIn(LoanStatuses) status: LoanStatus;
  @ValidateNested() @Type(() => LoanProductRefDto) product: LoanProductRefDto;
  @ValidateNested() @Type(() => MoneyDto) amount: MoneyDto;
  @IsInt() termDays: number;
  @JSONSchema({ format: 'date-time' }) @IsString() createdAt: string;
  @JSONSchema({ format: 'date-time' }) @IsString() updatedAt: string;
  @nullable('object', { $ref: '#/components/schemas/LoanDebtDto' }) @IsOptional() debt: LoanDebtDto | null;
  @nullable('object', { $ref: '#/components/schemas/LoanNextPaymentDto' }) @IsOptional() nextPayment: LoanNextPaymentDto | null;
}

export class LoanStatusChangeDto {
  @IsIn(LoanStatuses) status: LoanStatus;
  @JSONSchema({ format: 'date-time' }) @IsString() at: string;
  @nullable('string') @IsOptional() @IsString() note: string | null;
}

export class LoanConsentViewDto {
  @IsIn(ConsentKinds) kind: ConsentKind;
  @IsString() version: string;
  @JSONSchema({ format: 'date-time' }) @IsString() acceptedAt: string;
}

export class LoanDecisionDto {
  @IsIn(['approved', 'rejected', 'in_review']) outcome: string;
  @nullable('string', { enum: [...LoanDecisionReasons, null] }) @IsOptional() reason: string | null;
  @nullable('string') @IsOptional() @IsString() note: string | null;
  @JSONSchema({ format: 'date-time' }) @IsString() at: string;
}

export class LoanContractDto {
  @nullable('string', { format: 'date' }) @IsOptional() @IsString() issuedOn: string | null;
  @JSONSchema({ format: 'date' }) @IsString() dueOn: string;
  @IsNumber() dailyRate: number;
  @IsNumber() penaltyRate: number;
  @IsNumber() psk: number;
  @ValidateNested() @Type(() => MoneyDto) totalToRepay: MoneyDto;
  @ValidateNested() @Type(() => LoanCapsInForceDto) caps: LoanCapsInForceDto;
}

export class LoanOperationDto {
  @IsUUID() id: string;
  @JSONSchema({ format: 'date-time' }) @IsString() at: string;
  @IsIn(['disbursement', 'repayment', 'extension', 'refund']) kind: string;
  @ValidateNested() @Type(() => MoneyDto) amount: MoneyDto;
  @ValidateNested() @Type(() => MoneyDto) toPenalty: MoneyDto;
  @ValidateNested() @Type(() => MoneyDto) toInterest: MoneyDto;
  @ValidateNested() @Type(() => MoneyDto) toFee: MoneyDto;
  @ValidateNested() @Type(() => MoneyDto) toPrincipal: MoneyDto;
  @nullable('string', { format: 'uuid' }) @IsOptional() @IsUUID() paymentId: string | null;
  @IsString() description: string;
}

export class LoanServiceViewDto {
  @IsString() code: string;
  @IsString() name: string;
  @IsString() description: string;
  /** Paid on its own, apart from the loan. */
  @ValidateNested() @Type(() => MoneyDto) price: MoneyDto;
  /** A refund in full may be asked for within this many days of the payment. */
  @IsInt() refundDays: number;
}

export class LoanServiceListDto {
  @ValidateNested({ each: true }) @Type(() => LoanServiceViewDto) items: LoanServiceViewDto[];
}

export class LoanServiceLineDto {
  @IsString() code: string;
  @IsString() name: string;
  @ValidateNested() @Type(() => MoneyDto) price: MoneyDto;
  @IsIn(['selected', 'pending', 'paid', 'failed', 'refunded']) status: string;
  @nullable('string', { format: 'uuid' }) @IsOptional() @IsUUID() paymentId: string | null;
  @nullable('string', { format: 'date-time' }) @IsOptional() @IsString() paidAt: string | null;
  @nullable('string', { format: 'date-time' }) @IsOptional() @IsString() refundableUntil: string | null;
  @IsBoolean() refundable: boolean;
  @nullable('string', { format: 'date-time' }) @IsOptional() @IsString() refundedAt: string | null;
}

export class LoanPayoutDto {
  @IsIn(['pending', 'succeeded', 'failed']) status: string;
  @JSONSchema({ type: 'object', properties: { last4: { type: 'string' }, brand: { type: 'string' }, holder: { type: 'string' } } })
  card: { last4: string; brand: string; holder: string };
  @nullable('string', { enum: [...PayoutFailureReasons, null] }) @IsOptional() failureReason: string | null;
  @JSONSchema({ format: 'date-time' }) @IsString() at: string;
}

export class LoanViewDto extends LoanSummaryViewDto {
  @JSONSchema(BORROWER_SCHEMA as never) @IsOptional() borrower: Partial<BorrowerData>;
  @nullable('string', { format: 'date-time' }) @IsOptional() @IsString() phoneConfirmedAt: string | null;
  @ValidateNested({ each: true }) @Type(() => LoanConsentViewDto) consents: LoanConsentViewDto[];
  @nullable('object', { $ref: '#/components/schemas/LoanDecisionDto' }) @IsOptional() decision: LoanDecisionDto | null;
  @nullable('string', { format: 'date-time' }) @IsOptional() @IsString() approvalValidUntil: string | null;
  @ValidateNested({ each: true }) @Type(() => LoanStatusChangeDto) history: LoanStatusChangeDto[];
  @nullable('object', { $ref: '#/components/schemas/LoanContractDto' }) @IsOptional() contract: LoanContractDto | null;
  @ValidateNested({ each: true }) @Type(() => LoanScheduleRowDto) schedule: LoanScheduleRowDto[];
  @ValidateNested({ each: true }) @Type(() => LoanOperationDto) operations: LoanOperationDto[];
  /** Optional paid services, each with its own price and payment, apart from the loan's amount and schedule. */
  @ValidateNested({ each: true }) @Type(() => LoanServiceLineDto) services: LoanServiceLineDto[];
  @nullable('object', { $ref: '#/components/schemas/LoanPayoutDto' }) @IsOptional() payout: LoanPayoutDto | null;
  @IsInt() extensions: number;
}

export class LoanExtensionOfferDto {
  @IsBoolean() available: boolean;
  @nullable('string', { enum: ['not_extendable', 'not_active', 'limit_reached', null] }) @IsOptional() reason: string | null;
  @IsInt() minDays: number;
  @IsInt() maxDays: number;
  @IsInt() days: number;
  @ValidateNested() @Type(() => MoneyDto) interest: MoneyDto;
  @ValidateNested() @Type(() => MoneyDto) penalty: MoneyDto;
  @ValidateNested() @Type(() => MoneyDto) fee: MoneyDto;
  @ValidateNested() @Type(() => MoneyDto) total: MoneyDto;
  @nullable('string', { format: 'date' }) @IsOptional() @IsString() dueOn: string | null;
  @nullable('string', { format: 'date' }) @IsOptional() @IsString() newDueOn: string | null;
  @IsInt() extensionsLeft: number;
}

export class LoanReviewCustomerDto {
  @IsUUID() id: string;
  @IsString() name: string;
  @IsString() phone: string;
}

export class LoanReviewItemDto {
  @IsUUID() id: string;
  @IsString() number: string;
  @IsIn(LoanStatuses) status: LoanStatus;
  @ValidateNested() @Type(() => LoanReviewCustomerDto) customer: LoanReviewCustomerDto;
  @ValidateNested() @Type(() => LoanProductRefDto) product: LoanProductRefDto;
  @ValidateNested() @Type(() => MoneyDto) amount: MoneyDto;
  @IsInt() termDays: number;
  @nullable('object', { $ref: '#/components/schemas/MoneyDto' }) @IsOptional() monthlyIncome: MoneyDto | null;
  @nullable('number') @IsOptional() @IsNumber() paymentToIncome: number | null;
  @nullable('string', { format: 'date-time' }) @IsOptional() @IsString() submittedAt: string | null;
  @nullable('object', { $ref: '#/components/schemas/LoanDecisionDto' }) @IsOptional() decision: LoanDecisionDto | null;
}

export class LoanDecisionRuleDto {
  @IsIn(['age', 'overdue_loan', 'active_loan', 'high_cost_loans', 'payment_to_income']) rule: string;
  @IsIn(['pass', 'reject', 'review']) outcome: string;
  @IsString() detail: string;
}

export class CreditBureauLoanDto {
  @IsString() lender: string;
  @IsNumber() psk: number;
  @IsIn(['active', 'overdue']) status: string;
}

export class LoanReviewViewDto extends LoanReviewItemDto {
  @JSONSchema(BORROWER_SCHEMA as never) @IsOptional() borrower: Partial<BorrowerData>;
  @ValidateNested({ each: true }) @Type(() => LoanDecisionRuleDto) rules: LoanDecisionRuleDto[];
  @ValidateNested({ each: true }) @Type(() => CreditBureauLoanDto) bureau: CreditBureauLoanDto[];
  @ValidateNested({ each: true }) @Type(() => LoanStatusChangeDto) history: LoanStatusChangeDto[];
  @ValidateNested({ each: true }) @Type(() => LoanConsentViewDto) consents: LoanConsentViewDto[];
}
