import type { Money } from './common';
import type { Operator } from './accounts';

/** Categories of numbers; `regular` is the free stock numbers are issued from (not in the catalog). */
export const NumberCategories = ['regular', 'bronze', 'silver', 'gold', 'platinum'] as const;
export type NumberCategory = (typeof NumberCategories)[number];

/** Patterns found in a number (its last 7 digits), for the catalog filter. */
export const NumberPatterns = ['777', 'mirror', 'repeating', 'pairs', 'sequence'] as const;
export type NumberPattern = (typeof NumberPatterns)[number];

export const NumberStatuses = ['available', 'reserved', 'sold', 'archived'] as const;
export type NumberStatus = (typeof NumberStatuses)[number];

export const NumberLimits = {
  /** A customer pays this share of the operator's price. */
  discountPercent: 50,
  /** Rows one CSV upload may carry. */
  importMaxRows: 10000,
} as const;

/** GET /api/v1/numbers — one number of the public catalog. */
export interface NumberView {
  id: string;
  /** E.164. */
  msisdn: string;
  operator: Operator;
  category: NumberCategory;
  patterns: NumberPattern[];
  /** The operator's price. */
  operatorPrice: Money;
  /** What the customer pays: 50 % of the operator's price. */
  price: Money;
}

export interface NumbersQuery {
  operator?: Operator;
  category?: NumberCategory;
  pattern?: NumberPattern;
  /** Digits the number contains, e.g. `777` or `2026`. */
  digits?: string;
  limit?: number;
  cursor?: string;
}

/** GET /api/v1/number-categories — the price of each category at each operator. */
export interface NumberCategoryView {
  operator: Operator;
  category: NumberCategory;
  name: string;
  operatorPrice: Money;
  price: Money;
}

/** PUT /api/v1/backoffice/number-categories/:operator/:category (admin). */
export interface NumberCategoryUpdate {
  name?: string;
  operatorPrice: Money;
}

/** A number of the stock as staff see it. */
export interface StockNumberView extends NumberView {
  status: NumberStatus;
  /** What holds it: `application:A-100001`, `order:O-100001`, `line`. */
  heldBy: string | null;
  createdAt: string;
}

export interface StockQuery extends NumbersQuery {
  status?: NumberStatus;
}

/**
 * POST /api/v1/backoffice/numbers/import (admin): CSV text, a header line then one number a line:
 * `msisdn;operator;category` (`,` works too). Numbers already in stock are skipped.
 */
export interface NumberImportRequest {
  csv: string;
}

export interface NumberImportResult {
  added: number;
  duplicates: number;
  rejected: { line: number; value: string; reason: string }[];
}
