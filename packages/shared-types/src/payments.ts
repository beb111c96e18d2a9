import type { Money } from './common';

/**
 * Payments (issue 4). The lifecycle follows a real acquirer (YooKassa): a payment is created `pending`,
 * may need a confirmation (a redirect to the acquirer's card page or 3-D Secure page, or an SBP QR / deep
 * link), and ends `succeeded` or `canceled` with a reason. Only `succeeded` credits the account, once.
 */
export const PaymentMethods = ['bank_card', 'saved_card', 'sbp', 'wallet'] as const;
export type PaymentMethod = (typeof PaymentMethods)[number];

export const PaymentStatuses = ['pending', 'succeeded', 'canceled'] as const;
export type PaymentStatus = (typeof PaymentStatuses)[number];

/** Why a payment was canceled (YooKassa's `cancellation_details.reason` vocabulary). */
export const CancellationReasons = [
  '3d_secure_failed',
  'insufficient_funds',
  'card_expired',
  'general_decline',
  'expired_on_confirmation',
  'canceled_by_user',
  'payment_method_restricted',
] as const;
export type CancellationReason = (typeof CancellationReasons)[number];

/** What the payer must do next, while the payment is `pending`. */
export type PaymentConfirmation =
  /** Send the browser to `url` (the acquirer's card page, then its 3-D Secure page); it comes back to `returnUrl`. */
  | { type: 'redirect'; url: string }
  /** SBP: show `qrData` as a QR code on a computer, or open `url` (the bank app deep link) on a phone. */
  | { type: 'qr'; url: string; qrData: string };

export const PaymentPurposes = ['top_up', 'card_binding', 'loan_repayment', 'loan_extension', 'loan_service'] as const;
export type PaymentPurpose = (typeof PaymentPurposes)[number];

export const CardBrands = ['visa', 'mastercard', 'mir', 'unknown'] as const;
export type CardBrand = (typeof CardBrands)[number];

/** POST /api/v1/payments (header `Idempotency-Key` required). */
export interface CreatePaymentRequest {
  accountId: string;
  amount: Money;
  method: PaymentMethod;
  /** `saved_card`: which card. */
  cardId?: string;
  /** `bank_card`: keep the card for later payments ("Подключить карту" in the same step). */
  saveCard?: boolean;
  /** Where the acquirer sends the browser back; an SPA path like `/payments/{id}` (the id is filled in). */
  returnUrl?: string;
}

export interface PaymentView {
  id: string;
  /** The account topped up (null for a loan's payment, and a card binding of a customer with no account). */
  accountId: string | null;
  accountNumber: string | null;
  /** A loan repayment or extension: the loan. */
  loanId: string | null;
  amount: Money;
  method: PaymentMethod;
  status: PaymentStatus;
  /** Set while `pending` and the payer still has to act. */
  confirmation: PaymentConfirmation | null;
  cancellationReason: CancellationReason | null;
  /** The card, once the acquirer told which one paid. */
  card: { last4: string; brand: CardBrand } | null;
  /**
   * A top-up of the account, the 1 ₽ authorisation that binds a card (refunded, never credited), or a
   * loan's repayment or paid extension (applied to the loan, not to an account).
   */
  purpose: PaymentPurpose;
  /** Who started it: the subscriber, their autopay rule, or a third party paying without signing in. */
  source: 'customer' | 'autopay' | 'third_party';
  createdAt: string;
  /** When it succeeded or was canceled. */
  settledAt: string | null;
}

/** GET /api/v1/payments/:id/receipt — 54-FZ style fiscal data; fiscal fields stay null until a fiscal provider signs it. */
export interface ReceiptView {
  paymentId: string;
  number: string;
  seller: { name: string; inn: string; taxSystem: string; address: string };
  customerContact: string;
  items: { description: string; quantity: number; price: Money; amount: Money; vat: 'none' | 'vat20'; paymentSubject: 'service'; paymentMode: 'full_prepayment' }[];
  total: Money;
  method: PaymentMethod;
  card: { last4: string; brand: CardBrand } | null;
  paidAt: string;
  fiscal: { fn: string | null; fd: string | null; fpd: string | null };
}

/** GET /api/v1/cards */
export interface SavedCardView {
  id: string;
  last4: string;
  brand: CardBrand;
  expMonth: number;
  expYear: number;
  holder: string;
  isDefault: boolean;
  createdAt: string;
}

/** POST /api/v1/cards → a 1 ₽ binding payment to confirm on the acquirer's page; refunded once the card is saved. */
export interface BindCardResponse {
  paymentId: string;
  confirmation: PaymentConfirmation;
}

export const AutopayKinds = ['threshold', 'monthly'] as const;
export type AutopayKind = (typeof AutopayKinds)[number];
export const AutopayStatuses = ['active', 'paused', 'stopped'] as const;
export type AutopayStatus = (typeof AutopayStatuses)[number];

/** POST /api/v1/accounts/:accountId/autopay, PATCH …/autopay/:id */
export interface AutopayRequest {
  kind: AutopayKind;
  cardId: string;
  amount: Money;
  /** `threshold`: top up when the balance falls below this. */
  threshold?: Money;
  /** `monthly`: day of month (1–28), Moscow time. */
  dayOfMonth?: number;
}

export interface AutopayView {
  id: string;
  accountId: string;
  kind: AutopayKind;
  card: SavedCardView;
  amount: Money;
  threshold: Money | null;
  dayOfMonth: number | null;
  status: AutopayStatus;
  /** Failed tries in a row; at 3 the rule stops. */
  failures: number;
  lastRunAt: string | null;
  nextRunAt: string | null;
  createdAt: string;
}

/** GET /api/v1/accounts/:accountId/promised-payment — the offer and the open one, if any (mobile). */
export interface PromisedPaymentOffer {
  available: boolean;
  /** Why not, when not available. */
  reason: 'already_open' | 'not_mobile' | 'account_not_active' | null;
  maxAmount: Money;
  /** Fee by amount: the first band whose `upTo` covers the amount applies. */
  fees: { upTo: Money; fee: Money }[];
  days: number;
  open: PromisedPaymentView | null;
}

export interface PromisedPaymentView {
  id: string;
  amount: Money;
  fee: Money;
  /** Still to repay. */
  outstanding: Money;
  status: 'open' | 'repaid' | 'overdue';
  dueAt: string;
  createdAt: string;
}

/** GET /api/v1/accounts/:accountId/deferred-payment (internet). */
export interface DeferredPaymentOffer {
  available: boolean;
  reason: 'used_this_month' | 'balance_sufficient' | 'not_internet' | 'account_not_active' | null;
  maxDays: number;
  paidUntil: string | null;
  /** The monthly fee the balance falls short of. */
  monthlyFee: Money;
  last: { days: number; paidUntil: string; createdAt: string } | null;
}

/** PUT /api/v1/accounts/:accountId/notification-settings */
export interface AccountNotificationSettings {
  /** SMS when the balance falls below this; null = off. */
  lowBalanceThreshold: Money | null;
}

export const PaymentLimits = {
  minAmount: 10_00,
  maxAmount: 15_000_00,
  bindAmount: 1_00,
  promisedDays: 3,
  deferredMaxDays: 5,
  autopayMaxFailures: 3,
} as const;
