import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '@/shared/session/use-session';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { useNews } from '../api/news';
import { NewsCard } from '../components/news-card';
import { SubscribeForm } from '../components/subscribe-form';

/** /news — public: news and promotions, newest first, and the newsletter form. */
export function NewsListPage() {
  const { t } = useTranslation();
  const news = useNews();
  const session = useSession();
  const items = news.data?.items ?? [];
  return (
    <>
      <PageHeading title={t('news.title')}>{t('news.title')}</PageHeading>
      {session.status === 'authenticated' ? (
        <p>
          <Link to="/promotions">{t('news.myPromotions')}</Link>
        </p>
      ) : null}
      {news.isPending ? <PageLoader /> : null}
      {news.isError ? <QueryError error={news.error} onRetry={() => void news.refetch()} /> : null}
      {news.data && !items.length ? <p className="muted">{t('news.none')}</p> : null}
      <div className="news-list">
        {items.map((item) => (
          <NewsCard key={item.id} item={item} />
        ))}
      </div>
      <SubscribeForm />
    </>
  );
}
