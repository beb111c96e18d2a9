import type { BonusCategory, BonusReceiptItem } from '@cabinet/shared-types';
import type { BonusConfig } from '../../config';
import { MSK_OFFSET_MS } from '../../platform/moscow';

/** 1 point pays 1 ₽ (100 kopecks). */
export const POINT_KOPECKS = 100;

export interface CampaignRule {
  id: string;
  name: string;
  /** ×100: 200 is double points. */
  multiplier100: number;
  categories: BonusCategory[] | null;
  /** ISO weekdays, Moscow. */
  weekdays: number[] | null;
}

/** 1 = Monday … 7 = Sunday, in Moscow. */
export function moscowWeekday(at: Date): number {
  const d = new Date(at.getTime() + MSK_OFFSET_MS).getUTCDay();
  return d === 0 ? 7 : d;
}

export interface PricedReceipt {
  /** Kopecks. */
  total: number;
  /** The part points may pay for (excluded categories left out), kopecks. */
  spendable: number;
  /** Whole roubles of `spendable`: the most points this receipt takes, whatever the balance. */
  spendCap: number;
  /** Points paid, per line (kopecks), in line order. */
  discounts: number[];
  /** Points earned on what is paid in money. */
  accrual: number;
  campaigns: string[];
}

/**
 * The arithmetic of one receipt. Points pay for the eligible lines in their order; what is left to pay
 * in money on lines that earn points earns `basisPoints` (1 % = 100), times the best campaign for the
 * line's category and day, rounded down to whole points over the receipt.
 */
export function priceReceipt(
  items: Pick<BonusReceiptItem, 'category' | 'amount'>[],
  opts: { spendPoints: number; config: Pick<BonusConfig, 'accrualBasisPoints' | 'spendExcluded' | 'accrualExcluded'>; campaigns: CampaignRule[]; at: Date },
): PricedReceipt {
  const { config } = opts;
  const total = items.reduce((s, i) => s + i.amount.amount, 0);
  const spendable = items.reduce((s, i) => s + (config.spendExcluded.includes(i.category) ? 0 : i.amount.amount), 0);
  let discountLeft = opts.spendPoints * POINT_KOPECKS;
  const discounts = items.map((i) => {
    if (config.spendExcluded.includes(i.category) || discountLeft === 0) return 0;
    const d = Math.min(i.amount.amount, discountLeft);
    discountLeft -= d;
    return d;
  });
  const weekday = moscowWeekday(opts.at);
  const applicable = opts.campaigns.filter((c) => !c.weekdays || c.weekdays.includes(weekday));
  const used = new Set<string>();
  // Σ paid × basis points × multiplier×100, in kopecks × 10⁻⁸ points: BigInt keeps it exact.
  let sum = 0n;
  items.forEach((item, n) => {
    if (config.accrualExcluded.includes(item.category)) return;
    let best: CampaignRule | null = null;
    for (const c of applicable) {
      if (c.categories && !c.categories.includes(item.category)) continue;
      if (!best || c.multiplier100 > best.multiplier100) best = c;
    }
    if (best && best.multiplier100 > 100) used.add(best.name);
    sum += BigInt(item.amount.amount - discounts[n]) * BigInt(config.accrualBasisPoints) * BigInt(best?.multiplier100 ?? 100);
  });
  const accrual = Number(sum / BigInt(POINT_KOPECKS * 10_000 * 100));
  return { total, spendable, spendCap: Math.floor(spendable / POINT_KOPECKS), discounts, accrual, campaigns: [...used] };
}
