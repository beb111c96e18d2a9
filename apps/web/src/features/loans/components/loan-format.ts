import type { LoanDebtView, LoanProductView } from '@cabinet/shared-types';
import type { LoansT } from '../i18n/use-loans-t';
import { localeOf } from '@/shared/lib/format-date';
import { numberFormat } from '@/shared/lib/intl';

/** 14 → «14 дней»; an instalment term in whole months → «3 месяца». */
export function termLabel(t: LoansT, termDays: number, product?: Pick<LoanProductView, 'paymentPeriodDays'> | null): string {
  if (product?.paymentPeriodDays) return t('common.months', { count: Math.round(termDays / product.paymentPeriodDays) });
  return t('common.days', { count: termDays });
}

/** `0.8` → «0,8 %», `292` → «292 %», `127.75` → «127,75 %». */
export function percent(value: number, language: string): string {
  return `${numberFormat(localeOf(language), { maximumFractionDigits: 3 }).format(value)} %`;
}

/** How a payment of `amount` kopecks would be split (penalties, then interest, then principal), as the API splits it. */
export function splitPayment(debt: Pick<LoanDebtView, 'principal' | 'interest' | 'penalty'>, amount: number) {
  let left = amount;
  const take = (owed: number) => {
    const x = Math.min(left, owed);
    left -= x;
    return x;
  };
  const toPenalty = take(debt.penalty.amount);
  const toInterest = take(debt.interest.amount);
  const toPrincipal = take(debt.principal.amount);
  return { toPenalty, toInterest, toPrincipal, rest: left, remaining: debt.principal.amount + debt.interest.amount + debt.penalty.amount - (toPenalty + toInterest + toPrincipal) };
}
