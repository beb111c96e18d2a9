import { Link, NavLink, useParams } from 'react-router';
import { formatMoney } from '@/shared/lib/format-money';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { useCompany } from '../api/corporate';
import { DocumentsSection } from '../components/documents-section';
import { LinesSection } from '../components/lines-section';
import { SpendingSection } from '../components/spending-section';
import { useCorporateT } from '../i18n/use-corporate-t';
import '../corporate.css';

const tabs = ['lines', 'spending', 'documents'] as const;
type Tab = (typeof tabs)[number];

/** /company/:companyId/:tab? — employees and lines with limits, spending, closing documents. An employee sees only their line. */
export function CompanyPage() {
  const { companyId = '', tab } = useParams();
  const { t, language } = useCorporateT();
  const company = useCompany(companyId);
  const current: Tab = (tabs as readonly string[]).includes(tab ?? '') ? (tab as Tab) : 'lines';

  if (company.isPending) return <PageLoader />;
  if (company.isError) return <QueryError error={company.error} onRetry={() => void company.refetch()} />;
  const c = company.data;
  const employee = c.access === 'line_manager';
  const admin = c.access === 'owner' || c.access === 'account_manager';
  const shown: readonly Tab[] = employee ? ['lines'] : tabs;

  return (
    <div className="corporate-page">
      <p>
        <Link to="/company">← {t('company.back')}</Link>
      </p>
      <PageHeading title={c.name}>{c.name}</PageHeading>
      <p className="muted">
        {t('list.inn', { inn: c.inn, kpp: c.kpp })} · {c.legalAddress}
      </p>
      {c.balance ? (
        <p>
          {t('company.balance', { number: c.accountNumber })}: <strong>{formatMoney(c.balance, language)}</strong>
        </p>
      ) : null}
      {shown.length > 1 ? (
        <nav aria-label={t('tabs.label')}>
          <ul className="company-nav">
            {shown.map((key) => (
              <li key={key}>
                <NavLink to={`/company/${c.id}/${key}`} className={key === current ? 'company-nav__link company-nav__link--active' : 'company-nav__link'} aria-current={key === current ? 'page' : undefined}>
                  {t(`tabs.${key}`)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {current === 'lines' || employee ? <LinesSection companyId={c.id} admin={admin} employee={employee} /> : null}
      {current === 'spending' && !employee ? <SpendingSection companyId={c.id} /> : null}
      {current === 'documents' && !employee ? <DocumentsSection companyId={c.id} /> : null}
    </div>
  );
}
