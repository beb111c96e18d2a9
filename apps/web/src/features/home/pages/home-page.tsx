import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '@/shared/api/me';
import { formatPhone } from '@/shared/lib/format-phone';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';

/**
 * The signed-in home: the accounts dashboard (composed in by src/app, since features never import
 * each other) and who you are.
 */
export function HomePage({ accounts }: { accounts?: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();

  if (me.isPending) return <PageLoader />;
  if (me.isError) return <QueryError error={me.error} onRetry={() => void me.refetch()} />;

  const customer = me.data;
  const fullName = [customer.surname, customer.name, customer.patronymic].filter(Boolean).join(' ');
  const greetingName = [customer.name, customer.patronymic].filter(Boolean).join(' ');

  return (
    <>
      <PageHeading title={t('home.title')}>{t('home.greeting', { name: greetingName })}</PageHeading>
      {accounts ? (
        <section aria-labelledby="home-accounts" className="home-accounts">
          <h2 id="home-accounts">{t('home.accounts')}</h2>
          {/* Its own boundary: while the lazy overview loads, the rest of the page stays put (no layout shift). */}
          <Suspense fallback={<PageLoader />}>{accounts}</Suspense>
        </section>
      ) : null}
      <div className="home-grid">
        <article aria-labelledby="home-customer">
          <h2 id="home-customer">{t('home.customer')}</h2>
          <dl className="details">
            <dt>{t('home.fullName')}</dt>
            <dd>{fullName}</dd>
            <dt>{t('home.phone')}</dt>
            <dd>{formatPhone(customer.phone)}</dd>
            <dt>{t('home.contract')}</dt>
            <dd>{customer.contractNumber ?? t('common.notSet')}</dd>
            <dt>{t('home.email')}</dt>
            <dd>{customer.email ?? t('common.notSet')}</dd>
            <dt>{t('home.role')}</dt>
            <dd>{t(`roles.${customer.role}`)}</dd>
          </dl>
          <p>
            <Link to="/profile">{t('home.editProfile')}</Link>
          </p>
        </article>
      </div>
    </>
  );
}
