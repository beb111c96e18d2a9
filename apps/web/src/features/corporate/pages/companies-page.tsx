import { Link } from 'react-router';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { useCompanies } from '../api/corporate';
import { RegisterCompanyForm } from '../components/register-company-form';
import { useCorporateT } from '../i18n/use-corporate-t';
import '../corporate.css';

/** /company — the companies the customer administers, reads or works for; registering one. */
export function CompaniesPage() {
  const { t } = useCorporateT();
  const companies = useCompanies();
  return (
    <div className="corporate-page">
      <PageHeading title={t('list.title')}>{t('list.title')}</PageHeading>
      {companies.isPending ? <PageLoader /> : null}
      {companies.isError ? <QueryError error={companies.error} onRetry={() => void companies.refetch()} /> : null}
      {companies.data && companies.data.items.length === 0 ? <p className="muted">{t('list.empty')}</p> : null}
      {companies.data?.items.length ? (
        <ul className="card-grid" aria-label={t('list.title')}>
          {companies.data.items.map((c) => (
            <li key={c.id}>
              <article className="company-card" aria-labelledby={`company-${c.id}`}>
                <h2 id={`company-${c.id}`}>
                  <Link to={`/company/${c.id}`}>{c.name}</Link>
                </h2>
                <p className="muted">{t('list.inn', { inn: c.inn, kpp: c.kpp })}</p>
                <p>
                  {t('list.lines', { count: c.lineCount })} · {t(`access.${c.access}`)}
                </p>
              </article>
            </li>
          ))}
        </ul>
      ) : null}
      <RegisterCompanyForm />
    </div>
  );
}
