import type { LoanView } from '@cabinet/shared-types';
import { formatDateTime } from '@/shared/lib/format-date';
import { formatMoney } from '@/shared/lib/format-money';
import { useLoansT } from '../i18n/use-loans-t';
import { TableScroll } from '@/shared/ui/table-scroll';

/** Every status change with its time and what happened, newest last (as it happened). */
export function StatusHistory({ loan }: { loan: LoanView }) {
  const { t, language } = useLoansT();
  return (
    <ol className="loan-history">
      {loan.history.map((h, i) => (
        <li key={`${h.at}-${i}`}>
          <time dateTime={h.at}>{formatDateTime(h.at, language)}</time> <strong>{t(`status.${h.status}`)}</strong>
          {h.note ? <span className="muted"> — {h.note}</span> : null}
        </li>
      ))}
    </ol>
  );
}

/** The payout and the payments: what each paid towards penalties, interest, the fee and principal. */
export function Operations({ loan }: { loan: LoanView }) {
  const { t, language } = useLoansT();
  if (!loan.operations.length) return <p className="muted">{t('loan.noOperations')}</p>;
  const money = (m: LoanView['amount']) => formatMoney(m, language);
  return (
    <TableScroll>
      <table className="operations">
        <caption className="visually-hidden">{t('loan.operations')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('operations.when')}</th>
            <th scope="col">{t('operations.what')}</th>
            <th scope="col">{t('operations.amount')}</th>
            <th scope="col">{t('operations.split')}</th>
          </tr>
        </thead>
        <tbody>
          {loan.operations.map((o) => (
            <tr key={o.id}>
              <td>{formatDateTime(o.at, language)}</td>
              <td>
                {t(`operations.kinds.${o.kind}`)}
                <br />
                <small className="muted">{o.description}</small>
              </td>
              <td>{money(o.amount)}</td>
              <td>
                {o.kind === 'disbursement'
                  ? '—'
                  : [
                      o.toPenalty.amount ? t('operations.penalty', { amount: money(o.toPenalty) }) : null,
                      o.toInterest.amount ? t('operations.interest', { amount: money(o.toInterest) }) : null,
                      o.toFee.amount ? t('operations.fee', { amount: money(o.toFee) }) : null,
                      o.toPrincipal.amount ? t('operations.principal', { amount: money(o.toPrincipal) }) : null,
                    ]
                      .filter(Boolean)
                      .join('; ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
