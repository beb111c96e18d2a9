import { PaymentLimits, type SavedCardView } from '@cabinet/shared-types';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { browser } from '@/shared/lib/browser';
import { formatMoney } from '@/shared/lib/format-money';
import { FormAlert } from '@/shared/ui/form-alert';
import { ModalDialog } from '@/shared/ui/modal-dialog';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { useAttemptKey } from '@/shared/api/attempt-key';
import { useCards } from '../api/get-cards';
import { useBindCard, useDeleteCard, useMakeDefaultCard } from '../api/manage-cards';
import { BindResult } from '../components/bind-result';
import { cardExpiry, cardLabel, isCardExpired } from '../components/card-label';

/** /cards — saved cards: the default one, make another default, delete, bind a new one (1 ₽, refunded). */
export function CardsPage() {
  const { t, i18n } = useTranslation();
  const describeError = useErrorMessage();
  const [params] = useSearchParams();
  const bound = params.get('bound');
  const cards = useCards();
  const bind = useBindCard();
  const attempt = useAttemptKey();
  const remove = useDeleteCard();
  const makeDefault = useMakeDefaultCard();
  const [removing, setRemoving] = useState<SavedCardView | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);

  const onBind = () => {
    setStatus(null);
    setError(null);
    bind.mutate(attempt.keyFor('bind-card'), {
      onSuccess: (answer) => {
        attempt.settle(null);
        setLeaving(true);
        browser.assign(answer.confirmation.url);
      },
      onError: (failure) => {
        attempt.settle(failure);
        setError(describeError(failure));
      },
    });
  };

  const onRemove = () => {
    if (!removing) return;
    const card = removing;
    setRemoving(null);
    setStatus(null);
    setError(null);
    remove.mutate(card.id, {
      onSuccess: () => setStatus(t('cards.removed', { card: cardLabel(t, card) })),
      onError: (failure) => setError(describeError(failure)),
    });
  };

  const onMakeDefault = (card: SavedCardView) => {
    setStatus(null);
    setError(null);
    makeDefault.mutate(card.id, {
      onSuccess: () => setStatus(t('cards.madeDefault', { card: cardLabel(t, card) })),
      onError: (failure) => setError(describeError(failure)),
    });
  };

  return (
    <>
      <PageHeading title={t('cards.title')}>{t('cards.title')}</PageHeading>
      <p className="muted">{t('cards.intro')}</p>
      {bound ? <BindResult paymentId={bound} /> : null}
      <FormAlert tone="success">{status}</FormAlert>
      <FormAlert>{error}</FormAlert>
      {cards.isPending ? <PageLoader /> : null}
      {cards.isError ? <QueryError error={cards.error} onRetry={() => void cards.refetch()} /> : null}
      {cards.data && cards.data.length === 0 ? <p className="muted">{t('cards.none')}</p> : null}
      {cards.data?.length ? (
        <ul className="card-grid" aria-label={t('cards.listLabel')}>
          {cards.data.map((card) => {
            const label = cardLabel(t, card);
            const expired = isCardExpired(card);
            return (
              <li key={card.id}>
                <article className={card.isDefault ? 'saved-card saved-card--default' : 'saved-card'} aria-labelledby={`card-${card.id}`}>
                  <h2 id={`card-${card.id}`} className="saved-card__name">
                    {label}
                  </h2>
                  <p className="badges">
                    {card.isDefault ? <span className="badge badge--accent">{t('cards.default')}</span> : null}
                    {expired ? <span className="badge badge--warn">{t('cards.expired')}</span> : null}
                  </p>
                  <dl className="details details--compact">
                    <dt>{t('cards.validThru')}</dt>
                    <dd>{cardExpiry(card)}</dd>
                    <dt>{t('cards.holder')}</dt>
                    <dd>{card.holder}</dd>
                  </dl>
                  <div className="button-row">
                    {!card.isDefault && !expired ? (
                      <button
                        type="button"
                        className="secondary outline"
                        aria-describedby={`card-${card.id}`}
                        disabled={makeDefault.isPending}
                        onClick={() => onMakeDefault(card)}
                      >
                        {t('cards.makeDefault')}
                      </button>
                    ) : null}
                    <button
                      type="button"
                      className="secondary outline"
                      aria-describedby={`card-${card.id}`}
                      disabled={remove.isPending && remove.variables === card.id}
                      onClick={() => setRemoving(card)}
                    >
                      {t('cards.remove')}
                    </button>
                  </div>
                </article>
              </li>
            );
          })}
        </ul>
      ) : null}
      <section aria-labelledby="bind-title" className="bind">
        <h2 id="bind-title" className="section-title">
          {t('cards.bindTitle')}
        </h2>
        <p>{t('cards.bindHint', { amount: formatMoney({ amount: PaymentLimits.bindAmount, currency: 'RUB' }, i18n.language) })}</p>
        <FormAlert tone="info">{leaving ? t('cards.binding') : null}</FormAlert>
        <button type="button" aria-busy={bind.isPending || leaving || undefined} disabled={bind.isPending || leaving} onClick={onBind}>
          {t('cards.bind')}
        </button>
      </section>
      <ModalDialog
        open={removing !== null}
        role="alertdialog"
        title={t('cards.removeTitle')}
        onCancel={() => setRemoving(null)}
        actions={
          <>
            <button type="button" className="secondary outline" onClick={() => setRemoving(null)}>
              {t('common.cancel')}
            </button>
            <button type="button" className="contrast" onClick={onRemove}>
              {t('cards.remove')}
            </button>
          </>
        }
      >
        <p>{removing ? t('cards.removeText', { card: cardLabel(t, removing) }) : null}</p>
      </ModalDialog>
    </>
  );
}
