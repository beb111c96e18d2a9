import { Link } from 'react-router';
import { formatDay } from '@/shared/lib/format-date';
import { formatMoney } from '@/shared/lib/format-money';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { useLoans } from '../api/get-loans';
import { LoanStatusBadge } from '../components/loan-status-badge';
import { useLoansT } from '../i18n/use-loans-t';
import '../loans.css';

/** /loans — the customer's loans and applications, the debt now and what is due next. */
export function LoansPage() {
  const { t, language } = useLoansT();
  const loans = useLoans();
  const money = (m: { amount: number; currency: 'RUB' }) => formatMoney(m, language);

  return (
    <div className="loans-page">
      <PageHeading title={t('list.title')}>{t('list.title')}</PageHeading>
      <p className="button-row">
        <Link to="/loans/calculator" className="button-link">
          {t('list.new')}
        </Link>
      </p>
      {loans.isPending ? <PageLoader /> : null}
      {loans.isError ? <QueryError error={loans.error} onRetry={() => void loans.refetch()} /> : null}
      {loans.data && loans.data.items.length === 0 ? <p className="muted">{t('list.empty')}</p> : null}
      {loans.data?.items.length ? (
        <ul className="card-grid" aria-label={t('list.title')}>
          {loans.data.items.map((loan) => (
            <li key={loan.id}>
              <article className={`loan-card loan-card--${loan.status}`} aria-labelledby={`loan-${loan.id}`}>
                <header className="loan-card__header">
                  <h2 id={`loan-${loan.id}`}>
                    <Link to={`/loans/${loan.id}`}>{t('list.loan', { number: loan.number })}</Link>
                  </h2>
                  <LoanStatusBadge status={loan.status} />
                </header>
                <p>
                  {loan.product.name} · {money(loan.amount)}
                </p>
                {loan.debt ? (
                  <dl className="details details--compact">
                    <dt>{t('list.debt')}</dt>
                    <dd>{money(loan.debt.total)}</dd>
                    {loan.nextPayment ? (
                      <>
                        <dt>{t('list.next')}</dt>
                        <dd>{t('list.nextValue', { amount: money(loan.nextPayment.amount), date: formatDay(loan.nextPayment.dueOn, language) })}</dd>
                      </>
                    ) : null}
                  </dl>
                ) : (
                  <p className="muted">{t('list.updated', { date: formatDay(loan.updatedAt, language) })}</p>
                )}
              </article>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
