import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useAccount } from '@/shared/api/accounts';
import { formatMoney } from '@/shared/lib/format-money';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { useCards } from '../api/get-cards';
import { TopUpForm } from '../components/top-up-form';

/** /accounts/:accountId/top-up — anyone who sees an account may pay into it. */
export function TopUpPage() {
  const { t, i18n } = useTranslation();
  const { accountId = '' } = useParams();
  const [params] = useSearchParams();
  const account = useAccount(accountId);
  const cards = useCards();
  const title = t('topUp.title');

  const requested = Number(params.get('amount'));
  const initialAmount = Number.isInteger(requested) && requested > 0 ? requested : null;

  return (
    <div className="narrow">
      <PageHeading title={account.data ? `${title} · ${account.data.number}` : title}>{title}</PageHeading>
      <p className="breadcrumbs">
        <Link to={`/accounts/${accountId}`}>{t('topUp.back')}</Link>
      </p>
      {account.isPending || cards.isPending ? <PageLoader /> : null}
      {account.isError ? <QueryError notFound error={account.error} onRetry={() => void account.refetch()} /> : null}
      {account.data && !cards.isPending ? (
        <>
          <dl className="details details--compact">
            <dt>{t('topUp.account')}</dt>
            <dd>
              {account.data.number} · {t(`accountKind.${account.data.kind}`)}
            </dd>
            <dt>{t('accounts.balance')}</dt>
            <dd>{formatMoney(account.data.balance, i18n.language)}</dd>
          </dl>
          <TopUpForm account={account.data} cards={cards.data ?? []} initialAmount={initialAmount} />
        </>
      ) : null}
    </div>
  );
}
