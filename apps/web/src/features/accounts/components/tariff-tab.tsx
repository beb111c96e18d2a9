import type { AccountView, MobileLineView, TariffChangeResult, TariffView } from '@cabinet/shared-types';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTariffs } from '@/shared/api/get-tariffs';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { formatDay } from '@/shared/lib/format-date';
import { formatMoney } from '@/shared/lib/format-money';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { TariffFacts } from '@/shared/ui/tariff-facts';
import { useCancelTariffChange } from '../api/change-tariff';
import type { ServiceTarget } from '../api/service-target';
import { canAct } from './access';
import { ScheduledChangeNote } from './scheduled-change-note';
import { TariffChangePanel } from './tariff-change-panel';

interface TariffTabProps {
  account: AccountView;
  line: MobileLineView | null;
}

/** The current tariff next to the ones it can be changed to; choose one, see the quote, confirm. */
export function TariffTab({ account, line }: TariffTabProps) {
  const { t, i18n } = useTranslation();
  const describeError = useErrorMessage();
  const service = line ?? account.contract;
  const target: ServiceTarget = { accountId: account.id, lineId: line?.id ?? null };
  const provider = line ? line.operator : (account.contract?.tariff.provider ?? undefined);
  const catalog = useTariffs({ kind: account.kind, provider });
  const cancel = useCancelTariffChange(target);
  const [chosen, setChosen] = useState<TariffView | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (!service) return null;
  const allowed = canAct(account, line?.id ?? null);
  const active = service.status === 'active';
  const current = service.tariff;
  const scheduled = service.scheduledChange;
  const others = catalog.data?.items.filter((tariff) => !tariff.archived && tariff.id !== current.id) ?? [];

  const onDone = (result: TariffChangeResult) => {
    setChosen(null);
    setError(null);
    const lang = i18n.language;
    setStatus(
      result.scheduled
        ? t('account.changeScheduled', {
            name: result.quote.tariff.name,
            date: formatDay(result.scheduled.effectiveAt, lang),
          })
        : t('account.changeDone', {
            name: result.quote.tariff.name,
            amount: formatMoney(result.quote.chargedNow, lang),
          }),
    );
  };

  const onCancelScheduled = () => {
    setStatus(null);
    setError(null);
    cancel.mutate(undefined, {
      onSuccess: () => setStatus(t('account.changeCanceled')),
      onError: (failure) => setError(describeError(failure)),
    });
  };

  return (
    <>
      <FormAlert tone="success">{status}</FormAlert>
      <FormAlert>{error}</FormAlert>
      {!allowed ? <p className="notice">{t('account.readOnly')}</p> : null}
      {allowed && !active ? <p className="notice">{t('account.notActive')}</p> : null}
      {scheduled ? (
        <section className="scheduled" aria-label={t('account.change')}>
          <p>
            <ScheduledChangeNote change={scheduled} />
          </p>
          {allowed ? (
            <button
              type="button"
              className="secondary outline"
              aria-busy={cancel.isPending || undefined}
              disabled={cancel.isPending}
              onClick={onCancelScheduled}
            >
              {t('account.cancelChange')}
            </button>
          ) : null}
        </section>
      ) : null}
      <h2 className="section-title">{t('account.compareTitle')}</h2>
      {catalog.isPending ? <PageLoader /> : null}
      {catalog.isError ? <QueryError error={catalog.error} onRetry={() => void catalog.refetch()} /> : null}
      <ul className="card-grid compare" aria-label={t('account.compareTitle')}>
        <li>
          <article className="tariff-card tariff-card--current" aria-labelledby="tariff-current">
            <header className="tariff-card__header">
              <h3 id="tariff-current" className="tariff-card__name">
                {current.name}
              </h3>
              <span className="badge badge--accent">{t('account.yourTariff')}</span>
            </header>
            <p className="muted">{current.description}</p>
            <TariffFacts tariff={current} />
          </article>
        </li>
        {others.map((tariff) => (
          <li key={tariff.id}>
            <article
              className={chosen?.id === tariff.id ? 'tariff-card tariff-card--chosen' : 'tariff-card'}
              aria-labelledby={`tariff-${tariff.id}`}
            >
              <header className="tariff-card__header">
                <h3 id={`tariff-${tariff.id}`} className="tariff-card__name">
                  {tariff.name}
                </h3>
              </header>
              <p className="muted">{tariff.description}</p>
              <TariffFacts tariff={tariff} />
              {allowed && active ? (
                <button
                  type="button"
                  className={chosen?.id === tariff.id ? undefined : 'secondary'}
                  aria-pressed={chosen?.id === tariff.id}
                  onClick={() => {
                    setStatus(null);
                    setError(null);
                    setChosen(tariff);
                  }}
                >
                  {t('account.choose', { name: tariff.name })}
                </button>
              ) : null}
            </article>
          </li>
        ))}
      </ul>
      {catalog.data && others.length === 0 ? <p className="muted">{t('account.noOtherTariffs')}</p> : null}
      {chosen ? (
        <TariffChangePanel
          key={chosen.id}
          target={target}
          tariff={chosen}
          onDone={onDone}
          onClose={() => setChosen(null)}
        />
      ) : null}
    </>
  );
}
