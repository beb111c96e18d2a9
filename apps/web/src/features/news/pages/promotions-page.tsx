import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/shared/lib/format-date';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { useJoinPromotion, usePromotions } from '../api/news';
import { NewsCard } from '../components/news-card';

/** /promotions — open promotions; join one (once), see those joined. */
export function PromotionsPage() {
  const { t, i18n } = useTranslation();
  const message = useErrorMessage();
  const promotions = usePromotions();
  const join = useJoinPromotion();
  const items = promotions.data?.items ?? [];
  return (
    <>
      <PageHeading title={t('news.promotionsTitle')}>{t('news.promotionsTitle')}</PageHeading>
      {promotions.isPending ? <PageLoader /> : null}
      {promotions.isError ? <QueryError error={promotions.error} onRetry={() => void promotions.refetch()} /> : null}
      {promotions.data && !items.length ? <p className="muted">{t('news.noPromotions')}</p> : null}
      {join.isError ? <FormAlert>{message(join.error)}</FormAlert> : null}
      <div className="news-list">
        {items.map((p) => (
          <NewsCard key={p.id} item={p}>
            {p.joinedAt ? (
              <p role="status" className="badge badge--success">
                {t('news.joined', { date: formatDateTime(p.joinedAt, i18n.language) })}
              </p>
            ) : p.open ? (
              <button type="button" disabled={join.isPending && join.variables === p.id} onClick={() => join.mutate(p.id)} aria-describedby={`news-${p.id}`}>
                {t('news.join')}
              </button>
            ) : (
              <p className="muted">{t('news.closed')}</p>
            )}
          </NewsCard>
        ))}
      </div>
    </>
  );
}
