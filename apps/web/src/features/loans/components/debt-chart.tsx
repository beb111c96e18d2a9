import type { LoanScheduleRow } from '@cabinet/shared-types';
import { useId } from 'react';
import { formatDay } from '@/shared/lib/format-date';
import { formatMoney } from '@/shared/lib/format-money';
import { useLoansT } from '../i18n/use-loans-t';

const width = 640;
const height = 240;
const pad = { top: 24, right: 16, bottom: 40, left: 16 };

/**
 * What is left of the principal after each payment, as a hand-made SVG step chart (from the day of issue
 * to the last payment). The picture has a text alternative; the table of the schedule carries the figures.
 */
export function DebtChart({ issuedOn, amount, rows }: { issuedOn: string; amount: number; rows: LoanScheduleRow[] }) {
  const { t, language } = useLoansT();
  const titleId = useId();
  const descId = useId();
  if (!rows.length) return null;
  const points = [{ date: issuedOn, left: amount }, ...rows.map((r) => ({ date: r.dueOn, left: r.remainingAfter.amount }))];
  const t0 = Date.parse(`${issuedOn}T00:00:00Z`);
  const t1 = Math.max(Date.parse(`${rows[rows.length - 1]!.dueOn}T00:00:00Z`), t0 + 86_400_000);
  const peak = Math.max(amount, ...points.map((p) => p.left), 1);
  const x = (date: string) => pad.left + ((Date.parse(`${date}T00:00:00Z`) - t0) / (t1 - t0)) * (width - pad.left - pad.right);
  const y = (v: number) => pad.top + (1 - v / peak) * (height - pad.top - pad.bottom);
  // A step line: the principal stays until a payment, then drops.
  let path = `M ${x(points[0]!.date)} ${y(points[0]!.left)}`;
  for (let i = 1; i < points.length; i++) path += ` H ${x(points[i]!.date)} V ${y(points[i]!.left)}`;
  const money = (v: number) => formatMoney({ amount: v, currency: 'RUB' }, language);
  const description = points.map((p) => `${formatDay(p.date, language)}: ${money(p.left)}`).join('; ');
  const labelEvery = Math.ceil(points.length / 6);

  return (
    <figure className="chart debt-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${titleId} ${descId}`} className="chart__svg" preserveAspectRatio="xMidYMid meet">
        <title id={titleId}>{t('schedule.chartTitle')}</title>
        <desc id={descId}>{description}</desc>
        <line x1={pad.left} x2={width - pad.right} y1={height - pad.bottom} y2={height - pad.bottom} className="chart__axis" />
        <path d={path} className="debt-chart__line" fill="none" />
        {points.map((p, i) => (
          <g key={`${p.date}-${i}`}>
            <circle cx={x(p.date)} cy={y(p.left)} r={4} className="debt-chart__dot" />
            {i % labelEvery === 0 || i === points.length - 1 ? (
              <>
                <text x={x(p.date)} y={y(p.left) - 8} textAnchor={i === 0 ? 'start' : i === points.length - 1 ? 'end' : 'middle'} className="chart__value">
                  {money(p.left)}
                </text>
                <text x={x(p.date)} y={height - pad.bottom + 20} textAnchor={i === 0 ? 'start' : i === points.length - 1 ? 'end' : 'middle'} className="chart__label">
                  {formatDay(p.date, language)}
                </text>
              </>
            ) : null}
          </g>
        ))}
      </svg>
    </figure>
  );
}
