import type { Money } from './common';
import type { CardBrand, PaymentMethod } from './payments';

/**
 * Microloans (issue 5). One loan goes through one lifecycle, application first:
 * `draft` → `submitted` → `approved` | `rejected` | `in_review` (an operator decides) → `disbursed` (payout
 * sent to the card) → `active` (the money arrived) ⇄ `overdue` → `repaid`; `cancelled` ends an application
 * the customer withdrew or an approval nobody took. Every change is kept with its time and shown.
 */
export const LoanStatuses = ['draft', 'submitted', 'in_review', 'approved', 'rejected', 'disbursed', 'active', 'overdue', 'repaid', 'cancelled'] as const;
export type LoanStatus = (typeof LoanStatuses)[number];

/** `short`: one repayment at the end ("до зарплаты"); `instalment`: equal payments every 30 days. */
export const LoanKinds = ['short', 'instalment'] as const;
export type LoanKind = (typeof LoanKinds)[number];

export const EmploymentTypes = ['employed', 'self_employed', 'entrepreneur', 'pensioner', 'student', 'unemployed'] as const;
export type EmploymentType = (typeof EmploymentTypes)[number];

/** Each consent is its own checkbox, stored with the time and the version of the text agreed to. */
export const ConsentKinds = ['terms', 'personal_data', 'credit_bureau'] as const;
export type ConsentKind = (typeof ConsentKinds)[number];

/** Why an application was rejected (or sent to an operator: `payment_to_income_high`). */
export const LoanDecisionReasons = [
  'age_out_of_range',
  'overdue_loan',
  'active_loan_exists',
  'high_cost_loans_limit',
  'income_too_low',
  'payment_to_income_high',
  'rejected_by_operator',
  'approved_by_operator',
] as const;
export type LoanDecisionReason = (typeof LoanDecisionReasons)[number];

/** Why a payout to a card failed (YooKassa payouts' vocabulary, shortened). */
export const PayoutFailureReasons = ['general_decline', 'card_expired', 'recipient_not_found', 'one_time_limit_exceeded'] as const;
export type PayoutFailureReason = (typeof PayoutFailureReasons)[number];

export const LoanLimits = {
  /** An approval waits this long for the customer to take the money; then it is cancelled. */
  approvalValidDays: 7,
  /** The reminder SMS/e-mail goes this many days before a due date (and on the day itself). */
  reminderDaysBefore: 3,
  /** Payment to income (the largest payment / monthly income): up to this share approves… */
  ptiApprove: 0.5,
  /** …above it and up to this share an operator decides; above it, rejected. */
  ptiReview: 0.8,
  minAge: 18,
  maxAge: 75,
  /** The phone confirmation token of the wizard lives this long. */
  verificationTtlSeconds: 1800,
} as const;

/** GET /loans/products (public) */
export interface LoanProductView {
  id: string;
  code: string;
  name: string;
  kind: LoanKind;
  description: string;
  minAmount: Money;
  maxAmount: Money;
  minTermDays: number;
  maxTermDays: number;
  /** The term is a multiple of this (30 for instalments: whole months of 30 days). */
  termStepDays: number;
  /** Days between payments (instalments); null: one repayment at the end. */
  paymentPeriodDays: number | null;
  /** Percent per day, e.g. 0.8. */
  dailyRate: number;
  /** Penalty on the overdue principal, percent per annum. */
  penaltyRate: number;
  /** Short loans: the extension (пролонгация) terms; null when it cannot be extended. */
  extension: { fee: Money; minDays: number; maxDays: number; maxCount: number } | null;
}

/** One row of the caps table: a rule of the law with the date it took effect and where it comes from. */
export interface LoanCapView {
  rule: 'daily_rate' | 'total_cost' | 'penalty_rate' | 'high_cost_loans';
  /** daily_rate: percent per day; total_cost: percent of the principal; penalty_rate: percent per annum; high_cost_loans: the ПСК threshold, percent. */
  value: number;
  /** high_cost_loans: how many such loans a borrower may already have. */
  maxLoans: number | null;
  effectiveFrom: string;
  /** The next row of the same rule takes over from this date (exclusive); null: in force. */
  effectiveUntil: string | null;
  source: string;
}

/** The caps in force on a loan's date. */
export interface LoanCapsInForce {
  date: string;
  /** Percent per day. */
  dailyRate: number;
  /** Interest, penalties and fees together, percent of the principal. */
  totalCost: number;
  /** Percent per annum. */
  penaltyRate: number;
  /** null before the rule took effect. */
  highCostLoans: { pskAbove: number; maxLoans: number } | null;
  sources: string[];
}

export interface LoanScheduleRow {
  n: number;
  dueOn: string;
  principal: Money;
  interest: Money;
  total: Money;
  /** The principal still owed after this payment. */
  remainingAfter: Money;
  status: 'planned' | 'next' | 'paid' | 'overdue';
}

/** GET /loans/calculator?productId&amount&termDays (public) */
export interface LoanCalculation {
  product: { id: string; name: string; kind: LoanKind };
  amount: Money;
  termDays: number;
  /** The loan's date (today, Moscow): the caps in force on it apply. */
  loanDate: string;
  /** The last payment's date. */
  dueOn: string;
  /** Percent per day. */
  dailyRate: number;
  /** Full cost of credit, percent per annum with three decimals (353-FZ art. 6). */
  psk: number;
  totalToRepay: Money;
  overpayment: Money;
  schedule: LoanScheduleRow[];
  caps: LoanCapsInForce;
  /** The planned interest had to be cut to the total-cost cap. */
  capped: boolean;
}

/** POST /loans/phone-verification (public): an SMS code to the phone. */
export interface PhoneVerificationRequest {
  phone: string;
}
export interface PhoneVerificationStarted {
  phone: string;
  resendAfter: number;
  codeTtl: number;
}
/** POST /loans/phone-verification/confirm (public) */
export interface PhoneVerificationConfirmRequest {
  phone: string;
  code: string;
}
export interface PhoneVerificationResult {
  /** Proof that this phone was confirmed; send it when registering and when creating the application. */
  verificationToken: string;
  expiresIn: number;
  phone: string;
  /** The phone already signs in to the cabinet: sign in with its password instead of registering. */
  registered: boolean;
}
/** POST /loans/registration (public): the confirmed phone becomes the login. Answers like sign-in. */
export interface LoanRegistrationRequest {
  verificationToken: string;
  password: string;
}

export interface BorrowerData {
  surname: string;
  name: string;
  patronymic: string | null;
  /** YYYY-MM-DD */
  birthDate: string;
  /** 4 digits */
  passportSeries: string;
  /** 6 digits */
  passportNumber: string;
  /** YYYY-MM-DD */
  passportIssuedOn: string;
  registrationAddress: string;
  monthlyIncome: Money;
  employment: EmploymentType;
  employer: string | null;
}

/** POST /loans: a draft application (the wizard's first step after the phone). */
export interface CreateLoanRequest {
  productId: string;
  amount: Money;
  termDays: number;
  verificationToken: string;
}

/** PATCH /loans/:id while a draft: what the wizard has so far. */
export interface UpdateLoanDraftRequest {
  productId?: string;
  amount?: Money;
  termDays?: number;
  borrower?: Partial<BorrowerData>;
  /**
   * The optional paid services chosen (codes from GET /loans/services); replaces the selection. A draft has
   * none unless this names them: they are opt-in, never pre-selected.
   */
  services?: string[];
}

/**
 * An optional paid service offered with a loan (insurance, a legal-advice subscription): opt-in only,
 * priced on its own (never part of the loan's amount, schedule or ПСК), ignored by the decision, and
 * refundable in full within `refundDays` of its purchase.
 */
export interface LoanServiceView {
  code: string;
  name: string;
  description: string;
  price: Money;
  refundDays: number;
}

/** A service on a loan: `selected` on the draft, `pending`/`paid`/`failed` once charged at payout, `refunded` when given back. */
export type LoanServiceStatus = 'selected' | 'pending' | 'paid' | 'failed' | 'refunded';

export interface LoanServiceLine {
  code: string;
  name: string;
  price: Money;
  status: LoanServiceStatus;
  /** The card payment that bought it (GET /payments/:id), null while only selected. */
  paymentId: string | null;
  paidAt: string | null;
  /** The last moment a refund may be asked for (paid + refund window), null until paid. */
  refundableUntil: string | null;
  /** True while paid and the window is open (by the server's clock). */
  refundable: boolean;
  refundedAt: string | null;
}

export interface LoanConsentInput {
  kind: ConsentKind;
  /** The version of the text shown (GET /loans/consents). */
  version: string;
  accepted: boolean;
}

/** POST /loans/:id/submit — the consents, each accepted on its own. */
export interface SubmitLoanRequest {
  consents: LoanConsentInput[];
}

/** GET /loans/consents (public) */
export interface ConsentTextView {
  kind: ConsentKind;
  version: string;
  title: string;
  text: string;
}

export interface LoanConsentView {
  kind: ConsentKind;
  version: string;
  acceptedAt: string;
}

export interface LoanStatusChange {
  status: LoanStatus;
  at: string;
  /** What happened, in words for the customer (a rejection reason, a failed payout…). */
  note: string | null;
}

export interface LoanDebtView {
  principal: Money;
  /** Accrued to today by the clock, unpaid. */
  interest: Money;
  penalty: Money;
  total: Money;
  asOf: string;
  /** Interest, penalties and fees charged so far, and the most the law lets be charged on this loan. */
  charged: Money;
  chargeCap: Money;
}

export interface LoanOperationView {
  id: string;
  at: string;
  kind: 'disbursement' | 'repayment' | 'extension' | 'refund';
  amount: Money;
  toPenalty: Money;
  toInterest: Money;
  toFee: Money;
  toPrincipal: Money;
  paymentId: string | null;
  description: string;
}

export interface LoanSummaryView {
  id: string;
  number: string;
  status: LoanStatus;
  product: { id: string; name: string; kind: LoanKind };
  amount: Money;
  termDays: number;
  createdAt: string;
  updatedAt: string;
  /** Active and overdue loans: the debt now. */
  debt: LoanDebtView | null;
  nextPayment: { dueOn: string; amount: Money } | null;
}

export interface LoanView extends LoanSummaryView {
  borrower: Partial<BorrowerData>;
  phoneConfirmedAt: string | null;
  consents: LoanConsentView[];
  decision: { outcome: 'approved' | 'rejected' | 'in_review'; reason: LoanDecisionReason | null; note: string | null; at: string } | null;
  /** Approved: until when the money can be taken. */
  approvalValidUntil: string | null;
  history: LoanStatusChange[];
  /** The contract, once issued (or as offered, once approved). */
  contract: {
    issuedOn: string | null;
    dueOn: string;
    dailyRate: number;
    penaltyRate: number;
    psk: number;
    totalToRepay: Money;
    caps: LoanCapsInForce;
  } | null;
  schedule: LoanScheduleRow[];
  operations: LoanOperationView[];
  /** Optional paid services, each with its own price, apart from the loan's amount and schedule. */
  services: LoanServiceLine[];
  payout: { status: 'pending' | 'succeeded' | 'failed'; card: { last4: string; brand: CardBrand; holder: string }; failureReason: PayoutFailureReason | null; at: string } | null;
  extensions: number;
}

/** POST /loans/:id/disburse — the money to a saved card in the customer's own name. */
export interface DisburseLoanRequest {
  cardId: string;
}

/** POST /loans/:id/repayments (header `Idempotency-Key` required). */
export interface RepayLoanRequest {
  amount: Money;
  method: Extract<PaymentMethod, 'saved_card' | 'bank_card'>;
  cardId?: string;
  /** An SPA path to come back to; `{id}` becomes the payment id. Default `/loans/<loan id>?payment={id}`. */
  returnUrl?: string;
}

/** GET /loans/:id/extension?days= */
export interface LoanExtensionOffer {
  available: boolean;
  reason: 'not_extendable' | 'not_active' | 'limit_reached' | null;
  minDays: number;
  maxDays: number;
  days: number;
  interest: Money;
  penalty: Money;
  fee: Money;
  total: Money;
  dueOn: string | null;
  newDueOn: string | null;
  extensionsLeft: number;
}

/** POST /loans/:id/extension (header `Idempotency-Key` required). */
export interface ExtendLoanRequest {
  days: number;
  method: Extract<PaymentMethod, 'saved_card' | 'bank_card'>;
  cardId?: string;
  returnUrl?: string;
}

// --- back office -------------------------------------------------------------------------------------

export interface LoanReviewItem {
  id: string;
  number: string;
  status: LoanStatus;
  customer: { id: string; name: string; phone: string };
  product: { id: string; name: string; kind: LoanKind };
  amount: Money;
  termDays: number;
  monthlyIncome: Money | null;
  /** Payment to income, 0..1+ */
  paymentToIncome: number | null;
  submittedAt: string | null;
  decision: LoanView['decision'];
}

export interface LoanDecisionRule {
  rule: 'age' | 'overdue_loan' | 'active_loan' | 'high_cost_loans' | 'payment_to_income';
  outcome: 'pass' | 'reject' | 'review';
  detail: string;
}

export interface CreditBureauLoan {
  lender: string;
  psk: number;
  status: 'active' | 'overdue';
}

export interface LoanReviewView extends LoanReviewItem {
  borrower: Partial<BorrowerData>;
  rules: LoanDecisionRule[];
  bureau: CreditBureauLoan[];
  history: LoanStatusChange[];
  consents: LoanConsentView[];
}

export interface ApproveLoanRequest {
  comment?: string;
}
export interface RejectLoanRequest {
  reason: string;
}

export const PhoneChangeStatuses = ['pending', 'confirmed', 'rejected', 'cancelled'] as const;
export type PhoneChangeStatus = (typeof PhoneChangeStatuses)[number];

/** A phone change waiting for an operator (a borrower's: passport data on file). */
export interface PhoneChangeRequestView {
  id: string;
  customer: { id: string; name: string };
  oldPhone: string;
  newPhone: string;
  status: PhoneChangeStatus;
  requestedAt: string;
  decidedAt: string | null;
  note: string | null;
}

/** POST /backoffice/phone-changes/:id/confirm — the passport data the person gave on the identity check. */
export interface ConfirmPhoneChangeRequest {
  passportSeries: string;
  passportNumber: string;
}
export interface RejectPhoneChangeRequest {
  reason: string;
}
