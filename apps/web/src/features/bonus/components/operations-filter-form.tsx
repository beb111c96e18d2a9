import { BonusOperationKinds, type BonusOperationKind } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '@/shared/ui/text-field';
import type { OperationFilters } from '../api/get-operations';

/** Kinds (several), direction and period of the points history; applied with one button. */
export function OperationsFilterForm({ filters, onApply }: { filters: OperationFilters; onApply: (filters: OperationFilters) => void }) {
  const { t } = useTranslation();
  const [kinds, setKinds] = useState<BonusOperationKind[]>(filters.kind ?? []);
  const [direction, setDirection] = useState<'' | 'in' | 'out'>(filters.direction ?? '');
  const [from, setFrom] = useState(filters.from ?? '');
  const [to, setTo] = useState(filters.to ?? '');
  const [error, setError] = useState<string | undefined>();
  const any = Boolean(filters.kind?.length || filters.direction || filters.from || filters.to);
  const [open, setOpen] = useState(() => any || typeof window.matchMedia !== 'function' || window.matchMedia('(min-width: 768px)').matches);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (from && to && to < from) {
      setError(t('bonus.history.periodInvalid'));
      return;
    }
    setError(undefined);
    onApply({ kind: BonusOperationKinds.filter((k) => kinds.includes(k)), direction: direction || undefined, from: from || undefined, to: to || undefined });
  };

  return (
    <details className="history-filters" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="history-filters__summary">{t('bonus.history.filters')}</summary>
      <form noValidate onSubmit={onSubmit} aria-label={t('bonus.history.filters')}>
        <fieldset>
          <legend>{t('bonus.history.kinds')}</legend>
          <div className="check-grid">
            {BonusOperationKinds.map((kind) => (
              <label key={kind} className="checkbox">
                <input
                  type="checkbox"
                  checked={kinds.includes(kind)}
                  onChange={(event) => setKinds((current) => (event.target.checked ? [...current, kind] : current.filter((k) => k !== kind)))}
                />
                {t(`bonus.kind.${kind}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="segmented-field">
          <legend>{t('bonus.history.direction')}</legend>
          <div className="segmented">
            {(['', 'in', 'out'] as const).map((value) => (
              <label key={value || 'all'}>
                <input type="radio" name="bonus-direction" value={value} checked={direction === value} onChange={() => setDirection(value)} />
                {t(`bonus.history.direction_${value || 'all'}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="filter-grid">
          <TextField label={t('bonus.history.from')} type="date" value={from} onChange={(event) => setFrom(event.target.value)} />
          <TextField label={t('bonus.history.to')} type="date" value={to} error={error} onChange={(event) => setTo(event.target.value)} />
        </div>
        <div className="button-row">
          <button type="submit">{t('bonus.history.apply')}</button>
          <button
            type="button"
            className="secondary outline"
            onClick={() => {
              setKinds([]);
              setDirection('');
              setFrom('');
              setTo('');
              setError(undefined);
              onApply({});
            }}
          >
            {t('bonus.history.reset')}
          </button>
        </div>
      </form>
    </details>
  );
}
