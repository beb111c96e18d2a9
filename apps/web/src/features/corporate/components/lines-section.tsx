import type { CorporateLineView } from '@cabinet/shared-types';
import { useState } from 'react';
import { formatDay } from '@/shared/lib/format-date';
import { formatMoney } from '@/shared/lib/format-money';
import { formatPhone } from '@/shared/lib/format-phone';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { useCompanyLines } from '../api/corporate';
import { useCorporateT } from '../i18n/use-corporate-t';
import { EmployeeDialog } from './employee-dialog';
import { LimitDialog } from './limit-dialog';
import { TableScroll } from '@/shared/ui/table-scroll';

/** The company's lines: employee, department, this period's spending against the limit, the restriction. */
export function LinesSection({ companyId, admin, employee }: { companyId: string; admin: boolean; employee: boolean }) {
  const { t, language } = useCorporateT();
  const lines = useCompanyLines(companyId);
  const [editing, setEditing] = useState<{ line: CorporateLineView; what: 'limit' | 'employee' } | null>(null);
  const [done, setDone] = useState<string | null>(null);

  return (
    <section aria-labelledby="company-lines">
      <h2 id="company-lines">{t('lines.title')}</h2>
      {employee ? <p className="muted">{t('lines.ownLine')}</p> : null}
      <FormAlert tone="success">{done}</FormAlert>
      {lines.isPending ? <PageLoader /> : null}
      {lines.isError ? <QueryError error={lines.error} onRetry={() => void lines.refetch()} /> : null}
      {lines.data ? (
        <TableScroll>
          <table className="corporate-table">
            <caption className="visually-hidden">{t('lines.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('lines.number')}</th>
                <th scope="col">{t('lines.employee')}</th>
                <th scope="col">{t('lines.spent')}</th>
                <th scope="col">{t('lines.limit')}</th>
                <th scope="col">{t('lines.status')}</th>
                {admin ? <th scope="col">{t('lines.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {lines.data.items.map((l) => (
                <tr key={l.lineId} className={l.restriction ? 'corporate-line corporate-line--restricted' : 'corporate-line'}>
                  <th scope="row">
                    {formatPhone(l.msisdn)}
                    <small className="muted">{l.tariffName}</small>
                  </th>
                  <td>
                    {l.employee ? (
                      <>
                        {l.employee.name}
                        <small className="muted">{l.employee.department}</small>
                      </>
                    ) : (
                      <span className="muted">{t('lines.noEmployee')}</span>
                    )}
                  </td>
                  <td>
                    {formatMoney(l.spent, language)}
                    <small className="muted">{t('lines.periodUntil', { date: formatDay(l.periodEnd, language) })}</small>
                  </td>
                  <td>{l.monthlyLimit ? formatMoney(l.monthlyLimit, language) : <span className="muted">{t('lines.noLimit')}</span>}</td>
                  <td>
                    {l.restriction ? (
                      <span className="badge corporate-badge--restricted" title={t('lines.restrictedHint')}>
                        {t('lines.incoming_only')}
                      </span>
                    ) : (
                      <span className="badge">{t(`lines.${l.status}`)}</span>
                    )}
                  </td>
                  {admin ? (
                    <td className="corporate-actions">
                      <button type="button" className="secondary" onClick={() => setEditing({ line: l, what: 'limit' })} aria-label={`${t('lines.setLimit')}: ${formatPhone(l.msisdn)}`}>
                        {t('lines.setLimit')}
                      </button>
                      <button type="button" className="secondary outline" onClick={() => setEditing({ line: l, what: 'employee' })} aria-label={`${t('lines.setEmployee')}: ${formatPhone(l.msisdn)}`}>
                        {t('lines.setEmployee')}
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      <LimitDialog
        key={`limit-${editing?.line.lineId ?? ''}`}
        companyId={companyId}
        line={editing?.what === 'limit' ? editing.line : null}
        onClose={() => setEditing(null)}
        onDone={(text) => {
          setEditing(null);
          setDone(text);
        }}
      />
      <EmployeeDialog
        key={`employee-${editing?.line.lineId ?? ''}`}
        companyId={companyId}
        line={editing?.what === 'employee' ? editing.line : null}
        onClose={() => setEditing(null)}
        onDone={(text) => {
          setEditing(null);
          setDone(text);
        }}
      />
    </section>
  );
}
