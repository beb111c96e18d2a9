/**
 * Stable machine codes carried in every problem+json response (`code`).
 * Integrators and the SPA switch on these; never rename one, only add.
 */
export const ErrorCodes = [
  // generic
  'validation_failed',
  'malformed_json',
  'payload_too_large',
  'unsupported_media_type',
  'not_found',
  'method_not_allowed',
  'conflict',
  'rate_limited',
  'internal_error',
  'service_unavailable',
  // authentication and sessions
  'authentication_required',
  'invalid_token',
  'session_expired',
  'invalid_credentials',
  'captcha_required',
  'captcha_invalid',
  'login_locked',
  'account_blocked',
  'refresh_token_invalid',
  'refresh_token_reused',
  'password_change_required',
  'wrong_password',
  'weak_password',
  'forbidden',
  // one-time codes
  'otp_invalid',
  'otp_expired',
  'otp_resend_too_soon',
  // profile
  'phone_taken',
  'email_taken',
  // accounts, tariffs, ledger
  'customer_not_found',
  'grant_exists',
  'insufficient_funds',
  'account_not_active',
  'tariff_archived',
  'tariff_not_applicable',
  'option_not_applicable',
  'option_already_active',
  'option_not_active',
  'already_blocked',
  'not_blocked',
  'device_limit_reached',
  'device_exists',
  'change_not_cancellable',
  'idempotency_key_reused',
  // corporate cabinet
  'company_exists',
  // payments
  'idempotency_key_required',
  'payment_not_pending',
  'card_not_found',
  'card_expired',
  'invalid_signature',
  'promised_payment_open',
  'promised_payment_unavailable',
  'deferred_payment_unavailable',
  'autopay_exists',
  // detail reports by e-mail
  'email_required',
  'detail_report_too_large',
  // bonus program
  'bonus_card_not_found',
  'bonus_card_already_active',
  'bonus_card_blocked',
  'bonus_not_a_member',
  'bonus_virtual_card_exists',
  'bonus_insufficient_points',
  'bonus_spend_above_eligible',
  'bonus_receipt_conflict',
  'bonus_purchase_too_old',
  'bonus_transfer_limit',
  'bonus_transfer_to_self',
  'bonus_recipient_not_found',
  'bonus_reward_unavailable',
  // applications, numbers, orders, back office (issue 7)
  'application_limit_reached',
  'invalid_status_transition',
  'number_unavailable',
  'number_operator_mismatch',
  'no_free_numbers',
  'iccid_taken',
  'account_closure_refused',
  'code_taken',
  'cannot_change_own_access',
  'csv_invalid',
  // integrator platform and Gosuslugi sign-in (issue 9)
  'ip_not_allowed',
  'api_key_not_active',
  'partner_suspended',
  'limit_reached',
  'webhook_url_invalid',
  'esia_unavailable',
  'esia_account_unconfirmed',
  'esia_ticket_invalid',
  'identity_not_linked',
  'identity_already_linked',
  // loans
  'loan_product_not_found',
  'loan_cap_exceeded',
  'loan_application_open',
  'loan_not_in_status',
  'loan_overpayment',
  'loan_not_extendable',
  'service_refund_period_over',
  'service_already_refunded',
  'service_not_paid',
  'card_holder_mismatch',
  'phone_verification_required',
  'identity_mismatch',
  'payout_failed',
  // news, newsletter, notification centre (issue 8)
  'promotion_closed',
  'newsletter_token_invalid',
  'notification_locked',
  // pay without signing in, line extras (issue 10)
  'recipient_not_found',
  'blacklist_full',
  'blacklist_number_exists',
  'content_service_off',
  'security_question_not_set',
  'security_answer_invalid',
  // support
  'chat_closed',
  'attachment_type_not_allowed',
  'attachment_too_large',
  'chat_already_rated',
  'chat_taken',
  // installable app, push, offices, speed test (issues 10 and 8)
  'push_unavailable',
  'office_not_for_pickup',
] as const;

export type ErrorCode = (typeof ErrorCodes)[number];

/** One invalid field of a request, in `errors` of a `validation_failed` problem. */
export interface FieldError {
  /** Dotted path of the field, e.g. `password` or `captcha.answer`. */
  field: string;
  /** Machine code of the rule that failed, e.g. `isString`, `maxLength`, `whitelist`. */
  code: string;
  message: string;
}

/** RFC 9457 problem details, as every error of the API is answered (`application/problem+json`). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: ErrorCode;
  instance?: string;
  errors?: FieldError[];
  /** 423 login_locked: until when the login is locked (ISO-8601). */
  lockedUntil?: string;
  /** 428 captcha_required / captcha_invalid, and 401 when the next attempt needs one. */
  captcha?: CaptchaChallenge;
  /** otp_invalid: tries left for this code. */
  attemptsLeft?: number;
  /** 429: seconds to wait. */
  retryAfter?: number;
  /** bonus_insufficient_points / bonus_spend_above_eligible: the most points this request may use. */
  allowedPoints?: number;
  /** 409 account_closure_refused: what to settle before the account can be closed. */
  blockers?: { code: string; detail: string; amount: { amount: number; currency: 'RUB' } | null }[];
}

export interface CaptchaChallenge {
  id: string;
  /** `data:image/svg+xml;base64,…` — show it as an <img>. */
  image: string;
  expiresAt: string;
}
