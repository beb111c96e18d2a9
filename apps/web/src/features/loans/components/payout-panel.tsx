import type { LoanView, SavedCardView } from '@cabinet/shared-types';
import { useState } from 'react';
import { useAttemptKey } from '@/shared/api/attempt-key';
import { browser } from '@/shared/lib/browser';
import { formatDateTime } from '@/shared/lib/format-date';
import { formatMoney } from '@/shared/lib/format-money';
import { FormAlert } from '@/shared/ui/form-alert';
import { useBindCardForLoan, useDisburse } from '../api/manage-loans';
import { useLoansError, useLoansT } from '../i18n/use-loans-t';
import { cardName } from './card-choice';

/**
 * An approved loan: choose a saved card in your own name (or bind one on the acquirer's page, 1 ₽
 * refunded) and take the money. A card in another name is refused by the API with the reason shown.
 */
export function PayoutPanel({ loan, cards }: { loan: LoanView; cards: SavedCardView[] }) {
  const { t, language } = useLoansT();
  const describe = useLoansError();
  const disburse = useDisburse(loan.id);
  const bind = useBindCardForLoan(loan.id);
  const attempt = useAttemptKey();
  const bindAttempt = useAttemptKey();
  const [cardId, setCardId] = useState<string | null>(cards[0]?.id ?? null);
  const [error, setError] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  const chosen = cardId ?? cards[0]?.id ?? null;
  const services = loan.services.filter((s) => s.status === 'selected');
  const servicesTotal = services.reduce((sum, s) => sum + s.price.amount, 0);

  const take = () => {
    if (!chosen) return;
    setError(null);
    const body = { cardId: chosen };
    disburse.mutate(
      { body, idempotencyKey: attempt.keyFor(body) },
      {
        onSuccess: () => attempt.settle(null),
        onError: (failure) => {
          attempt.settle(failure);
          setError(describe(failure));
        },
      },
    );
  };

  const bindCard = () => {
    setError(null);
    bind.mutate(bindAttempt.keyFor('bind'), {
      onSuccess: (answer) => {
        bindAttempt.settle(null);
        setLeaving(true);
        browser.assign(answer.confirmation.url);
      },
      onError: (failure) => {
        bindAttempt.settle(failure);
        setError(describe(failure));
      },
    });
  };

  return (
    <section aria-labelledby="payout-title" className="payout">
      <h2 id="payout-title">{t('payout.title')}</h2>
      {loan.approvalValidUntil ? <p className="muted">{t('payout.validUntil', { date: formatDateTime(loan.approvalValidUntil, language) })}</p> : null}
      <p>{t('payout.ownName')}</p>
      {cards.length ? (
        <fieldset className="methods">
          <legend>{t('payout.card')}</legend>
          {cards.map((card) => (
            <label key={card.id} className="method">
              <input type="radio" name="payout-card" checked={chosen === card.id} onChange={() => setCardId(card.id)} />
              <span className="method__text">
                {cardName(card)} <span className="muted">· {card.holder}</span>
              </span>
            </label>
          ))}
        </fieldset>
      ) : (
        <p className="notice">{t('payout.noCards')}</p>
      )}
      {services.length ? (
        <p className="notice">
          {t('payout.services', { names: services.map((s) => s.name).join(', '), total: formatMoney({ amount: servicesTotal, currency: 'RUB' }, language) })}
        </p>
      ) : null}
      <FormAlert>{error}</FormAlert>
      <FormAlert tone="info">{leaving ? t('payout.binding') : null}</FormAlert>
      <div className="button-row">
        <button type="button" className="secondary outline" aria-busy={bind.isPending || leaving || undefined} disabled={bind.isPending || leaving} onClick={bindCard}>
          {t('payout.bind')}
        </button>
        {cards.length ? (
          <button type="button" aria-busy={disburse.isPending || undefined} disabled={!chosen || disburse.isPending} onClick={take}>
            {t('payout.take')}
          </button>
        ) : null}
      </div>
    </section>
  );
}
