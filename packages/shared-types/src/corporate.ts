import type { AccessRole } from './accounts';
import type { Money, Page } from './common';

/** What a corporate line may be restricted to: a line over its monthly limit only receives calls. */
export const LineRestrictions = ['incoming_only'] as const;
export type LineRestriction = (typeof LineRestrictions)[number];

export const ClosingDocumentKinds = ['invoice', 'act'] as const;
/** `invoice` — счёт, `act` — акт оказанных услуг. */
export type ClosingDocumentKind = (typeof ClosingDocumentKinds)[number];

export const CorporateLimits = {
  companyNameMaxLength: 200,
  legalAddressMaxLength: 300,
  employeeNameMaxLength: 100,
  departmentMaxLength: 100,
  /** The highest monthly limit of one line, kopecks (1 000 000 ₽). */
  monthlyLimitMax: 100_000_000,
  /** The longest period of one spending report. */
  reportMaxDays: 366,
} as const;

const INN_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8];

/**
 * INN (ИНН) of an organisation: 10 digits, the last a check digit — Σ(dᵢ·wᵢ) over the first nine with
 * weights 2 4 10 3 5 9 4 6 8, mod 11, mod 10. The first two digits are the region's code, never 00.
 * (Pure; the API validates with it and the SPA checks as the person types.)
 */
export function isValidInn(inn: string): boolean {
  if (!/^\d{10}$/.test(inn) || inn.startsWith('00')) return false;
  const d = [...inn].map(Number);
  return (INN_WEIGHTS.reduce((s, w, i) => s + w * d[i]!, 0) % 11) % 10 === d[9];
}

/** KPP (КПП): 9 characters — the tax office (4 digits), the reason (2 digits or capital Latin letters), a serial (3 digits); no check digit. */
export function isValidKpp(kpp: string): boolean {
  return /^\d{4}[\dA-Z]{2}\d{3}$/.test(kpp) && !kpp.startsWith('0000');
}

/** The check digit a 9-digit INN prefix needs (demo data and tests make valid numbers with it). */
export function innWithCheckDigit(first9: string): string {
  const d = [...first9].map(Number);
  return first9 + String((INN_WEIGHTS.reduce((s, w, i) => s + w * d[i]!, 0) % 11) % 10);
}

/** POST /api/v1/corporate/companies — the owner of a mobile account registers it as a company's. */
export interface CreateCompanyRequest {
  accountId: string;
  name: string;
  /** 10 digits, checked by its checksum. */
  inn: string;
  /** 9 characters: 4 digits, 2 digits or capital letters, 3 digits. */
  kpp: string;
  legalAddress: string;
}

export interface CompanyView {
  id: string;
  accountId: string;
  accountNumber: string;
  name: string;
  inn: string;
  kpp: string;
  legalAddress: string;
  /** What the caller is to the company's account: owner / account_manager administer it, viewer reads, line_manager is an employee. */
  access: AccessRole;
  /** Only for those who administer or read the account; an employee sees null. */
  balance: Money | null;
  lineCount: number;
  createdAt: string;
}

export interface CorporateEmployee {
  name: string;
  department: string;
  /** The employee's own login, when they were given one (a line_manager grant on their line). */
  phone: string | null;
}

/** GET /api/v1/corporate/companies/:companyId/lines — an employee sees only their own line. */
export interface CorporateLineView {
  lineId: string;
  msisdn: string;
  operator: string;
  tariffName: string;
  status: 'active' | 'blocked';
  blockReason: string | null;
  restriction: LineRestriction | null;
  restrictionReason: string | null;
  restrictedAt: string | null;
  employee: CorporateEmployee | null;
  monthlyLimit: Money | null;
  /** Charged to the line since the start of its billing period. */
  spent: Money;
  periodStart: string;
  periodEnd: string;
}

/** PUT …/lines/:lineId/employee */
export interface BindEmployeeRequest {
  name: string;
  department: string;
  /** A registered customer's phone: they get a line_manager grant on this line and see only it. */
  phone?: string;
}

/** PUT …/lines/:lineId/limit */
export interface SetLineLimitRequest {
  amount: Money;
}

export interface SpendingQuery {
  /** `YYYY-MM-DD`, Moscow, inclusive. */
  from: string;
  /** `YYYY-MM-DD`, Moscow, inclusive. */
  to: string;
}

export interface SpendingRow {
  lineId: string;
  msisdn: string;
  employee: string | null;
  department: string | null;
  spent: Money;
}

export interface DepartmentSpending {
  /** null: lines bound to no department. */
  department: string | null;
  lines: number;
  spent: Money;
}

/** GET …/spending: every charge of the account in the period, by line (employee) and department. */
export interface SpendingReport {
  from: string;
  to: string;
  byLine: SpendingRow[];
  byDepartment: DepartmentSpending[];
  /** Charges of the account as a whole (not of one line). */
  accountWide: Money;
  /** Sum of every charge in the period = the ledger's. */
  total: Money;
}

export interface ClosingDocumentView {
  id: string;
  kind: ClosingDocumentKind;
  /** `YYYY-MM`. */
  period: string;
  number: string;
  amount: Money;
  /** VAT included in the amount. */
  vat: Money;
  createdAt: string;
}

export type ClosingDocumentPage = Page<ClosingDocumentView>;

/** GET /api/v1/integrations/lines/:msisdn (`lines:read`): what a network switch needs to know. */
export interface IntegratorLineView {
  msisdn: string;
  operator: string;
  status: 'active' | 'blocked';
  blockReason: string | null;
  restriction: LineRestriction | null;
  restrictionReason: string | null;
}
