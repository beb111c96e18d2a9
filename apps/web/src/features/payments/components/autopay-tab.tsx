import type { AccountView, AutopayView } from '@cabinet/shared-types';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { FormAlert } from '@/shared/ui/form-alert';
import { ModalDialog } from '@/shared/ui/modal-dialog';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { useAutopay, useDeleteAutopay, useSetAutopayStatus } from '../api/autopay';
import { useCards } from '../api/get-cards';
import { useNotificationSettings } from '../api/notification-settings';
import { AutopayForm } from './autopay-form';
import { AutopayItem } from './autopay-item';
import { isCardExpired } from './card-label';
import { LowBalanceForm } from './low-balance-form';

/** The account's autopay rules and its low-balance SMS (not shown to viewers). */
export function AutopayTab({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const describeError = useErrorMessage();
  const rules = useAutopay(account.id);
  const cards = useCards();
  const settings = useNotificationSettings(account.id);
  const setStatusOf = useSetAutopayStatus(account.id);
  const remove = useDeleteAutopay(account.id);
  const [removing, setRemoving] = useState<AutopayView | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const change = (rule: AutopayView, next: 'active' | 'paused') => {
    setStatus(null);
    setError(null);
    setStatusOf.mutate(
      { id: rule.id, status: next },
      {
        onSuccess: () => setStatus(t(next === 'active' ? 'autopay.resumed' : 'autopay.paused')),
        onError: (failure) => setError(describeError(failure)),
      },
    );
  };

  const onRemove = () => {
    if (!removing) return;
    const rule = removing;
    setRemoving(null);
    setStatus(null);
    setError(null);
    remove.mutate(rule.id, {
      onSuccess: () => setStatus(t('autopay.removed')),
      onError: (failure) => setError(describeError(failure)),
    });
  };

  const usableCards = cards.data?.filter((card) => !isCardExpired(card)) ?? [];

  return (
    <>
      <h2 className="section-title">{t('autopay.title')}</h2>
      <p className="muted">{t('autopay.intro')}</p>
      <FormAlert tone="success">{status}</FormAlert>
      <FormAlert>{error}</FormAlert>
      {rules.isPending ? <PageLoader /> : null}
      {rules.isError ? <QueryError error={rules.error} onRetry={() => void rules.refetch()} /> : null}
      {rules.data && rules.data.items.length === 0 ? <p className="muted">{t('autopay.none')}</p> : null}
      {rules.data?.items.length ? (
        <ul className="device-list" aria-label={t('autopay.listLabel')}>
          {rules.data.items.map((rule) => (
            <li key={rule.id}>
              <AutopayItem
                rule={rule}
                busy={(setStatusOf.isPending && setStatusOf.variables?.id === rule.id) || (remove.isPending && remove.variables === rule.id)}
                onPause={() => change(rule, 'paused')}
                onResume={() => change(rule, 'active')}
                onRemove={() => setRemoving(rule)}
              />
            </li>
          ))}
        </ul>
      ) : null}
      {cards.isPending ? <PageLoader /> : null}
      {cards.isError ? <QueryError error={cards.error} onRetry={() => void cards.refetch()} /> : null}
      {cards.data && usableCards.length === 0 ? (
        <div className="notice">
          <p>{t('autopay.noCards')}</p>
          <Link className="button-link" to="/cards">
            {t('autopay.addCard')}
          </Link>
        </div>
      ) : null}
      {usableCards.length ? <AutopayForm account={account} cards={usableCards} /> : null}
      {settings.isError ? <QueryError error={settings.error} onRetry={() => void settings.refetch()} /> : null}
      {settings.data ? <LowBalanceForm accountId={account.id} settings={settings.data} /> : null}
      <ModalDialog
        open={removing !== null}
        role="alertdialog"
        title={t('autopay.removeTitle')}
        onCancel={() => setRemoving(null)}
        actions={
          <>
            <button type="button" className="secondary outline" onClick={() => setRemoving(null)}>
              {t('common.cancel')}
            </button>
            <button type="button" className="contrast" onClick={onRemove}>
              {t('autopay.remove')}
            </button>
          </>
        }
      >
        <p>{t('autopay.removeText')}</p>
      </ModalDialog>
    </>
  );
}
