import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localeOf } from '@/shared/lib/format-date';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { useStatement } from '../api/get-operations';
import { pointsText } from './points';
import { dateTimeFormat } from '@/shared/lib/intl';

/** The last 12 Moscow months, newest first: `2026-11`. */
function recentMonths(now = new Date()): string[] {
  const msk = new Date(now.getTime() + 3 * 3600_000);
  return Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(msk.getUTCFullYear(), msk.getUTCMonth() - i, 1)).toISOString().slice(0, 7));
}

const ROWS = ['accrued', 'spent', 'expired', 'transferredIn', 'transferredOut', 'rewards', 'returned', 'reversed'] as const;

/** The monthly statement: opening and closing balance and what moved. */
export function StatementPanel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const selectId = useId();
  const months = recentMonths();
  const [month, setMonth] = useState(months[0]!);
  const statement = useStatement(month);
  const monthName = (m: string) => dateTimeFormat(localeOf(lang), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${m}-01T00:00:00Z`));
  const s = statement.data;
  return (
    <section aria-labelledby="bonus-statement-title" className="bonus-statement">
      <h2 id="bonus-statement-title" className="section-title">
        {t('bonus.statement.title')}
      </h2>
      <div className="field line-picker">
        <label htmlFor={selectId}>{t('bonus.statement.month')}</label>
        <select id={selectId} value={month} onChange={(event) => setMonth(event.target.value)}>
          {months.map((m) => (
            <option key={m} value={m}>
              {monthName(m)}
            </option>
          ))}
        </select>
      </div>
      {statement.isPending ? <PageLoader /> : null}
      {statement.isError ? <QueryError error={statement.error} onRetry={() => void statement.refetch()} /> : null}
      {s ? (
        <dl className="details details--compact" aria-label={t('bonus.statement.label', { month: monthName(month) })}>
          <div className="details__row">
            <dt>{t('bonus.statement.opening')}</dt>
            <dd>{pointsText(t, s.opening, lang)}</dd>
          </div>
          {ROWS.filter((row) => s[row] > 0).map((row) => (
            <div key={row} className="details__row">
              <dt>{t(`bonus.statement.${row}`)}</dt>
              <dd>{pointsText(t, s[row], lang)}</dd>
            </div>
          ))}
          <div className="details__row">
            <dt>{t('bonus.statement.closing')}</dt>
            <dd>
              <strong>{pointsText(t, s.closing, lang)}</strong>
            </dd>
          </div>
        </dl>
      ) : null}
    </section>
  );
}
