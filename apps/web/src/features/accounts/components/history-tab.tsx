import type { AccountView } from '@cabinet/shared-types';
import { useMutation } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { browser } from '@/shared/lib/browser';
import { useOnVisible } from '@/shared/lib/use-on-visible';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { downloadTransactionsCsv, useTransactions } from '../api/get-transactions';
import { DetailReportForm } from './detail-report-form';
import { HistoryFilterForm } from './history-filter-form';
import { filtersFromParams, hasFilters, paramsWithFilters } from './history-params';
import { TransactionItem } from './transaction-item';

// The chart is its own chunk: only people who open the history download it.
const SpendingChart = lazy(() => import('./spending-chart').then((m) => ({ default: m.SpendingChart })));

/** Everything that moved the balance: filters in the address, endless scrolling, CSV of the same selection, a monthly chart. */
export function HistoryTab({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const describeError = useErrorMessage();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const transactions = useTransactions(account.id, filters);
  const [exported, setExported] = useState<string | null>(null);
  const exportCsv = useMutation({
    mutationFn: () => downloadTransactionsCsv(account.id, account.number, filters),
    onMutate: () => setExported(null),
    onSuccess: (file) => {
      browser.saveFile(file.blob, file.fileName);
      setExported(t('history.exported', { name: file.fileName }));
    },
  });

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = transactions;
  const loadMore = () => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  };
  const sentinel = useOnVisible<HTMLDivElement>(loadMore, Boolean(hasNextPage) && !transactions.isFetchNextPageError);

  const items = transactions.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <section aria-labelledby="history-chart-title" className="history-chart">
        <h2 id="history-chart-title" className="section-title">
          {t('history.chartTitle')}
        </h2>
        <Suspense fallback={<PageLoader />}>
          <SpendingChart accountId={account.id} />
        </Suspense>
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title" className="section-title">
          {t('history.title')}
        </h2>
        <HistoryFilterForm
          key={params.toString()}
          filters={filters}
          onApply={(next) => setParams(paramsWithFilters(params, next))}
        />
        <div className="button-row history-export">
          <button
            type="button"
            className="secondary"
            aria-busy={exportCsv.isPending || undefined}
            disabled={exportCsv.isPending}
            onClick={() => exportCsv.mutate()}
          >
            {exportCsv.isPending ? t('history.exporting') : t('history.export')}
          </button>
          <span className="muted">{hasFilters(filters) ? t('history.exportFiltered') : t('history.exportAll')}</span>
        </div>
        <DetailReportForm accountId={account.id} />
        <FormAlert tone="success">{exported}</FormAlert>
        <FormAlert>{exportCsv.isError ? describeError(exportCsv.error) : null}</FormAlert>

        {transactions.isPending ? <PageLoader /> : null}
        {transactions.isError && !transactions.data ? (
          <QueryError error={transactions.error} onRetry={() => void transactions.refetch()} />
        ) : null}
        {transactions.data && items.length === 0 ? <p className="muted">{t('history.empty')}</p> : null}
        {items.length ? (
          <ul className="tx-list" aria-label={t('history.listLabel')}>
            {items.map((transaction) => (
              <TransactionItem key={transaction.id} transaction={transaction} />
            ))}
          </ul>
        ) : null}
        <p role="status" className="visually-hidden">
          {transactions.data ? t('history.shown', { count: items.length }) : ''}
        </p>
        {transactions.isFetchNextPageError ? (
          <QueryError error={transactions.error} />
        ) : null}
        <div ref={sentinel} className="history-more">
          {hasNextPage ? (
            <button
              type="button"
              className="secondary outline"
              aria-busy={isFetchingNextPage || undefined}
              disabled={isFetchingNextPage}
              onClick={() => void fetchNextPage()}
            >
              {isFetchingNextPage ? t('history.loadingMore') : t('history.loadMore')}
            </button>
          ) : items.length ? (
            <p className="muted">{t('history.end')}</p>
          ) : null}
        </div>
      </section>
    </>
  );
}
