import type { LoanScheduleRow } from '@cabinet/shared-types';
import { formatDay } from '@/shared/lib/format-date';
import { formatMoney } from '@/shared/lib/format-money';
import { useLoansT } from '../i18n/use-loans-t';
import { TableScroll } from '@/shared/ui/table-scroll';

/** The schedule as a table: date, payment and its parts, what is left; the status of each row. */
export function ScheduleTable({ rows, showStatus = true }: { rows: LoanScheduleRow[]; showStatus?: boolean }) {
  const { t, language } = useLoansT();
  const money = (m: LoanScheduleRow['total']) => formatMoney(m, language);
  return (
    <TableScroll>
      <table className="schedule">
        <caption className="visually-hidden">{t('schedule.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('schedule.n')}</th>
            <th scope="col">{t('schedule.dueOn')}</th>
            <th scope="col">{t('schedule.total')}</th>
            <th scope="col">{t('schedule.principal')}</th>
            <th scope="col">{t('schedule.interest')}</th>
            <th scope="col">{t('schedule.remaining')}</th>
            {showStatus ? <th scope="col">{t('schedule.status')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.n} className={`schedule__row schedule__row--${row.status}`}>
              <th scope="row">{row.n}</th>
              <td>{formatDay(row.dueOn, language)}</td>
              <td>{money(row.total)}</td>
              <td>{money(row.principal)}</td>
              <td>{money(row.interest)}</td>
              <td>{money(row.remainingAfter)}</td>
              {showStatus ? <td>{t(`schedule.statuses.${row.status}`)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
