import type { CardBrand } from '@cabinet/shared-types';
import type { TFunction } from 'i18next';

/** `Visa •••• 4444` — the brand in words and the last four digits, never more. */
export function cardLabel(t: TFunction, card: { brand: CardBrand; last4: string }): string {
  return t('cards.label', { brand: t(`cardBrand.${card.brand}`), last4: card.last4 });
}

/** `12/30` */
export function cardExpiry(card: { expMonth: number; expYear: number }): string {
  return `${String(card.expMonth).padStart(2, '0')}/${String(card.expYear % 100).padStart(2, '0')}`;
}

/** A card is valid through the last day of its month. */
export function isCardExpired(card: { expMonth: number; expYear: number }, now = new Date()): boolean {
  const year = card.expYear < 100 ? 2000 + card.expYear : card.expYear;
  return new Date(year, card.expMonth, 1) <= now;
}
