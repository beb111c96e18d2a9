import type { Money } from './common';
import type { RequestStatus, StaffStatusEventView, StatusEventView } from './applications';

/** A customer's orders: a new SIM card (a new line on an account) or a beautiful number. */
export const OrderKinds = ['sim', 'number'] as const;
export type OrderKind = (typeof OrderKinds)[number];

export const DeliveryMethods = ['courier', 'pickup'] as const;
export type DeliveryMethod = (typeof DeliveryMethods)[number];

export type OrderStatus = RequestStatus | 'canceled';

/** POST /api/v1/orders/sim — a SIM card for another device: a new line on one of your accounts. */
export interface SimOrderRequest {
  accountId: string;
  tariffId: string;
  delivery: DeliveryMethod;
  /** Required for `courier`. */
  address?: string;
  /** With `pickup`: the pick-up point (GET /offices?simPickup=true); its address becomes the order's. */
  pickupOfficeId?: string;
  comment?: string;
}

/**
 * POST /api/v1/orders/number — a beautiful number at 50 % of the operator's price, charged from the
 * account now (refunded if the order is canceled or rejected). With `lineId` the number replaces that
 * line's number; otherwise it comes as a new line on `tariffId` (a SIM card is delivered).
 */
export interface NumberOrderRequest {
  numberId: string;
  accountId: string;
  lineId?: string;
  tariffId?: string;
  delivery?: DeliveryMethod;
  address?: string;
}

export interface OrderView {
  id: string;
  /** Tracking number, e.g. `O-100001`. */
  number: string;
  kind: OrderKind;
  status: OrderStatus;
  reason: string | null;
  accountId: string;
  accountNumber: string;
  /** The line whose number is replaced (number orders to an existing line). */
  line: { id: string; msisdn: string } | null;
  beautifulNumber: { id: string; msisdn: string; operator: string } | null;
  tariff: { id: string; name: string } | null;
  delivery: DeliveryMethod | null;
  address: string | null;
  /** The pick-up point chosen for a `pickup` delivery (null: any office, agreed with the operator). */
  pickupOfficeId: string | null;
  comment: string | null;
  /** Charged for the number (0 for a SIM card). */
  price: Money;
  /** The line the order gave, once done. */
  resultLineId: string | null;
  createdAt: string;
  updatedAt: string;
  history: StatusEventView[];
}

/** An order in the back office. */
export interface StaffOrderView extends Omit<OrderView, 'history'> {
  customer: { id: string; name: string; phone: string };
  history: StaffStatusEventView[];
}

export interface OrdersQueueQuery {
  kind?: OrderKind;
  status?: OrderStatus | 'open';
  q?: string;
  limit?: number;
  cursor?: string;
}

/**
 * POST /api/v1/backoffice/orders/:id/process — a new line needs a SIM card (`iccid`); a SIM order takes
 * a free number (`numberId`, default: the first free one of the tariff's operator).
 */
export interface ProcessOrderRequest {
  iccid?: string;
  numberId?: string;
}

/** GET /api/v1/accounts/:id/closure — whether the account may be closed now, and what to settle first. */
export interface ClosureBlocker {
  /** `negative_balance`, `promised_payment_open`, `loan_open`, … */
  code: string;
  detail: string;
  amount: Money | null;
}

export interface AccountClosureCheck {
  allowed: boolean;
  blockers: ClosureBlocker[];
}
