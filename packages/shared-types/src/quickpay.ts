import type { CaptchaAnswer } from './auth';
import type { Money } from './common';
import type { CancellationReason, PaymentConfirmation, PaymentMethod, PaymentStatus } from './payments';

/**
 * Paying without signing in (issue 10): anyone who knows a phone number of a line (or an internet
 * contract number) tops up its account by card or SBP. They see only the owner's masked name
 * («Иван П.»), never the balance.
 */
export const QuickPayLimits = {
  /** Look-ups and payments from one address per hour without a captcha; after that each one needs it. */
  freePerIpPerHour: 3,
  /** Look-ups and payments per address per minute (429 after). */
  perIpPerMinute: 10,
  /** Look-ups of recipients by a signed-in customer per minute. */
  signedInLookupsPerMinute: 20,
} as const;

export const QuickPayMethods = ['bank_card', 'sbp'] as const satisfies readonly PaymentMethod[];
export type QuickPayMethod = (typeof QuickPayMethods)[number];

/** POST /api/v1/pay/recipient — whom a number belongs to. */
export interface PayRecipientRequest {
  /** A phone number as typed (`8 921 000-00-00`) or an internet contract number. */
  number: string;
  captcha?: CaptchaAnswer;
}

/** The owner of a number as a payer may see them: a masked name, never the balance or the account. */
export interface PayRecipientView {
  /** E.164 for a phone, the contract number for internet. */
  number: string;
  kind: 'mobile' | 'internet';
  /** «Иван П.» */
  maskedName: string;
}

/** POST /api/v1/pay (header `Idempotency-Key` required). */
export interface QuickPayRequest {
  number: string;
  amount: Money;
  method: QuickPayMethod;
  /** Where the acquirer sends the browser back; `{id}` becomes the payment id. Default `/pay/{id}`. */
  returnUrl?: string;
  captcha?: CaptchaAnswer;
}

/** A payment made without signing in, as its payer sees it (GET /api/v1/pay/:id). */
export interface QuickPayView {
  id: string;
  recipient: PayRecipientView;
  amount: Money;
  method: PaymentMethod;
  status: PaymentStatus;
  confirmation: PaymentConfirmation | null;
  cancellationReason: CancellationReason | null;
  createdAt: string;
  settledAt: string | null;
}

/** POST /api/v1/payments/other — a signed-in customer tops up somebody else's number (header `Idempotency-Key` required). */
export interface TopUpOtherRequest {
  number: string;
  amount: Money;
  method: 'bank_card' | 'saved_card' | 'sbp';
  cardId?: string;
  returnUrl?: string;
}
