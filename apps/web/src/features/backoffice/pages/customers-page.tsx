import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatPhone } from '@/shared/lib/format-phone';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { TextField } from '@/shared/ui/text-field';
import { useCustomerSearch } from '../api/customers';

/** /backoffice/customers?q= — find a customer by phone, a line's number, contract, account or name. */
export function CustomersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const found = useCustomerSearch(q);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setParams(text.trim() ? { q: text.trim() } : {}, { replace: true });
  };
  return (
    <>
      <PageHeading title={t('backoffice.nav.customers')}>{t('backoffice.nav.customers')}</PageHeading>
      <form onSubmit={onSubmit} className="console-search" role="search" aria-label={t('backoffice.customerSearch')}>
        <TextField label={t('backoffice.customerSearch')} hint={t('backoffice.customerSearchHint')} value={text} onChange={(e) => setText(e.target.value)} type="search" minLength={2} />
        <button type="submit">{t('backoffice.find')}</button>
      </form>
      {found.isFetching && !found.data ? <PageLoader /> : null}
      {found.isError ? <QueryError error={found.error} onRetry={() => void found.refetch()} /> : null}
      {found.data ? (
        <>
          <p role="status" className="muted">
            {t('backoffice.foundCustomers', { count: found.data.items.length })}
          </p>
          <ul className="tx-list" aria-label={t('backoffice.searchResults')}>
            {found.data.items.map((c) => (
              <li key={c.id} className="tx">
                <div className="tx__main">
                  <Link to={`/backoffice/customers/${c.id}`} className="tx__description">
                    {c.fullName}
                  </Link>
                  <span className="tx__meta">
                    {formatPhone(c.phone)}
                    {c.contractNumber ? ` · ${t('backoffice.contract', { number: c.contractNumber })}` : ''}
                    {c.accountNumbers.length ? ` · ${t('backoffice.accountsList', { numbers: c.accountNumbers.join(', ') })}` : ''}
                  </span>
                </div>
                <div className="tx__amounts">
                  {c.role !== 'subscriber' ? <span className="badge">{t(`roles.${c.role}`)}</span> : null}
                  {c.status === 'blocked' ? <span className="badge badge--warn">{t('backoffice.blocked')}</span> : null}
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
