import type { Money } from './common';

export const AccountKinds = ['mobile', 'internet'] as const;
export type AccountKind = (typeof AccountKinds)[number];

export const AccountStatuses = ['active', 'suspended', 'blocked', 'closed'] as const;
export type AccountStatus = (typeof AccountStatuses)[number];

export const Operators = ['megafon', 'beeline', 'mts', 'tele2'] as const;
export type Operator = (typeof Operators)[number];

export const GrantLevels = ['viewer', 'line_manager', 'account_manager'] as const;
export type GrantLevel = (typeof GrantLevels)[number];

/** What the caller is to an account: its owner, or a grantee at some level. */
export type AccessRole = 'owner' | GrantLevel;

export interface Packages {
  minutes: number;
  sms: number;
  mb: number;
}

/** GET /api/v1/tariffs — the public catalog. */
export interface TariffView {
  id: string;
  code: string;
  kind: AccountKind;
  /** Mobile operator (`megafon`…) or the ISP. */
  provider: string;
  name: string;
  description: string;
  region: string;
  monthlyFee: Money;
  /** Charged when switching to this tariff. */
  changeFee: Money;
  /** Mobile: what a period includes. */
  packages: Packages | null;
  /** Internet: speed. */
  speedMbps: number | null;
  /** Mobile: price per unit beyond the packages. */
  overage: { minute: Money; sms: Money; mb: Money } | null;
  archived: boolean;
}

/** GET /api/v1/tariff-options */
export interface TariffOptionView {
  id: string;
  code: string;
  kind: AccountKind;
  provider: string;
  name: string;
  description: string;
  monthlyFee: Money;
  /** What the option adds to each period's packages. */
  adds: Packages;
  /** Tariffs it can be added to. */
  tariffIds: string[];
}

export interface PackageLeft {
  left: number;
  total: number;
}

export interface MobileLineView {
  id: string;
  accountId: string;
  /** E.164. */
  msisdn: string;
  /** Only the last 4 digits are shown. */
  iccidLast4: string;
  operator: Operator;
  status: 'active' | 'blocked';
  /** `voluntary` (lost phone, travel), `debt`, `operator`. */
  blockReason: string | null;
  blockedAt: string | null;
  /** `incoming_only`: calls in only (a corporate line over its monthly spending limit). */
  restriction: 'incoming_only' | null;
  tariff: TariffView;
  options: { id: string; code: string; name: string; monthlyFee: Money; activatedAt: string }[];
  packages: { minutes: PackageLeft; sms: PackageLeft; mb: PackageLeft; resetsAt: string };
  periodStart: string;
  periodEnd: string;
  /** A tariff change waiting for the next period (cancellable). */
  scheduledChange: ScheduledChangeView | null;
}

export interface InternetContractView {
  id: string;
  accountId: string;
  contractNumber: string;
  address: string;
  status: 'active' | 'suspended';
  suspendedAt: string | null;
  tariff: TariffView;
  trafficMb: number;
  periodStart: string;
  periodEnd: string;
  deviceCount: number;
  scheduledChange: ScheduledChangeView | null;
}

/** GET /api/v1/accounts, /accounts/:id */
export interface AccountView {
  id: string;
  /** лицевой счёт */
  number: string;
  kind: AccountKind;
  status: AccountStatus;
  balance: Money;
  creditLimit: Money;
  /** Internet: the date the service is paid until. */
  paidUntil: string | null;
  /** Balance below the next monthly fee. */
  lowBalance: boolean;
  access: AccessRole;
  /** For a line_manager: the one line they may act on. */
  managedLineId: string | null;
  lines: MobileLineView[];
  contract: InternetContractView | null;
  createdAt: string;
}

/** GET /api/v1/accounts/:id/grants */
export interface GrantView {
  id: string;
  accountId: string;
  grantee: { id: string; phone: string; name: string };
  level: GrantLevel;
  lineId: string | null;
  createdAt: string;
}

/** POST /api/v1/accounts/:id/grants — invite a registered customer by phone. */
export interface CreateGrantRequest {
  phone: string;
  level: GrantLevel;
  /** Required for `line_manager`. */
  lineId?: string;
}

export const TariffChangeWhen = ['now', 'next_period'] as const;
export type TariffChangeWhenValue = (typeof TariffChangeWhen)[number];

/** POST …/tariff-change and GET …/tariff-change/quote */
export interface TariffChangeRequest {
  tariffId: string;
  /** `now`: at once, the rest of the period pro-rated; `next_period`: from the next period, cancellable until then. */
  when: TariffChangeWhenValue;
}

/** What a change will cost, shown before confirming. */
export interface TariffChangeQuote {
  tariff: { id: string; name: string };
  when: TariffChangeWhenValue;
  effectiveAt: string;
  /** One-off fee of the new tariff. */
  changeFee: Money;
  /** Now: the difference of monthly fees for the rest of the period (negative is a refund). */
  proratedDifference: Money;
  /** What leaves the balance at once (change fee + positive difference). */
  chargedNow: Money;
  /** Monthly fee from the next period on. */
  newMonthlyFee: Money;
  balanceAfter: Money;
  /** Mobile, now: what is left of each package after the change. */
  packagesAfter: Packages | null;
}

export interface ScheduledChangeView {
  id: string;
  tariff: { id: string; name: string };
  effectiveAt: string;
  status: 'scheduled' | 'applied' | 'canceled';
}

/** The answer of a tariff change: the line or contract as it is now plus the scheduled change if any. */
export interface TariffChangeResult {
  quote: TariffChangeQuote;
  scheduled: ScheduledChangeView | null;
}

export interface OptionActivationRequest {
  optionId: string;
}

export interface DeviceView {
  id: string;
  mac: string;
  name: string;
  addedAt: string;
}

export interface AddDeviceRequest {
  /** `AA:BB:CC:DD:EE:FF`, `aa-bb-…` or `aabb.ccdd.eeff`. */
  mac: string;
  name: string;
}

export interface RenameDeviceRequest {
  name: string;
}

export const ServiceLimits = {
  devicesPerContract: 5,
  voluntaryBlockFreeDays: 90,
  /** Kopecks per day after the free days. */
  voluntaryBlockDailyFee: 100,
} as const;

export const LedgerKinds = [
  'payment',
  'refund',
  'monthly_fee',
  'option_fee',
  'tariff_change_fee',
  'usage',
  'block_fee',
  'promised_payment',
  'promised_repayment',
  'promised_fee',
  'adjustment',
  'number_purchase',
] as const;
export type LedgerKind = (typeof LedgerKinds)[number];

/** One line of an account's history (GET /accounts/:id/transactions). */
export interface TransactionView {
  id: string;
  /** Positive: money in; negative: a charge. */
  amount: Money;
  kind: LedgerKind;
  description: string;
  balanceAfter: Money;
  createdAt: string;
}

export const TransactionSorts = ['-createdAt', 'createdAt', '-amount', 'amount'] as const;
export type TransactionSort = (typeof TransactionSorts)[number];

/** GET /accounts/:id/transactions/summary — money out and in per month, for the chart. */
export interface MonthlySummaryView {
  months: { month: string; spent: Money; received: Money; byKind: Partial<Record<LedgerKind, Money>> }[];
}

export const DetailReportFormats = ['csv', 'pdf'] as const;
export type DetailReportFormat = (typeof DetailReportFormats)[number];
export const DetailReportStatuses = ['queued', 'sent', 'failed'] as const;
export type DetailReportStatus = (typeof DetailReportStatuses)[number];

/** POST /accounts/:id/detail-reports — the history of a period (Moscow days, both inclusive) by e-mail. */
export interface DetailReportRequest {
  /** `YYYY-MM-DD` */
  from: string;
  /** `YYYY-MM-DD`, not after today, at most 12 months after `from`. */
  to: string;
  format: DetailReportFormat;
}

/** An ordered detail report: queued until the job renders it and the mail transport takes it. */
export interface DetailReportView {
  id: string;
  accountId: string;
  from: string;
  to: string;
  format: DetailReportFormat;
  status: DetailReportStatus;
  /** Where it goes: the e-mail of the customer who ordered it. */
  email: string;
  createdAt: string;
  sentAt: string | null;
}

export const DetailReportLimits = {
  /** The longest period, in months. */
  maxMonths: 12,
  /** Entries one report may hold; a larger selection is refused at order time (409 `detail_report_too_large`). */
  maxEntries: { csv: 100_000, pdf: 10_000 },
} as const;
