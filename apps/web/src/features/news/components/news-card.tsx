import type { NewsItemView } from '@cabinet/shared-types';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '@/shared/lib/format-date';

/** One item on the list: picture, kind, title (the link), date, summary. */
export function NewsCard({ item, children }: { item: NewsItemView; children?: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  const headingId = `news-${item.id}`;
  return (
    <article className="card news-card" aria-labelledby={headingId}>
      {item.imageUrl ? <img className="news-card__image" src={item.imageUrl} alt={item.imageAlt ?? ''} width={640} height={280} loading="lazy" /> : null}
      <p className="muted">
        {item.kind === 'promotion' ? <span className="badge badge--accent">{t('news.promotion')}</span> : null}{' '}
        <time dateTime={item.publishedAt}>{formatDate(item.publishedAt.slice(0, 10), i18n.language)}</time>
      </p>
      <h2 id={headingId}>
        <Link to={`/news/${item.slug}`}>{item.title}</Link>
      </h2>
      <p>{item.summary}</p>
      {children}
    </article>
  );
}
