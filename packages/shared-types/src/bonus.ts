import type { Money } from './common';

/**
 * The bonus program (issue 6): a fuel-station loyalty card and a points program on one engine.
 * Points are whole numbers; 1 point = 1 ₽ off at the till. Each accrual is a lot that expires
 * 12 months after it was earned; spending takes the lots that expire first. A member's balance is the
 * sum of their lots and never goes below zero.
 */

/** Card numbers are 13 digits (EAN-13, GS1 in-store prefix 2…): the till scans the barcode, a person may type it with spaces. */
export const BonusCardNumberLength = 13;

export const BonusCardKinds = ['plastic', 'virtual'] as const;
export type BonusCardKind = (typeof BonusCardKinds)[number];

/** `issued`: printed and sold, not activated yet; `active`: belongs to a member; `blocked`: lost, stolen or replaced. */
export const BonusCardStatuses = ['issued', 'active', 'blocked'] as const;
export type BonusCardStatus = (typeof BonusCardStatuses)[number];

export const BonusBlockReasons = ['lost', 'stolen', 'damaged', 'phone_lost', 'other'] as const;
export type BonusBlockReason = (typeof BonusBlockReasons)[number];

/** Goods categories a till sends per receipt line. Which of them earn or may be paid with points is configured. */
export const BonusCategories = ['fuel', 'cafe', 'goods', 'car_wash', 'services', 'tobacco', 'alcohol', 'lottery'] as const;
export type BonusCategory = (typeof BonusCategories)[number];

/** The API-key scopes of the bonus program's integrator endpoints. */
export const BonusScopes = ['bonus:purchases', 'bonus:read'] as const;
export type BonusScope = (typeof BonusScopes)[number];

export const BonusOperationKinds = [
  /** Points earned: a purchase, or credited by another part of the product (e.g. paying a bill). */
  'accrual',
  /** Points paid at the till. */
  'spend',
  /** A refunded purchase took its accrual back. */
  'reversal',
  /** A refunded purchase gave back the points paid with it (as lots with their original expiry). */
  'return',
  /** Lots that reached their expiry. */
  'expiry',
  'transfer_out',
  'transfer_in',
  /** Points exchanged for a reward from the catalog. */
  'reward',
  'adjustment',
] as const;
export type BonusOperationKind = (typeof BonusOperationKinds)[number];

export interface BonusCardView {
  id: string;
  /** 13 digits, as printed and as the barcode holds it. */
  number: string;
  kind: BonusCardKind;
  status: BonusCardStatus;
  /** What the till scans: the EAN-13 barcode and the QR code both carry `number`. */
  barcode: { format: 'ean13'; value: string };
  activatedAt: string | null;
  blockedAt: string | null;
  blockReason: BonusBlockReason | null;
  /** A blocked card: the card that took its place, if any. */
  replacedBy: string | null;
}

export interface BonusExpiryView {
  /** The Moscow day the points expire at its start (lots live until `date` 00:00 МСК). */
  date: string;
  points: number;
}

export interface BonusTransferLimitsView {
  /** Per Moscow day. */
  dailyPoints: number;
  dailyCount: number;
  usedPoints: number;
  usedCount: number;
}

/** GET /bonus — the member's balance, cards, what expires soon and today's transfer allowance. */
export interface BonusSummaryView {
  member: boolean;
  balance: number;
  /** 1 point = this much off at the till. */
  pointValue: Money;
  cards: BonusCardView[];
  /** The nearest expiry, if any points are live. */
  nextExpiry: BonusExpiryView | null;
  /** Points expiring in the next 30 days, per day. */
  expiringSoon: BonusExpiryView[];
  transferLimits: BonusTransferLimitsView;
  memberSince: string | null;
}

/** POST /bonus/activation — the public activation form of a plastic card. */
export interface BonusActivationRequest {
  /** As printed; spaces and dashes are tolerated. */
  cardNumber: string;
  email: string;
  surname: string;
  name: string;
  patronymic?: string | null;
  /** As typed; stored as E.164. It becomes the login. */
  phone: string;
  /** YYYY-MM-DD */
  birthDate: string;
  gender: 'male' | 'female';
}

export interface BonusActivationStartedView {
  activationId: string;
  /** E.164 of the phone the code went to. */
  phone: string;
  resendAfter: number;
  codeTtl: number;
}

export interface BonusActivationConfirmRequest {
  activationId: string;
  code: string;
}

/** The card is active and the customer exists: sign in with `login` and the code as the password, then change it. */
export interface BonusActivationResultView {
  login: string;
  card: BonusCardView;
  mustChangePassword: boolean;
}

/** POST /bonus/cards — a signed-in customer attaches a plastic card. */
export interface BonusAttachCardRequest {
  cardNumber: string;
}

/** POST /bonus/cards/:id/block */
export interface BonusBlockCardRequest {
  reason: BonusBlockReason;
  /** A new plastic card to put in its place (the balance stays with the member, so it moves to it). */
  replacementCardNumber?: string;
  /** Or a new virtual card in its place. */
  replaceWithVirtual?: boolean;
}

export interface BonusBlockCardResultView {
  blocked: BonusCardView;
  replacement: BonusCardView | null;
  balance: number;
}

export interface BonusOperationView {
  id: string;
  kind: BonusOperationKind;
  /** Signed: positive came in, negative went out. */
  points: number;
  balanceAfter: number;
  description: string;
  cardNumber: string | null;
  station: string | null;
  receiptId: string | null;
  createdAt: string;
}

export const BonusOperationSorts = ['-createdAt', 'createdAt'] as const;
export type BonusOperationSort = (typeof BonusOperationSorts)[number];

/** GET /bonus/statements/:month — one month (Moscow) of the points account. */
export interface BonusStatementView {
  month: string;
  opening: number;
  closing: number;
  accrued: number;
  spent: number;
  expired: number;
  reversed: number;
  returned: number;
  transferredIn: number;
  transferredOut: number;
  rewards: number;
  adjustments: number;
  operations: number;
}

/** One line of a receipt, as the till sends it. */
export interface BonusReceiptItem {
  name: string;
  category: BonusCategory;
  /** The line's total after the till's own discounts, in kopecks. */
  amount: Money;
  quantity?: number;
  sku?: string;
}

/** POST /integrations/bonus/quote — the till asks before payment: how many points may pay for this receipt? */
export interface BonusQuoteRequest {
  cardNumber: string;
  station: string;
  items: BonusReceiptItem[];
  /** For campaign rules by day; default now. */
  occurredAt?: string;
}

export interface BonusQuoteView {
  cardNumber: string;
  balance: number;
  /** The most points this receipt may be paid with: min(balance, eligible part in whole roubles). */
  maxSpend: number;
  /** The part of the receipt points may pay for (excluded categories left out). */
  spendableAmount: Money;
  /** Points the purchase would earn if paid without points. */
  accrualPreview: number;
}

/** POST /integrations/bonus/purchases — the receipt, paid; points spent (if any) and earned. */
export interface BonusPurchaseRequest {
  /** The till's receipt id: a purchase counts once per receipt id and API key. */
  receiptId: string;
  cardNumber: string;
  station: string;
  occurredAt: string;
  items: BonusReceiptItem[];
  /** Points to pay with (1 point = 1 ₽ off); at most the quote's `maxSpend`. */
  spendPoints?: number;
}

export interface BonusRefundView {
  refundedAt: string;
  /** Points of the accrual taken back. */
  pointsReversed: number;
  /** Points paid with the receipt given back as new lots with their original expiry. */
  pointsReturned: number;
  /** Accrued points that were already spent and the balance could not cover (never below zero). */
  pointsUnrecovered: number;
}

export interface BonusPurchaseView {
  receiptId: string;
  status: 'completed' | 'refunded';
  cardNumber: string;
  station: string;
  occurredAt: string;
  total: Money;
  /** Points paid, in money. */
  discount: Money;
  toPay: Money;
  pointsSpent: number;
  pointsAccrued: number;
  /** The member's balance after this purchase (or after its refund). */
  balance: number;
  /** Names of the campaigns that multiplied the accrual. */
  campaigns: string[];
  refund: BonusRefundView | null;
}

export interface BonusCardBalanceView {
  cardNumber: string;
  status: BonusCardStatus;
  balance: number;
}

/** POST /bonus/transfers */
export interface BonusTransferRequest {
  /** The other member's phone, as typed. */
  toPhone: string;
  points: number;
}

export interface BonusTransferView {
  id: string;
  points: number;
  /** The recipient as the sender may see them: masked phone and name with the surname's initial. */
  to: { phone: string; name: string };
  balance: number;
  createdAt: string;
}

export const BonusRewardKinds = ['voucher', 'mobile_minutes', 'mobile_data'] as const;
export type BonusRewardKind = (typeof BonusRewardKinds)[number];

export interface BonusRewardView {
  id: string;
  code: string;
  title: string;
  description: string;
  kind: BonusRewardKind;
  points: number;
  /** Days the voucher code stays valid. */
  validDays: number;
}

export interface BonusRedemptionView {
  id: string;
  reward: { code: string; title: string; kind: BonusRewardKind };
  points: number;
  /** Show it at the car wash, cafe or enter it as told. */
  voucherCode: string;
  createdAt: string;
  expiresAt: string;
  balance: number;
}

export interface BonusCampaignView {
  id: string;
  name: string;
  /** e.g. 2 for double points. */
  multiplier: number;
  /** Null: every category that earns points. */
  categories: BonusCategory[] | null;
  /** ISO weekdays (1 = Monday … 7 = Sunday), Moscow time; null: every day. */
  weekdays: number[] | null;
  startsAt: string;
  endsAt: string;
}

/** POST /bonus/campaigns (admin). */
export interface BonusCampaignRequest {
  name: string;
  multiplier: number;
  categories?: BonusCategory[] | null;
  weekdays?: number[] | null;
  startsAt: string;
  endsAt: string;
}

/** The till simulator (dev, staff): a card to pick. */
export interface BonusTillCardView {
  number: string;
  kind: BonusCardKind;
  holder: string;
  balance: number;
}

export const BonusLimits = {
  receiptItemsMax: 100,
  /** A receipt line may not exceed 1,000,000 ₽. */
  itemAmountMax: 100_000_000,
  /** A purchase may be posted up to this many days after it happened (offline tills). */
  purchaseMaxAgeDays: 30,
  transferMaxPoints: 1_000_000,
} as const;
