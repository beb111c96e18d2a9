import type { MonthlySummaryView } from '@cabinet/shared-types';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { localeOf } from '@/shared/lib/format-date';
import { formatMoney } from '@/shared/lib/format-money';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { useMonthlySummary } from '../api/get-transactions';
import { TableScroll } from '@/shared/ui/table-scroll';
import { dateTimeFormat } from '@/shared/lib/intl';

type Month = MonthlySummaryView['months'][number];

/** `2026-11` → `нояб. 2026` / `Nov 2026`. */
function monthLabel(month: string, language: string, withYear: boolean): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return dateTimeFormat(localeOf(language), { month: 'short', ...(withYear ? { year: 'numeric' } : {}) }).format(
    new Date(year, m - 1, 1),
  );
}

const width = 640;
const height = 220;
const top = 32;
const bottom = 40;
const left = 8;

/**
 * Spending per month, the last six months. A hand-made SVG bar chart: six bars do not need a chart
 * library (the small ones add 40–60 KB gzip and draw on a canvas a screen reader cannot read). Each
 * bar carries its amount as text, the picture has a text alternative, and the same figures are in a
 * table under it.
 */
export function SpendingChart({ accountId }: { accountId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const summary = useMonthlySummary(accountId);
  const titleId = useId();
  const descId = useId();

  if (summary.isPending) return <PageLoader />;
  if (summary.isError) return <QueryError error={summary.error} onRetry={() => void summary.refetch()} />;

  const months: Month[] = [...summary.data.months].sort((a, b) => a.month.localeCompare(b.month));
  if (months.length === 0 || months.every((month) => month.spent.amount === 0)) {
    return <p className="muted">{t('history.chartEmpty')}</p>;
  }
  const years = new Set(months.map((month) => month.month.slice(0, 4)));
  const label = (month: string) => monthLabel(month, lang, years.size > 1);
  const money = (amount: Month['spent']) => formatMoney({ ...amount, amount: Math.abs(amount.amount) }, lang);
  const peak = Math.max(...months.map((month) => Math.abs(month.spent.amount)), 1);
  const slot = (width - left * 2) / months.length;
  const barWidth = Math.min(64, slot * 0.6);
  const plot = height - top - bottom;
  const description = months.map((month) => `${label(month.month)}: ${money(month.spent)}`).join('; ');

  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        className="chart__svg"
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={titleId}>{t('history.chartTitle')}</title>
        <desc id={descId}>{description}</desc>
        <line x1={left} x2={width - left} y1={height - bottom} y2={height - bottom} className="chart__axis" />
        {months.map((month, index) => {
          const value = Math.abs(month.spent.amount);
          const barHeight = Math.max(value > 0 ? 2 : 0, (value / peak) * plot);
          const x = left + slot * index + (slot - barWidth) / 2;
          const y = height - bottom - barHeight;
          return (
            <g key={month.month}>
              <rect x={x} y={y} width={barWidth} height={barHeight} rx={3} className="chart__bar" />
              <text x={x + barWidth / 2} y={y - 6} textAnchor="middle" className="chart__value">
                {money(month.spent)}
              </text>
              <text x={x + barWidth / 2} y={height - bottom + 26} textAnchor="middle" className="chart__label">
                {label(month.month)}
              </text>
            </g>
          );
        })}
      </svg>
      <details className="chart__table">
        <summary>{t('history.chartTable')}</summary>
        <TableScroll>
          <table>
            <caption className="visually-hidden">{t('history.chartTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('history.month')}</th>
                <th scope="col">{t('history.spent')}</th>
                <th scope="col">{t('history.received')}</th>
              </tr>
            </thead>
            <tbody>
              {months.map((month) => (
                <tr key={month.month}>
                  <th scope="row">{monthLabel(month.month, lang, true)}</th>
                  <td>{money(month.spent)}</td>
                  <td>{money(month.received)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
    </figure>
  );
}
