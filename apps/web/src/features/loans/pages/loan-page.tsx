import type { LoanView, PaymentView } from '@cabinet/shared-types';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { formatDay } from '@/shared/lib/format-date';
import { formatMoney } from '@/shared/lib/format-money';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { useLoan, useSavedCards } from '../api/get-loans';
import { useLoanProducts } from '../api/get-products';
import { useCancelLoan } from '../api/manage-loans';
import { DebtChart } from '../components/debt-chart';
import { ExtendDialog } from '../components/extend-dialog';
import { percent } from '../components/loan-format';
import { Operations, StatusHistory } from '../components/loan-history';
import { LoanServices } from '../components/loan-services';
import { LoanStatusBadge } from '../components/loan-status-badge';
import { PaymentNote } from '../components/payment-note';
import { PayoutPanel } from '../components/payout-panel';
import { RepayDialog } from '../components/repay-dialog';
import { ScheduleTable } from '../components/schedule-table';
import { useLoansError, useLoansT } from '../i18n/use-loans-t';
import '../loans.css';

/** /loans/:loanId — one loan: where it is, the debt now, next payment, schedule, chart and history. */
export function LoanPage() {
  const { t } = useLoansT();
  const { loanId = '' } = useParams();
  const [params] = useSearchParams();
  const loan = useLoan(loanId);

  if (loan.isPending) return <PageLoader />;
  if (loan.isError) return <QueryError error={loan.error} onRetry={() => void loan.refetch()} />;
  const l = loan.data;
  const paymentId = params.get('payment');

  return (
    <div className="loans-page">
      <p className="breadcrumbs">
        <Link to="/loans">{t('list.title')}</Link>
      </p>
      <PageHeading title={t('list.loan', { number: l.number })}>
        {t('list.loan', { number: l.number })} <LoanStatusBadge status={l.status} />
      </PageHeading>
      {paymentId ? <PaymentNote paymentId={paymentId} /> : null}
      {params.get('bound') ? <p className="form-alert form-alert--info">{t('loan.cardBound')}</p> : null}
      <LoanBody loan={l} />
      <section aria-labelledby="history-title">
        <h2 id="history-title" className="section-title">
          {t('loan.history')}
        </h2>
        <StatusHistory loan={l} />
      </section>
    </div>
  );
}

function LoanBody({ loan }: { loan: LoanView }) {
  const { t, language } = useLoansT();
  const describe = useLoansError();
  const cancel = useCancelLoan(loan.id);
  const [error, setError] = useState<string | null>(null);
  const money = (m: LoanView['amount']) => formatMoney(m, language);
  const cancellable = ['draft', 'submitted', 'in_review', 'approved'].includes(loan.status);

  const cancelButton = cancellable ? (
    <button type="button" className="secondary outline" disabled={cancel.isPending} onClick={() => cancel.mutate(undefined, { onError: (e) => setError(describe(e)) })}>
      {t('loan.cancel')}
    </button>
  ) : null;

  return (
    <>
      <dl className="details loan-summary">
        <dt>{t('loan.product')}</dt>
        <dd>{loan.product.name}</dd>
        <dt>{t('loan.amount')}</dt>
        <dd>{money(loan.amount)}</dd>
        {loan.contract ? (
          <>
            <dt>{loan.contract.issuedOn ? t('loan.issuedOn') : t('loan.offerDate')}</dt>
            <dd>{loan.contract.issuedOn ? formatDay(loan.contract.issuedOn, language) : t('loan.offerToday')}</dd>
            <dt>{t('loan.dueOn')}</dt>
            <dd>{formatDay(loan.contract.dueOn, language)}</dd>
            <dt>{t('loan.toRepay')}</dt>
            <dd>{money(loan.contract.totalToRepay)}</dd>
            <dt>{t('loan.rate')}</dt>
            <dd>
              {t('loan.rateValue', { daily: percent(loan.contract.dailyRate, language), psk: percent(loan.contract.psk, language) })}
            </dd>
            <dt>{t('loan.caps')}</dt>
            <dd>{t('loan.capsValue', { total: percent(loan.contract.caps.totalCost, language), penalty: percent(loan.contract.penaltyRate, language) })}</dd>
          </>
        ) : null}
      </dl>
      {loan.status === 'draft' ? (
        <p className="notice">
          {t('loan.draft')} <Link to="/loans/apply">{t('loan.continue')}</Link>
        </p>
      ) : null}
      {loan.status === 'submitted' || loan.status === 'in_review' ? <p className="notice">{t('loan.inReview')}</p> : null}
      {loan.status === 'rejected' ? <p className="notice notice--warn">{t('loan.rejected', { reason: loan.decision?.note ?? loan.history.at(-1)?.note ?? '' })}</p> : null}
      {loan.status === 'approved' ? <ApprovedPanel loan={loan} /> : null}
      {loan.status === 'disbursed' ? (
        <p className="form-alert form-alert--info" role="status" aria-busy="true">
          {t('loan.disbursed', { card: loan.payout?.card.last4 ?? '' })}
        </p>
      ) : null}
      {loan.status === 'active' || loan.status === 'overdue' ? <ServicingPanel loan={loan} /> : null}
      {loan.status === 'repaid' ? <p className="form-alert form-alert--success">{t('loan.repaid', { amount: money(loan.contract?.totalToRepay ?? loan.amount) })}</p> : null}
      {loan.schedule.length && loan.status !== 'active' && loan.status !== 'overdue' ? (
        <section aria-labelledby="schedule-title">
          <h2 id="schedule-title" className="section-title">
            {t('schedule.title')}
          </h2>
          <ScheduleTable rows={loan.schedule} />
        </section>
      ) : null}
      <LoanServices loan={loan} />
      {loan.operations.length ? (
        <section aria-labelledby="operations-title">
          <h2 id="operations-title" className="section-title">
            {t('loan.operations')}
          </h2>
          <Operations loan={loan} />
        </section>
      ) : null}
      <FormAlert>{error}</FormAlert>
      {cancelButton ? <div className="button-row">{cancelButton}</div> : null}
    </>
  );
}

function ApprovedPanel({ loan }: { loan: LoanView }) {
  const cards = useSavedCards();
  if (cards.isPending) return <PageLoader />;
  if (cards.isError) return <QueryError error={cards.error} onRetry={() => void cards.refetch()} />;
  return <PayoutPanel loan={loan} cards={cards.data} />;
}

function ServicingPanel({ loan }: { loan: LoanView }) {
  const { t, language } = useLoansT();
  const cards = useSavedCards();
  const products = useLoanProducts();
  const [dialog, setDialog] = useState<'repay' | 'extend' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const debt = loan.debt!;
  const money = (m: LoanView['amount']) => formatMoney(m, language);
  const extension = products.data?.find((p) => p.id === loan.product.id)?.extension ?? null;
  const onPaid = (payment: PaymentView) => {
    setDialog(null);
    setDone(t(payment.purpose === 'loan_extension' ? 'paymentNote.extended' : 'paymentNote.succeeded', { amount: money(payment.amount) }));
  };

  return (
    <>
      <section aria-labelledby="debt-title" className={loan.status === 'overdue' ? 'debt debt--overdue' : 'debt'}>
        <h2 id="debt-title">{t('debt.title', { date: formatDay(debt.asOf, language) })}</h2>
        {loan.status === 'overdue' ? <p className="notice notice--warn">{t('debt.overdue')}</p> : null}
        <dl className="facts">
          <dt>{t('debt.principal')}</dt>
          <dd>{money(debt.principal)}</dd>
          <dt>{t('debt.interest')}</dt>
          <dd>{money(debt.interest)}</dd>
          <dt>{t('debt.penalty')}</dt>
          <dd>{money(debt.penalty)}</dd>
          <dt>{t('debt.total')}</dt>
          <dd className="debt__total">{money(debt.total)}</dd>
          {loan.nextPayment ? (
            <>
              <dt>{t('debt.next')}</dt>
              <dd>{t('list.nextValue', { amount: money(loan.nextPayment.amount), date: formatDay(loan.nextPayment.dueOn, language) })}</dd>
            </>
          ) : null}
        </dl>
        <p className="muted">{t('debt.charged', { charged: money(debt.charged), cap: money(debt.chargeCap) })}</p>
        <FormAlert tone="success">{done}</FormAlert>
        <div className="button-row">
          <button type="button" disabled={!cards.data} onClick={() => setDialog('repay')}>
            {t('debt.repay')}
          </button>
          {extension ? (
            <button type="button" className="secondary" disabled={!cards.data || loan.extensions >= extension.maxCount} onClick={() => setDialog('extend')}>
              {t('debt.extend')}
            </button>
          ) : null}
        </div>
      </section>
      <section aria-labelledby="schedule-title">
        <h2 id="schedule-title" className="section-title">
          {t('schedule.title')}
        </h2>
        {loan.contract?.issuedOn ? <DebtChart issuedOn={loan.contract.issuedOn} amount={loan.amount.amount} rows={loan.schedule} /> : null}
        <ScheduleTable rows={loan.schedule} />
      </section>
      {cards.data && dialog === 'repay' ? <RepayDialog loan={loan} cards={cards.data} open onClose={() => setDialog(null)} onPaid={onPaid} /> : null}
      {cards.data && extension && dialog === 'extend' ? (
        <ExtendDialog loan={loan} cards={cards.data} minDays={extension.minDays} maxDays={extension.maxDays} open onClose={() => setDialog(null)} onPaid={onPaid} />
      ) : null}
    </>
  );
}
