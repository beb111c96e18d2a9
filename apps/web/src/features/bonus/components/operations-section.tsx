import type { BonusOperationView } from '@cabinet/shared-types';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { browser } from '@/shared/lib/browser';
import { formatDateTime } from '@/shared/lib/format-date';
import { useOnVisible } from '@/shared/lib/use-on-visible';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { downloadOperationsCsv, useOperations, type OperationFilters } from '../api/get-operations';
import { maskCardNumber } from './card-number';
import { OperationsFilterForm } from './operations-filter-form';
import { pointsText, signedPoints } from './points';

function OperationItem({ operation }: { operation: BonusOperationView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const out = operation.points < 0;
  return (
    <li className={out ? 'tx tx--debit' : 'tx tx--credit'}>
      <div className="tx__main">
        <span className="tx__description">{operation.description}</span>
        <span className="tx__meta">
          <time dateTime={operation.createdAt}>{formatDateTime(operation.createdAt, lang)}</time> · {t(`bonus.kind.${operation.kind}`)}
          {operation.cardNumber ? ` · ${maskCardNumber(operation.cardNumber)}` : ''}
        </span>
      </div>
      <div className="tx__amounts">
        <strong className="tx__amount">
          <span className="visually-hidden">{t(out ? 'bonus.history.out' : 'bonus.history.in')} </span>
          {signedPoints(operation.points, lang)}
        </strong>
        <span className="tx__balance">{t('bonus.history.balanceAfter', { value: pointsText(t, operation.balanceAfter, lang) })}</span>
      </div>
    </li>
  );
}

/** The points history: filters, endless scrolling (and a button), CSV of the same selection. */
export function OperationsSection() {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const [filters, setFilters] = useState<OperationFilters>({});
  const operations = useOperations(filters);
  const [exported, setExported] = useState<string | null>(null);
  const csv = useMutation({
    mutationFn: () => downloadOperationsCsv(filters),
    onMutate: () => setExported(null),
    onSuccess: (file) => {
      browser.saveFile(file.blob, file.fileName);
      setExported(t('bonus.history.exported', { name: file.fileName }));
    },
  });
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = operations;
  const sentinel = useOnVisible<HTMLDivElement>(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, Boolean(hasNextPage) && !operations.isFetchNextPageError);
  const items = operations.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section aria-labelledby="bonus-history-title">
      <h2 id="bonus-history-title" className="section-title">
        {t('bonus.history.title')}
      </h2>
      <OperationsFilterForm key={JSON.stringify(filters)} filters={filters} onApply={setFilters} />
      <div className="button-row history-export">
        <button type="button" className="secondary" aria-busy={csv.isPending || undefined} disabled={csv.isPending} onClick={() => csv.mutate()}>
          {t('bonus.history.export')}
        </button>
      </div>
      <FormAlert tone="success">{exported}</FormAlert>
      <FormAlert>{csv.isError ? describe(csv.error) : null}</FormAlert>
      {operations.isPending ? <PageLoader /> : null}
      {operations.isError && !operations.data ? <QueryError error={operations.error} onRetry={() => void operations.refetch()} /> : null}
      {operations.data && items.length === 0 ? <p className="muted">{t('bonus.history.empty')}</p> : null}
      {items.length ? (
        <ul className="tx-list" aria-label={t('bonus.history.listLabel')}>
          {items.map((operation) => (
            <OperationItem key={operation.id} operation={operation} />
          ))}
        </ul>
      ) : null}
      <p role="status" className="visually-hidden">
        {operations.data ? t('bonus.history.shown', { count: items.length }) : ''}
      </p>
      {operations.isFetchNextPageError ? <QueryError error={operations.error} /> : null}
      <div ref={sentinel} className="history-more">
        {hasNextPage ? (
          <button type="button" className="secondary outline" aria-busy={isFetchingNextPage || undefined} disabled={isFetchingNextPage} onClick={() => void fetchNextPage()}>
            {isFetchingNextPage ? t('history.loadingMore') : t('history.loadMore')}
          </button>
        ) : items.length ? (
          <p className="muted">{t('bonus.history.end')}</p>
        ) : null}
      </div>
    </section>
  );
}
