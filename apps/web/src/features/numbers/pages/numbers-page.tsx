import { NumberCategories, NumberPatterns, Operators, type NumberCategory, type NumberPattern, type Operator } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatMoney } from '@/shared/lib/format-money';
import { useSession } from '@/shared/session/use-session';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { SelectField } from '@/shared/ui/select-field';
import { TextField } from '@/shared/ui/text-field';
import { useNumberCategories, useNumbers, type NumberFilter } from '../api/get-numbers';
import { NumberCard } from '../components/number-card';
import { TableScroll } from '@/shared/ui/table-scroll';

const beautiful = NumberCategories.filter((c) => c !== 'regular');
const pick = <T extends string>(list: readonly T[], value: string | null): T | undefined => (value && (list as readonly string[]).includes(value) ? (value as T) : undefined);

/** /numbers — the beautiful-number catalog: by operator, category and pattern; 50 % of the operator's price. */
export function NumbersPage() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const filter: NumberFilter = {
    operator: pick<Operator>(Operators, params.get('operator')),
    category: pick<NumberCategory>(beautiful, params.get('category')),
    pattern: pick<NumberPattern>(NumberPatterns, params.get('pattern')),
    digits: /^\d{1,10}$/.test(params.get('digits') ?? '') ? params.get('digits')! : undefined,
  };
  const [digits, setDigits] = useState(filter.digits ?? '');
  const numbers = useNumbers(filter);
  const categories = useNumberCategories();
  const items = numbers.data?.pages.flatMap((p) => p.items) ?? [];

  const update = (next: Partial<Record<keyof NumberFilter, string | undefined>>) => {
    const merged = { ...filter, ...next };
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(merged)) if (v) search.set(k, v);
    setParams(search, { replace: true });
  };
  const onDigits = (event: FormEvent) => {
    event.preventDefault();
    update({ digits: digits.replace(/\D/g, '') || undefined });
  };

  const prices = (categories.data?.items ?? []).filter((c) => c.category !== 'regular' && (!filter.operator || c.operator === filter.operator));

  return (
    <section className="catalog">
      <PageHeading title={t('numbers.title')}>{t('numbers.title')}</PageHeading>
      <p className="muted">{t('numbers.intro')}</p>
      <form className="catalog__filters numbers__filters" aria-label={t('numbers.filters')} onSubmit={onDigits}>
        <SelectField label={t('numbers.operator')} value={filter.operator ?? ''} onChange={(e) => update({ operator: e.target.value || undefined })}>
          <option value="">{t('numbers.allOperators')}</option>
          {Operators.map((o) => (
            <option key={o} value={o}>
              {t(`providers.${o}`, { defaultValue: o })}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('numbers.category')} value={filter.category ?? ''} onChange={(e) => update({ category: e.target.value || undefined })}>
          <option value="">{t('numbers.allCategories')}</option>
          {beautiful.map((c) => (
            <option key={c} value={c}>
              {t(`numbers.categories.${c}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('numbers.pattern')} value={filter.pattern ?? ''} onChange={(e) => update({ pattern: e.target.value || undefined })}>
          <option value="">{t('numbers.anyPattern')}</option>
          {NumberPatterns.map((p) => (
            <option key={p} value={p}>
              {t(`numbers.patternsLong.${p}`)}
            </option>
          ))}
        </SelectField>
        <div className="numbers__digits">
          <TextField label={t('numbers.digits')} hint={t('numbers.digitsHint')} value={digits} onChange={(e) => setDigits(e.target.value)} inputMode="numeric" maxLength={10} />
          <button type="submit" className="secondary">
            {t('numbers.find')}
          </button>
        </div>
      </form>
      {numbers.isPending ? <PageLoader /> : null}
      {numbers.isError && !numbers.data ? <QueryError error={numbers.error} onRetry={() => void numbers.refetch()} /> : null}
      {numbers.data ? (
        <p role="status" className="muted">
          {items.length ? t('numbers.shown', { count: items.length }) : t('numbers.none')}
        </p>
      ) : null}
      <ul className="card-grid" aria-label={t('numbers.listLabel')}>
        {items.map((n) => (
          <li key={n.id}>
            <NumberCard number={n} signedIn={session.status === 'authenticated'} />
          </li>
        ))}
      </ul>
      {numbers.hasNextPage ? (
        <p className="history-more">
          <button type="button" className="secondary outline" aria-busy={numbers.isFetchingNextPage || undefined} disabled={numbers.isFetchingNextPage} onClick={() => void numbers.fetchNextPage()}>
            {t('numbers.more')}
          </button>
        </p>
      ) : null}
      {prices.length ? (
        <details className="numbers__prices">
          <summary>{t('numbers.priceList')}</summary>
          <TableScroll>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('numbers.operator')}</th>
                  <th scope="col">{t('numbers.category')}</th>
                  <th scope="col">{t('numbers.operatorPrice')}</th>
                  <th scope="col">{t('numbers.ourPrice')}</th>
                </tr>
              </thead>
              <tbody>
                {prices.map((c) => (
                  <tr key={`${c.operator}-${c.category}`}>
                    <td>{t(`providers.${c.operator}`, { defaultValue: c.operator })}</td>
                    <td>{c.name}</td>
                    <td>{formatMoney(c.operatorPrice, i18n.language)}</td>
                    <td>{formatMoney(c.price, i18n.language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </details>
      ) : null}
    </section>
  );
}
