import type { AccountKind, AccountView, Packages, TariffOptionView, TariffView } from './accounts';
import type { Money } from './common';
import type { CustomerRole, CustomerStatus, CustomerView } from './customers';
import type { PaymentView } from './payments';

/** Staff roles: an operator works the queues and customers; an admin also edits catalogs, money and staff. */
export const StaffRoles = ['operator', 'admin'] as const;
export type StaffRole = (typeof StaffRoles)[number];

/** GET /api/v1/backoffice/customers?q= — by phone, contract number, account number or name. */
export interface CustomerSearchQuery {
  q: string;
  limit?: number;
  cursor?: string;
}

export interface CustomerSummaryView {
  id: string;
  phone: string;
  contractNumber: string | null;
  fullName: string;
  role: CustomerRole;
  status: CustomerStatus;
  accountNumbers: string[];
  createdAt: string;
}

/** A session of a customer as staff see it. */
export interface StaffSessionView {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  ip: string | null;
}

/**
 * A part of the customer card another module contributes (loans, bonus cards, orders, …): a titled list.
 * The back office renders it as it comes.
 */
export interface CustomerCardSection {
  key: string;
  title: string;
  items: CustomerCardItem[];
}

export interface CustomerCardItem {
  id: string;
  title: string;
  subtitle: string | null;
  status: string | null;
  amount: Money | null;
  at: string | null;
  /** A back-office page about it, e.g. `/backoffice/orders/…`. */
  link: string | null;
}

/** GET /api/v1/backoffice/customers/:id */
export interface CustomerCard {
  customer: CustomerView;
  accounts: AccountView[];
  /** Live sessions. */
  sessions: StaffSessionView[];
  /** The newest payments. */
  payments: PaymentView[];
  /** Contributed by other modules (orders and applications here; loans and bonus cards where switched on). */
  sections: CustomerCardSection[];
}

export const AdjustmentDirections = ['credit', 'debit'] as const;
export type AdjustmentDirection = (typeof AdjustmentDirections)[number];

/** POST /api/v1/backoffice/accounts/:accountId/adjustments (admin; Idempotency-Key required). */
export interface AdjustmentRequest {
  direction: AdjustmentDirection;
  /** A positive amount. */
  amount: Money;
  /** Why: shown in the customer's history and kept in the audit log. */
  reason: string;
}

export interface AdjustmentView {
  entryId: string;
  accountId: string;
  /** Signed: positive credits, negative debits. */
  amount: Money;
  balanceBefore: Money;
  balanceAfter: Money;
  reason: string;
  createdAt: string;
}

/** Staff accounts (admin). */
export interface StaffView {
  id: string;
  phone: string;
  fullName: string;
  role: StaffRole;
  status: CustomerStatus;
  mustChangePassword: boolean;
  createdAt: string;
}

/** POST /api/v1/backoffice/staff — the issued password goes to the phone by SMS; it must be changed at first sign-in. */
export interface CreateStaffRequest {
  phone: string;
  surname: string;
  name: string;
  patronymic?: string;
  role: StaffRole;
}

/** PATCH /api/v1/backoffice/staff/:id */
export interface UpdateStaffRequest {
  role?: StaffRole;
  status?: CustomerStatus;
}

/** GET /api/v1/backoffice/audit (admin): read only; nothing edits the log. */
export interface AuditQuery {
  action?: string;
  actorId?: string;
  customerId?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

export interface AuditEntryView {
  id: string;
  at: string;
  action: string;
  actor: { id: string; name: string; role: CustomerRole } | null;
  customerId: string | null;
  ip: string | null;
  /** What changed: `before` / `after` where the action has them. */
  details: Record<string, unknown>;
}

/** GET /api/v1/backoffice/summary — the console's first page. */
export interface BackofficeSummary {
  queues: { key: 'mobile' | 'internet' | 'callback' | 'sim' | 'number'; open: number; new: number }[];
  numbersAvailable: number;
}

/** Catalog editing (admin). A tariff is never deleted: it is archived (lines on it keep it). */
export interface TariffInput {
  code: string;
  kind: AccountKind;
  provider: string;
  name: string;
  description?: string;
  region?: string;
  monthlyFee: Money;
  changeFee?: Money;
  /** Mobile only. */
  packages?: Packages;
  /** Mobile only: per unit beyond the packages. */
  overage?: { minute: Money; sms: Money; mb: Money };
  /** Internet only. */
  speedMbps?: number;
}

/** PATCH /api/v1/backoffice/tariffs/:id — code and kind stay. */
export type TariffPatch = Partial<Omit<TariffInput, 'code' | 'kind'>>;

export interface OptionInput {
  code: string;
  kind: AccountKind;
  provider: string;
  name: string;
  description?: string;
  monthlyFee: Money;
  adds?: Packages;
  tariffIds: string[];
}

export type OptionPatch = Partial<Omit<OptionInput, 'code' | 'kind'>>;

export interface StaffOptionView extends TariffOptionView {
  archived: boolean;
}

export type StaffTariffView = TariffView;
