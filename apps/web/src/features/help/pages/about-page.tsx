import { Link } from 'react-router';
import { formatDate } from '@/shared/lib/format-date';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { useAbout } from '../api/documents';
import { InstallPanel } from '../components/install-panel';
import { useHelpT } from '../i18n/use-help-t';

/** /about — public: the version, support contacts and the legal documents with their versions. */
export function AboutPage() {
  const { t, language } = useHelpT();
  const about = useAbout();
  return (
    <section className="about">
      <PageHeading title={t('about.title')}>{t('about.title')}</PageHeading>
      {about.isPending ? <PageLoader /> : null}
      {about.isError ? <QueryError error={about.error} onRetry={() => void about.refetch()} /> : null}
      {about.data ? (
        <>
          <dl className="facts">
            <div>
              <dt>{t('about.version')}</dt>
              <dd>
                {about.data.name} {about.data.version}
              </dd>
            </div>
            <div>
              <dt>{t('about.support')}</dt>
              <dd>
                <a href={`tel:${about.data.support.phone}`}>{about.data.support.phone}</a>, <a href={`mailto:${about.data.support.email}`}>{about.data.support.email}</a>
              </dd>
            </div>
          </dl>
          <h2>{t('about.documents')}</h2>
          <ul aria-label={t('about.documents')}>
            {about.data.documents.map((d) => (
              <li key={d.code}>
                <Link to={`/about/documents/${d.code}`}>{d.title}</Link>{' '}
                <span className="muted">{t('about.documentVersion', { version: d.version, date: formatDate(d.effectiveFrom, language) })}</span>
              </li>
            ))}
          </ul>
          <InstallPanel />
        </>
      ) : null}
    </section>
  );
}
