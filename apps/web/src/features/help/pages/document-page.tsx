import { Link, useParams, useSearchParams } from 'react-router';
import { formatDate } from '@/shared/lib/format-date';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { useDocument } from '../api/documents';
import { useHelpT } from '../i18n/use-help-t';

/** /about/documents/:code[?version=…] — a legal text; older versions stay readable (consents name them). */
export function DocumentPage() {
  const { t, language } = useHelpT();
  const { code = '' } = useParams();
  const [search] = useSearchParams();
  const version = search.get('version');
  const doc = useDocument(code, version);
  const current = useDocument(code, null);
  const versions = current.data && 'versions' in current.data ? current.data.versions : [];

  return (
    <article className="legal-document">
      <p>
        <Link to="/about">← {t('document.back')}</Link>
      </p>
      {doc.isPending ? <PageLoader /> : null}
      {doc.isError ? <QueryError error={doc.error} notFound /> : null}
      {doc.data ? (
        <>
          <PageHeading title={doc.data.title}>{doc.data.title}</PageHeading>
          <p className="muted">{t('about.documentVersion', { version: doc.data.version, date: formatDate(doc.data.effectiveFrom, language) })}</p>
          {doc.data.body.split('\n\n').map((paragraph, i) => (
            <p key={i}>{paragraph}</p>
          ))}
          {versions.length > 1 ? (
            <nav aria-label={t('document.versions')}>
              <h2>{t('document.versions')}</h2>
              <ul>
                {versions.map((v, i) => (
                  <li key={v.version}>
                    <Link to={i === 0 ? `/about/documents/${code}` : `/about/documents/${code}?version=${encodeURIComponent(v.version)}`} aria-current={v.version === doc.data.version ? 'page' : undefined}>
                      {t('about.documentVersion', { version: v.version, date: formatDate(v.effectiveFrom, language) })}
                    </Link>
                    {i === 0 ? <span className="badge">{t('document.current')}</span> : null}
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </>
      ) : null}
    </article>
  );
}
