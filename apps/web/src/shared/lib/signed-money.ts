import type { Money } from '@cabinet/shared-types';
import { formatMoney } from './format-money';

/** `+500 ₽` for money in, `−650 ₽` (a real minus sign) for a charge: the sign says it, not a colour. */
export function formatSignedMoney(money: Money, language: string): string {
  const text = formatMoney({ ...money, amount: Math.abs(money.amount) }, language);
  if (money.amount === 0) return text;
  return `${money.amount < 0 ? '\u2212' : '+'}${text}`;
}
