import { LedgerKinds, TransactionSorts, type LedgerKind, type TransactionSort } from '@cabinet/shared-types';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseRoubles, roublesInput } from '@/shared/lib/parse-money';
import { TextField } from '@/shared/ui/text-field';
import type { HistoryFilters } from '../api/get-transactions';
import { hasFilters } from './history-params';

const sortKeys: Record<TransactionSort, 'sortNewest' | 'sortOldest' | 'sortLargest' | 'sortSmallest'> = {
  '-createdAt': 'sortNewest',
  createdAt: 'sortOldest',
  '-amount': 'sortLargest',
  amount: 'sortSmallest',
};

interface HistoryFilterFormProps {
  filters: HistoryFilters;
  onApply: (filters: HistoryFilters) => void;
}

/** Kinds (several at once), direction, period, amount range and order; applied with one button. */
export function HistoryFilterForm({ filters, onApply }: HistoryFilterFormProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const sortId = useId();
  const [kinds, setKinds] = useState<LedgerKind[]>(filters.kind ?? []);
  const [direction, setDirection] = useState<'' | 'debit' | 'credit'>(filters.direction ?? '');
  const [from, setFrom] = useState(filters.from ?? '');
  const [to, setTo] = useState(filters.to ?? '');
  const [min, setMin] = useState(filters.minAmount === undefined ? '' : roublesInput(filters.minAmount, lang));
  const [max, setMax] = useState(filters.maxAmount === undefined ? '' : roublesInput(filters.maxAmount, lang));
  const [sort, setSort] = useState<TransactionSort>(filters.sort ?? '-createdAt');
  const [errors, setErrors] = useState<{ min?: string; max?: string; to?: string }>({});

  const toggleKind = (kind: LedgerKind, on: boolean) =>
    setKinds((current) => (on ? [...current, kind] : current.filter((value) => value !== kind)));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const minAmount = min.trim() ? parseRoubles(min) : undefined;
    const maxAmount = max.trim() ? parseRoubles(max) : undefined;
    const next: typeof errors = {};
    if (minAmount === null) next.min = t('history.amountInvalid');
    if (maxAmount === null) next.max = t('history.amountInvalid');
    if (typeof minAmount === 'number' && typeof maxAmount === 'number' && maxAmount < minAmount) next.max = t('history.rangeInvalid');
    if (from && to && to < from) next.to = t('history.periodInvalid');
    setErrors(next);
    if (Object.keys(next).length) return;
    onApply({
      kind: LedgerKinds.filter((kind) => kinds.includes(kind)),
      direction: direction || undefined,
      from: from || undefined,
      to: to || undefined,
      minAmount: minAmount ?? undefined,
      maxAmount: maxAmount ?? undefined,
      sort,
    });
  };

  const kindSummary = kinds.length ? t('history.kindsChosen', { count: kinds.length }) : t('history.allKinds');
  // Open on wide screens and whenever something is applied; on a phone the list comes first.
  const [open, setOpen] = useState(
    () => hasFilters(filters) || (typeof window.matchMedia !== 'function' || window.matchMedia('(min-width: 768px)').matches),
  );

  return (
    <details className="history-filters" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="history-filters__summary">{t('history.filters')}</summary>
      <form noValidate onSubmit={onSubmit} aria-label={t('history.filters')}>
        <details className="history-filters__kinds" open={kinds.length > 0 || undefined}>
          <summary>
            {t('history.kinds')}: {kindSummary}
          </summary>
          <fieldset>
            <legend className="visually-hidden">{t('history.kinds')}</legend>
            <div className="check-grid">
              {LedgerKinds.map((kind) => (
                <label key={kind} className="checkbox">
                  <input type="checkbox" checked={kinds.includes(kind)} onChange={(event) => toggleKind(kind, event.target.checked)} />
                  {t(`ledgerKind.${kind}`)}
                </label>
              ))}
            </div>
          </fieldset>
        </details>
        <fieldset className="segmented-field">
          <legend>{t('history.direction')}</legend>
          <div className="segmented">
            {(['', 'debit', 'credit'] as const).map((value) => (
              <label key={value || 'all'}>
                <input type="radio" name="direction" value={value} checked={direction === value} onChange={() => setDirection(value)} />
                {t(value ? `history.direction_${value}` : 'history.direction_all')}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="filter-grid">
          <TextField label={t('history.from')} type="date" value={from} onChange={(event) => setFrom(event.target.value)} />
          <TextField label={t('history.to')} type="date" value={to} error={errors.to} onChange={(event) => setTo(event.target.value)} />
          <TextField
            label={t('history.minAmount')}
            inputMode="decimal"
            autoComplete="off"
            value={min}
            error={errors.min}
            onChange={(event) => setMin(event.target.value)}
          />
          <TextField
            label={t('history.maxAmount')}
            inputMode="decimal"
            autoComplete="off"
            value={max}
            error={errors.max}
            onChange={(event) => setMax(event.target.value)}
          />
          <div className="field">
            <label htmlFor={sortId}>{t('history.sort')}</label>
            <select id={sortId} value={sort} onChange={(event) => setSort(event.target.value as TransactionSort)}>
              {TransactionSorts.map((value) => (
                <option key={value} value={value}>
                  {t(`history.${sortKeys[value]}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="button-row">
          <button type="submit">{t('history.apply')}</button>
          <button
            type="button"
            className="secondary outline"
            onClick={() => {
              setKinds([]);
              setDirection('');
              setFrom('');
              setTo('');
              setMin('');
              setMax('');
              setSort('-createdAt');
              setErrors({});
              onApply({});
            }}
          >
            {t('history.reset')}
          </button>
        </div>
      </form>
    </details>
  );
}
