import type { CancellationReason, CardBrand, PaymentConfirmation, PaymentMethod, PayoutFailureReason } from '@cabinet/shared-types';

/** The card an acquirer charged (or saved): never the number, only what may be shown and a token. */
export interface ProviderCard {
  token: string | null;
  last4: string;
  brand: CardBrand;
  expMonth: number;
  expYear: number;
  holder: string;
}

/** The acquirer's view of a payment. */
export interface ProviderPayment {
  id: string;
  status: 'pending' | 'succeeded' | 'canceled';
  amount: bigint;
  cancellationReason: CancellationReason | null;
  confirmation: PaymentConfirmation | null;
  /** Set once a card paid; `token` is set when saving was asked for and allowed. */
  card: ProviderCard | null;
}

export interface CreateProviderPayment {
  amount: bigint;
  description: string;
  /** `saved_card` is charged by `cardToken` without the payer (merchant-initiated). */
  method: PaymentMethod;
  cardToken?: string;
  /** Keep the card for later payments (a token comes back with the card). */
  saveMethod: boolean;
  /** Where the acquirer's pages send the browser at the end. */
  returnUrl: string;
  /** Echoed back; the product's payment id. */
  metadata: { paymentId: string };
}

/** The acquirer's view of a payout (money sent to a card): `pending` → `succeeded` | `failed`. */
export interface ProviderPayout {
  id: string;
  status: 'pending' | 'succeeded' | 'failed';
  amount: bigint;
  failureReason: PayoutFailureReason | null;
}

export interface CreateProviderPayout {
  amount: bigint;
  /** The saved card's token (from a binding). */
  cardToken: string;
  description: string;
  /** Echoed back; the product's payout id. */
  metadata: { payoutId: string };
}

/**
 * An acquirer (YooKassa, CloudPayments, a bank). The product talks only through this interface; the
 * sandbox acquirer that runs here implements it, a real one is an adapter with the same shape.
 * Callbacks arrive at `POST /api/v1/payments/callbacks/<provider>` and are checked by `verifyCallback`.
 */
export interface PaymentProvider {
  readonly name: string;
  create(input: CreateProviderPayment): Promise<ProviderPayment>;
  get(id: string): Promise<ProviderPayment>;
  /**
   * The payment created for this product payment id (the metadata echoed back; a real acquirer finds it by the
   * idempotence key the create was sent with), or null when the create never reached the acquirer. Asked by the
   * reconciliation when the answer to `create` was lost (the process died, the database was cut in between).
   */
  findByPaymentId(paymentId: string): Promise<ProviderPayment | null>;
  refund(id: string, amount: bigint): Promise<void>;
  /**
   * Sends money to a saved card (a loan's disbursement). Asynchronous like a payment: created `pending`,
   * it ends `succeeded` or `failed`; the end is told by a callback (`payout.succeeded` / `payout.canceled`)
   * and can be asked with `getPayout`.
   */
  createPayout(input: CreateProviderPayout): Promise<ProviderPayout>;
  getPayout(id: string): Promise<ProviderPayout>;
  /** The payment (or payout) id named by a callback whose signature is right; null when the signature is wrong, stale or missing. */
  verifyCallback(headers: Record<string, string | undefined>, rawBody: Buffer): string | null;
}
