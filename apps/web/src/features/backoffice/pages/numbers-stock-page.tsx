import { NumberCategories, NumberStatuses, Operators, type NumberImportResult, type NumberStatus, type Operator } from '@cabinet/shared-types';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { formatMoney } from '@/shared/lib/format-money';
import { formatPhone } from '@/shared/lib/format-phone';
import { parseRoubles } from '@/shared/lib/parse-money';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { SelectField } from '@/shared/ui/select-field';
import { SubmitButton } from '@/shared/ui/submit-button';
import { useArchiveNumber, useCategories, useImportNumbers, useSetCategoryPrice, useStock, type StockFilter } from '../api/admin';
import { useIsAdmin } from '../components/use-is-admin';
import { TableScroll } from '@/shared/ui/table-scroll';

/** /backoffice/numbers — the number stock; admins upload numbers (CSV), archive them and set category prices. */
export function NumbersStockPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const isAdmin = useIsAdmin();
  const [filter, setFilter] = useState<StockFilter>({ status: 'available' });
  const stock = useStock(filter);
  const archive = useArchiveNumber();
  const describe = useErrorMessage();
  const [message, setMessage] = useState<string | null>(null);
  const items = stock.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeading title={t('backoffice.nav.numbers')}>{t('backoffice.nav.numbers')}</PageHeading>
      {isAdmin ? <ImportForm /> : null}
      <form className="catalog__filters" aria-label={t('backoffice.filters')} onSubmit={(e) => e.preventDefault()}>
        <SelectField label={t('backoffice.status')} value={filter.status ?? ''} onChange={(e) => setFilter({ ...filter, status: (e.target.value || undefined) as NumberStatus | undefined })}>
          <option value="">{t('backoffice.allStatuses')}</option>
          {NumberStatuses.map((s) => (
            <option key={s} value={s}>
              {t(`backoffice.numberStatus.${s}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('numbers.operator')} value={filter.operator ?? ''} onChange={(e) => setFilter({ ...filter, operator: (e.target.value || undefined) as Operator | undefined })}>
          <option value="">{t('numbers.allOperators')}</option>
          {Operators.map((o) => (
            <option key={o} value={o}>
              {t(`providers.${o}`, { defaultValue: o })}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('numbers.category')} value={filter.category ?? ''} onChange={(e) => setFilter({ ...filter, category: e.target.value || undefined })}>
          <option value="">{t('numbers.allCategories')}</option>
          {NumberCategories.map((c) => (
            <option key={c} value={c}>
              {t(`numbers.categories.${c}`)}
            </option>
          ))}
        </SelectField>
      </form>
      <FormAlert>{message}</FormAlert>
      {stock.isPending ? <PageLoader /> : null}
      {stock.isError && !stock.data ? <QueryError error={stock.error} onRetry={() => void stock.refetch()} /> : null}
      {stock.data ? (
        <TableScroll>
          <table>
            <caption className="visually-hidden">{t('backoffice.nav.numbers')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('connect.number')}</th>
                <th scope="col">{t('numbers.operator')}</th>
                <th scope="col">{t('numbers.category')}</th>
                <th scope="col">{t('numbers.ourPrice')}</th>
                <th scope="col">{t('backoffice.status')}</th>
                {isAdmin ? <th scope="col">{t('backoffice.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {items.map((n) => (
                <tr key={n.id}>
                  <td>{formatPhone(n.msisdn)}</td>
                  <td>{t(`providers.${n.operator}`, { defaultValue: n.operator })}</td>
                  <td>{t(`numbers.categories.${n.category}`)}</td>
                  <td>{formatMoney(n.price, lang)}</td>
                  <td>
                    {t(`backoffice.numberStatus.${n.status}`)}
                    {n.heldBy ? <small className="muted"> {n.heldBy}</small> : null}
                  </td>
                  {isAdmin ? (
                    <td>
                      {n.status === 'available' ? (
                        <button
                          type="button"
                          className="secondary outline"
                          aria-label={t('backoffice.archiveNumber', { number: formatPhone(n.msisdn) })}
                          onClick={() => archive.mutate(n.id, { onError: (e) => setMessage(describe(e)) })}
                        >
                          {t('backoffice.archive')}
                        </button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      {stock.hasNextPage ? (
        <p className="history-more">
          <button type="button" className="secondary outline" disabled={stock.isFetchingNextPage} onClick={() => void stock.fetchNextPage()}>
            {t('history.loadMore')}
          </button>
        </p>
      ) : null}
      <CategoryPrices editable={isAdmin} />
    </>
  );
}

function ImportForm() {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const upload = useImportNumbers();
  const [csv, setCsv] = useState('');
  const [result, setResult] = useState<NumberImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) void file.text().then(setCsv);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!csv.trim()) return setError(t('backoffice.csvEmpty'));
    setError(null);
    upload.mutate(csv, { onSuccess: setResult, onError: (e) => setError(describe(e)) });
  };
  return (
    <form onSubmit={onSubmit} className="panel" aria-label={t('backoffice.importTitle')}>
      <h2>{t('backoffice.importTitle')}</h2>
      <p className="muted">{t('backoffice.importHint')}</p>
      <FormAlert>{error}</FormAlert>
      <div className="field">
        <label htmlFor="numbers-file">{t('backoffice.csvFile')}</label>
        <input id="numbers-file" type="file" accept=".csv,text/csv,text/plain" onChange={onFile} />
      </div>
      <div className="field">
        <label htmlFor="numbers-csv">{t('backoffice.csvText')}</label>
        <textarea id="numbers-csv" rows={4} value={csv} onChange={(e) => setCsv(e.target.value)} placeholder={'msisdn;operator;category\n+79217770077;megafon;gold'} spellCheck={false} />
      </div>
      <SubmitButton pending={upload.isPending}>{t('backoffice.importSubmit')}</SubmitButton>
      {result ? (
        <div role="status" className="form-alert form-alert--success">
          <p>{t('backoffice.importResult', { added: result.added, duplicates: result.duplicates, rejected: result.rejected.length })}</p>
          {result.rejected.length ? (
            <ul>
              {result.rejected.map((r) => (
                <li key={r.line}>{t('backoffice.importRejected', { line: r.line, value: r.value, reason: r.reason })}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}

function CategoryPrices({ editable }: { editable: boolean }) {
  const { t, i18n } = useTranslation();
  const describe = useErrorMessage();
  const categories = useCategories();
  const setPrice = useSetCategoryPrice();
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  if (!categories.data) return null;
  return (
    <section aria-labelledby="category-prices">
      <h2 id="category-prices">{t('numbers.priceList')}</h2>
      <FormAlert tone={message?.tone ?? 'error'}>{message?.text}</FormAlert>
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
            {categories.data.items.map((c) => {
              const k = `${c.operator}/${c.category}`;
              return (
                <tr key={k}>
                  <td>{t(`providers.${c.operator}`, { defaultValue: c.operator })}</td>
                  <td>{c.name}</td>
                  <td>
                    {editable ? (
                      <form
                        className="inline-form"
                        onSubmit={(e) => {
                          e.preventDefault();
                          const amount = parseRoubles(drafts[k] ?? '');
                          if (amount === null) return setMessage({ tone: 'error', text: t('backoffice.amountInvalid') });
                          setPrice.mutate(
                            { operator: c.operator, category: c.category, amount },
                            { onSuccess: () => setMessage({ tone: 'success', text: t('backoffice.priceSaved') }), onError: (err) => setMessage({ tone: 'error', text: describe(err) }) },
                          );
                        }}
                      >
                        <input
                          aria-label={t('backoffice.priceOf', { category: c.name, operator: t(`providers.${c.operator}`, { defaultValue: c.operator }) })}
                          inputMode="decimal"
                          value={drafts[k] ?? String(c.operatorPrice.amount / 100)}
                          onChange={(e) => setDrafts({ ...drafts, [k]: e.target.value })}
                        />
                        <button type="submit" className="secondary outline">
                          {t('backoffice.save')}
                        </button>
                      </form>
                    ) : (
                      formatMoney(c.operatorPrice, i18n.language)
                    )}
                  </td>
                  <td>{formatMoney(c.price, i18n.language)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
