import type { LoanReviewView } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { formatDate, formatDateTime } from '@/shared/lib/format-date';
import { formatMoney } from '@/shared/lib/format-money';
import { formatPhone } from '@/shared/lib/format-phone';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { TextField } from '@/shared/ui/text-field';
import { useDecideLoan, useReviewItem, useReviewQueue } from '../api/backoffice';
import { LoanStatusBadge } from '../components/loan-status-badge';
import { useLoansError, useLoansT } from '../i18n/use-loans-t';
import '../loans.css';
import { TableScroll } from '@/shared/ui/table-scroll';

/** /backoffice/loans — loan applications the rules sent to an operator; open one, approve or reject it. */
export function ReviewPage() {
  const { t, language } = useLoansT();
  const queue = useReviewQueue();
  const [openId, setOpenId] = useState<string | null>(null);
  const money = (m: { amount: number; currency: 'RUB' }) => formatMoney(m, language);

  return (
    <div className="loans-page backoffice">
      <PageHeading title={t('review.title')}>{t('review.title')}</PageHeading>
      <p className="muted">{t('review.intro')}</p>
      {queue.isPending ? <PageLoader /> : null}
      {queue.isError ? <QueryError error={queue.error} onRetry={() => void queue.refetch()} /> : null}
      {queue.data && queue.data.items.length === 0 ? <p className="muted">{t('review.empty')}</p> : null}
      {queue.data?.items.length ? (
        <TableScroll>
          <table>
            <caption className="visually-hidden">{t('review.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('review.number')}</th>
                <th scope="col">{t('review.customer')}</th>
                <th scope="col">{t('review.loan')}</th>
                <th scope="col">{t('review.pti')}</th>
                <th scope="col">{t('review.submitted')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('review.open')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {queue.data.items.map((item) => (
                <tr key={item.id}>
                  <th scope="row">{item.number}</th>
                  <td>
                    {item.customer.name}
                    <br />
                    <small className="muted">{formatPhone(item.customer.phone)}</small>
                  </td>
                  <td>
                    {item.product.name}, {money(item.amount)}, {t('common.days', { count: item.termDays })}
                  </td>
                  <td>{item.paymentToIncome === null ? '—' : `${Math.round(item.paymentToIncome * 100)} %`}</td>
                  <td>{item.submittedAt ? formatDateTime(item.submittedAt, language) : '—'}</td>
                  <td>
                    <button type="button" className="secondary outline" aria-pressed={openId === item.id} onClick={() => setOpenId(item.id)}>
                      {t('review.open')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      {openId ? <ReviewItem id={openId} /> : null}
    </div>
  );
}

function ReviewItem({ id }: { id: string }) {
  const { t, language } = useLoansT();
  const item = useReviewItem(id);
  if (item.isPending) return <PageLoader />;
  if (item.isError) return <QueryError error={item.error} onRetry={() => void item.refetch()} />;
  const v = item.data;
  const b = v.borrower;
  return (
    <section aria-labelledby="review-item-title" className="review-item">
      <h2 id="review-item-title">
        {t('review.application', { number: v.number })} <LoanStatusBadge status={v.status} />
      </h2>
      <div className="home-grid">
        <article aria-labelledby="review-person">
          <h3 id="review-person">{t('review.person')}</h3>
          <dl className="details details--compact">
            <dt>{t('personal.surname')}</dt>
            <dd>{[b.surname, b.name, b.patronymic].filter(Boolean).join(' ')}</dd>
            <dt>{t('personal.birthDate')}</dt>
            <dd>{b.birthDate ? formatDate(b.birthDate, language) : '—'}</dd>
            <dt>{t('personal.passport')}</dt>
            <dd>
              {b.passportSeries} {b.passportNumber}
              {b.passportIssuedOn ? `, ${t('review.issued', { date: formatDate(b.passportIssuedOn, language) })}` : ''}
            </dd>
            <dt>{t('personal.address')}</dt>
            <dd>{b.registrationAddress ?? '—'}</dd>
            <dt>{t('personal.income')}</dt>
            <dd>{b.monthlyIncome ? formatMoney(b.monthlyIncome, language) : '—'}</dd>
            <dt>{t('personal.employment')}</dt>
            <dd>
              {b.employment ? t(`employment.${b.employment}`) : '—'}
              {b.employer ? `, ${b.employer}` : ''}
            </dd>
          </dl>
        </article>
        <article aria-labelledby="review-rules">
          <h3 id="review-rules">{t('review.rules')}</h3>
          <ul className="review-rules">
            {v.rules.map((r) => (
              <li key={r.rule} className={`review-rule review-rule--${r.outcome}`}>
                <strong>{t(`review.rule.${r.rule}`)}</strong>: {t(`review.outcome.${r.outcome}`)} <span className="muted">({r.detail})</span>
              </li>
            ))}
          </ul>
          <h3>{t('review.bureau')}</h3>
          {v.bureau.length ? (
            <ul>
              {v.bureau.map((x, i) => (
                <li key={i}>
                  {x.lender}: {t(`review.bureauStatus.${x.status}`)}, ПСК {x.psk} %
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('review.bureauClean')}</p>
          )}
        </article>
      </div>
      {v.status === 'in_review' ? <DecisionForm item={v} /> : <p className="notice">{t('review.decided', { note: v.decision?.note ?? '' })}</p>}
    </section>
  );
}

function DecisionForm({ item }: { item: LoanReviewView }) {
  const { t } = useLoansT();
  const describe = useLoansError();
  const decide = useDecideLoan();
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);

  const send = (approve: boolean) => (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!approve && !reason.trim()) {
      setReasonError(t('review.reasonRequired'));
      return;
    }
    setReasonError(null);
    decide.mutate({ id: item.id, approve, text: approve ? comment.trim() : reason.trim() }, { onError: (e) => setError(describe(e)) });
  };

  return (
    <div className="home-grid">
      <form noValidate onSubmit={send(true)} aria-label={t('review.approve')}>
        <TextField label={t('review.comment')} value={comment} onChange={(e) => setComment(e.target.value)} hint={t('review.commentHint')} />
        <button type="submit" disabled={decide.isPending}>
          {t('review.approve')}
        </button>
      </form>
      <form noValidate onSubmit={send(false)} aria-label={t('review.reject')}>
        <TextField label={t('review.reason')} value={reason} error={reasonError} onChange={(e) => setReason(e.target.value)} hint={t('review.reasonHint')} />
        <button type="submit" className="contrast" disabled={decide.isPending}>
          {t('review.reject')}
        </button>
      </form>
      <FormAlert>{error}</FormAlert>
    </div>
  );
}
