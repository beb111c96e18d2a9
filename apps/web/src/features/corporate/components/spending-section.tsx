import { useState, type FormEvent } from 'react';
import { browser } from '@/shared/lib/browser';
import { formatMoney } from '@/shared/lib/format-money';
import { formatPhone } from '@/shared/lib/format-phone';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { TextField } from '@/shared/ui/text-field';
import { downloadSpendingCsv, useSpending } from '../api/corporate';
import { useCorporateError, useCorporateT } from '../i18n/use-corporate-t';
import { TableScroll } from '@/shared/ui/table-scroll';

/** This month so far, in Moscow: `{ from: 'YYYY-MM-01', to: today }`. */
function thisMonth(): { from: string; to: string } {
  const today = new Date(Date.now() + 3 * 3600_000).toISOString().slice(0, 10);
  return { from: `${today.slice(0, 8)}01`, to: today };
}

/** Spending per employee and department for a period, and the same as CSV. */
export function SpendingSection({ companyId }: { companyId: string }) {
  const { t, language } = useCorporateT();
  const describe = useCorporateError();
  const [draft, setDraft] = useState(thisMonth);
  const [period, setPeriod] = useState(draft);
  const [error, setError] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);
  const report = useSpending(companyId, period, true);
  const money = (m: { amount: number; currency: 'RUB' }) => formatMoney(m, language);

  const show = (event: FormEvent) => {
    event.preventDefault();
    if (draft.from > draft.to) {
      setError(t('spending.badPeriod'));
      return;
    }
    setError(null);
    setPeriod(draft);
  };
  const csv = async () => {
    setDownloading(true);
    try {
      const file = await downloadSpendingCsv(companyId, period);
      browser.saveFile(file.blob, file.fileName);
    } catch (e) {
      setError(describe(e));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <section aria-labelledby="company-spending">
      <h2 id="company-spending">{t('spending.title')}</h2>
      <form className="corporate-period" onSubmit={show} noValidate>
        <TextField label={t('spending.from')} type="date" value={draft.from} onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))} required />
        <TextField label={t('spending.to')} type="date" value={draft.to} onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))} required />
        <div className="corporate-period__actions">
          <button type="submit">{t('spending.show')}</button>
          <button type="button" className="secondary" onClick={() => void csv()} aria-busy={downloading || undefined} disabled={downloading}>
            {t('spending.csv')}
          </button>
        </div>
      </form>
      <FormAlert>{error}</FormAlert>
      {report.isPending ? <PageLoader /> : null}
      {report.isError ? <QueryError error={report.error} onRetry={() => void report.refetch()} /> : null}
      {report.data ? (
        <>
          <TableScroll>
            <table className="corporate-table">
              <caption>{t('spending.byLine')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('lines.number')}</th>
                  <th scope="col">{t('lines.employee')}</th>
                  <th scope="col">{t('lines.department')}</th>
                  <th scope="col" className="numeric">{t('lines.spent')}</th>
                </tr>
              </thead>
              <tbody>
                {report.data.byLine.map((r) => (
                  <tr key={r.lineId}>
                    <th scope="row">{formatPhone(r.msisdn)}</th>
                    <td>{r.employee ?? '—'}</td>
                    <td>{r.department ?? '—'}</td>
                    <td className="numeric">{money(r.spent)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <TableScroll>
            <table className="corporate-table">
              <caption>{t('spending.byDepartment')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('lines.department')}</th>
                  <th scope="col" className="numeric">{t('spending.lines')}</th>
                  <th scope="col" className="numeric">{t('lines.spent')}</th>
                </tr>
              </thead>
              <tbody>
                {report.data.byDepartment.map((d) => (
                  <tr key={d.department ?? ''}>
                    <th scope="row">{d.department ?? t('spending.noDepartment')}</th>
                    <td className="numeric">{d.lines}</td>
                    <td className="numeric">{money(d.spent)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <dl className="details details--compact">
            <dt>{t('spending.accountWide')}</dt>
            <dd>{money(report.data.accountWide)}</dd>
            <dt>{t('spending.total')}</dt>
            <dd>
              <strong>{money(report.data.total)}</strong>
            </dd>
          </dl>
        </>
      ) : null}
    </section>
  );
}
