import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDate } from '@/shared/lib/format-date';
import { useSession } from '@/shared/session/use-session';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { ApiError } from '@/shared/api/api-error';
import { useNewsItem } from '../api/news';

/** /news/:slug — public: one news item or promotion. */
export function NewsItemPage() {
  const { slug = '' } = useParams();
  const { t, i18n } = useTranslation();
  const item = useNewsItem(slug);
  const session = useSession();
  if (item.isPending) return <PageLoader />;
  if (item.isError) return <QueryError error={item.error} notFound={item.error instanceof ApiError && item.error.status === 404} onRetry={() => void item.refetch()} />;
  const n = item.data;
  return (
    <article className="news-item">
      <PageHeading title={n.title}>{n.title}</PageHeading>
      <p className="muted">
        {n.kind === 'promotion' ? <span className="badge badge--accent">{t('news.promotion')}</span> : null}{' '}
        <time dateTime={n.publishedAt}>{formatDate(n.publishedAt.slice(0, 10), i18n.language)}</time>
        {n.endsAt ? <> · {t('news.until', { date: formatDate(n.endsAt.slice(0, 10), i18n.language) })}</> : null}
      </p>
      {n.imageUrl ? <img className="news-card__image" src={n.imageUrl} alt={n.imageAlt ?? ''} width={640} height={280} /> : null}
      <p className="lead">{n.summary}</p>
      {n.body.split(/\n{2,}/).map((para, i) => (
        <p key={i}>{para}</p>
      ))}
      {n.kind === 'promotion' ? (
        <p>
          <Link className="button-link" to={session.status === 'authenticated' ? '/promotions' : `/login?next=${encodeURIComponent('/promotions')}`}>
            {t('news.joinInCabinet')}
          </Link>
        </p>
      ) : null}
      <p>
        <Link to="/news">{t('news.back')}</Link>
      </p>
    </article>
  );
}
