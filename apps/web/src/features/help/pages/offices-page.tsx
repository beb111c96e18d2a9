import type { OfficeKind, OfficeView } from '@cabinet/shared-types';
import { useState } from 'react';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { SelectField } from '@/shared/ui/select-field';
import { useOffices } from '../api/offices';
import { useHelpT, type HelpT } from '../i18n/use-help-t';

function Hours({ office, t }: { office: OfficeView; t: HelpT }) {
  return (
    <dl className="office-hours" aria-label={t('offices.hours')}>
      {office.hours.map((h) => (
        <div key={h.day}>
          <dt>{t(`offices.days.${h.day}`)}</dt>
          <dd>{h.opens && h.closes ? `${h.opens}–${h.closes}` : t('offices.closed')}</dd>
        </div>
      ))}
    </dl>
  );
}

function OfficeCard({ office, t }: { office: OfficeView; t: HelpT }) {
  const titleId = `office-${office.id}`;
  return (
    <li>
      <article aria-labelledby={titleId}>
        <header>
          <h2 id={titleId} className="office-card__title">
            {office.name}
          </h2>
          <span className="badges">
            <span className="badge">{office.kind === 'office' ? t('offices.office') : t('offices.pickup')}</span>
            {office.simPickup ? <span className="badge badge--accent">{t('offices.simPickup')}</span> : null}
          </span>
        </header>
        <p>
          {office.city}, {office.address}
        </p>
        {office.phone ? (
          <p>
            {t('offices.phone')}: <a href={`tel:${office.phone}`}>{office.phone}</a>
          </p>
        ) : null}
        <Hours office={office} t={t} />
        <p className="muted">
          {t('offices.coordinates')}: {office.latitude.toFixed(5)}, {office.longitude.toFixed(5)}
        </p>
        <p className="button-row">
          <a href={office.maps.yandex} target="_blank" rel="noopener noreferrer">
            {t('offices.yandex')} <span className="visually-hidden">{t('offices.opensIn')}</span>
          </a>
          <a href={office.maps.google} target="_blank" rel="noopener noreferrer">
            {t('offices.google')} <span className="visually-hidden">{t('offices.opensIn')}</span>
          </a>
        </p>
      </article>
    </li>
  );
}

/** /offices — public: offices and pick-up points, no map, links to the map services. */
export function OfficesPage() {
  const { t } = useHelpT();
  const [city, setCity] = useState('');
  const [kind, setKind] = useState<OfficeKind | ''>('');
  const [simOnly, setSimOnly] = useState(false);
  const all = useOffices();
  const filtered = useOffices({ city: city || undefined, kind: kind || undefined, simPickup: simOnly || undefined });
  const cities = [...new Set((all.data?.items ?? []).map((o) => o.city))];

  return (
    <section className="offices">
      <PageHeading title={t('offices.title')}>{t('offices.title')}</PageHeading>
      <p>{t('offices.lead')}</p>
      <fieldset className="filter-grid">
        <legend className="visually-hidden">{t('offices.filters')}</legend>
        <SelectField label={t('offices.city')} value={city} onChange={(e) => setCity(e.target.value)}>
          <option value="">{t('offices.allCities')}</option>
          {cities.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('offices.kind')} value={kind} onChange={(e) => setKind(e.target.value as OfficeKind | '')}>
          <option value="">{t('offices.allKinds')}</option>
          <option value="office">{t('offices.kindOffice')}</option>
          <option value="pickup">{t('offices.kindPickup')}</option>
        </SelectField>
        <label className="checkbox">
          <input type="checkbox" checked={simOnly} onChange={(e) => setSimOnly(e.target.checked)} />
          {t('offices.simOnly')}
        </label>
      </fieldset>
      {filtered.isPending ? <PageLoader /> : null}
      {filtered.isError ? <QueryError error={filtered.error} onRetry={() => void filtered.refetch()} /> : null}
      {filtered.data && filtered.data.items.length === 0 ? <p className="form-alert form-alert--empty">{t('offices.empty')}</p> : null}
      {filtered.data?.items.length ? (
        <ul className="card-grid card-grid--wide" aria-label={t('offices.title')}>
          {filtered.data.items.map((o) => (
            <OfficeCard key={o.id} office={o} t={t} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
