import { AccountKinds, type AccountKind } from '@cabinet/shared-types';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useTariffs } from '@/shared/api/get-tariffs';
import { useSession } from '@/shared/session/use-session';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { TariffCard } from '../components/tariff-card';

const providersByKind: Record<AccountKind, string[]> = {
  mobile: ['megafon', 'beeline', 'mts', 'tele2'],
  internet: ['skynet'],
};

const allProviders = [...providersByKind.mobile, ...providersByKind.internet];

function isKind(value: string | null): value is AccountKind {
  return value !== null && (AccountKinds as readonly string[]).includes(value);
}

/** The public tariff catalog: anyone can compare plans, filtered by kind and operator (kept in the URL). */
export function TariffsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind');
  const kind = isKind(kindParam) ? kindParam : undefined;
  const providers = kind ? providersByKind[kind] : allProviders;
  const providerParam = params.get('provider') ?? '';
  const provider = providers.includes(providerParam) ? providerParam : undefined;
  const tariffs = useTariffs({ kind, provider });
  const providerId = useId();
  // The router applies a search change in a transition, so a control bound to the URL alone would spring back to
  // its old value for a frame after the click (React restores a controlled input whose state did not change yet).
  // What the user picked is shown at once; the URL, and with it the query, follow.
  const fromUrl = { kind: kind ?? '', provider: provider ?? '' };
  const [shown, setShown] = useState(fromUrl);
  const [urlSeen, setUrlSeen] = useState(fromUrl);
  if (urlSeen.kind !== fromUrl.kind || urlSeen.provider !== fromUrl.provider) {
    setUrlSeen(fromUrl);
    setShown(fromUrl);
  }
  const shownProviders = isKind(shown.kind) ? providersByKind[shown.kind] : allProviders;

  const update = (next: { kind?: string; provider?: string }) => {
    const search = new URLSearchParams();
    const nextKind = 'kind' in next ? next.kind : shown.kind || undefined;
    const nextProvider = 'provider' in next ? next.provider : shown.provider || undefined;
    if (nextKind) search.set('kind', nextKind);
    if (nextProvider) search.set('provider', nextProvider);
    setShown({ kind: nextKind ?? '', provider: nextProvider ?? '' });
    setParams(search, { replace: true });
  };

  const items = tariffs.data?.items.filter((tariff) => !tariff.archived) ?? [];

  return (
    <section className="catalog">
      <PageHeading title={t('catalog.title')}>{t('catalog.title')}</PageHeading>
      <p className="muted">{t('catalog.intro')}</p>
      <form className="catalog__filters" aria-label={t('catalog.filters')} onSubmit={(event) => event.preventDefault()}>
        <fieldset>
          <legend>{t('catalog.kind')}</legend>
          <div className="segmented">
            {(['', ...AccountKinds] as const).map((value) => (
              <label key={value || 'all'}>
                <input
                  type="radio"
                  name="kind"
                  value={value}
                  checked={shown.kind === value}
                  onChange={() => update({ kind: value || undefined, provider: undefined })}
                />
                {value ? t(`accountKind.${value}`) : t('catalog.allKinds')}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor={providerId}>{t('catalog.provider')}</label>
          <select id={providerId} value={shown.provider} onChange={(event) => update({ provider: event.target.value || undefined })}>
            <option value="">{t('catalog.allProviders')}</option>
            {shownProviders.map((value) => (
              <option key={value} value={value}>
                {t(`providers.${value}`, { defaultValue: value })}
              </option>
            ))}
          </select>
        </div>
      </form>
      {tariffs.isPending ? <PageLoader /> : null}
      {tariffs.isError ? <QueryError error={tariffs.error} onRetry={() => void tariffs.refetch()} /> : null}
      {tariffs.data ? (
        <>
          <p role="status" className="muted">
            {t('catalog.found', { count: items.length })}
          </p>
          <ul className="card-grid" aria-label={t('catalog.listLabel')}>
            {items.map((tariff) => (
              <li key={tariff.id}>
                <TariffCard tariff={tariff} />
                {session.status !== 'authenticated' ? (
                  <p className="tariff-card__connect">
                    <Link to={`${tariff.kind === 'mobile' ? '/connect' : '/connect/internet'}?tariffId=${tariff.id}`} aria-label={t('connect.connectTariff', { name: tariff.name })}>
                      {t('connect.connectShort')}
                    </Link>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        {session.status === 'authenticated' ? (
          <Link to="/accounts">{t('catalog.toAccounts')}</Link>
        ) : (
          <Link to="/login">{t('catalog.signIn')}</Link>
        )}
      </p>
    </section>
  );
}
