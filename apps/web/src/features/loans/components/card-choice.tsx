import type { SavedCardView } from '@cabinet/shared-types';
import { useLoansT } from '../i18n/use-loans-t';

export type CardChoiceValue = { kind: 'saved'; cardId: string } | { kind: 'new' };

const brands: Record<SavedCardView['brand'], string> = { visa: 'Visa', mastercard: 'Mastercard', mir: 'Мир', unknown: '' };

export function cardName(card: Pick<SavedCardView, 'brand' | 'last4'>): string {
  return `${brands[card.brand] || ''} •••• ${card.last4}`.trim();
}

/** Pay with a saved card (at once) or a new card (on the acquirer's page). */
export function CardChoice({ cards, value, onChange, legend }: { cards: SavedCardView[]; value: CardChoiceValue; onChange: (v: CardChoiceValue) => void; legend: string }) {
  const { t } = useLoansT();
  return (
    <fieldset className="methods">
      <legend>{legend}</legend>
      {cards.map((card) => (
        <label key={card.id} className="method">
          <input type="radio" name="loan-pay-method" checked={value.kind === 'saved' && value.cardId === card.id} onChange={() => onChange({ kind: 'saved', cardId: card.id })} />
          <span className="method__text">
            {cardName(card)} <span className="muted">· {card.holder}</span>
          </span>
        </label>
      ))}
      <label className="method">
        <input type="radio" name="loan-pay-method" checked={value.kind === 'new'} onChange={() => onChange({ kind: 'new' })} />
        <span className="method__text">{t('repay.newCard')}</span>
      </label>
    </fieldset>
  );
}
