import type { ClosingDocumentView } from '@cabinet/shared-types';
import { useState } from 'react';
import { browser } from '@/shared/lib/browser';
import { formatMoney } from '@/shared/lib/format-money';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { downloadDocument, useDocuments } from '../api/corporate';
import { useCorporateError, useCorporateT } from '../i18n/use-corporate-t';
import { TableScroll } from '@/shared/ui/table-scroll';
import { localeOf } from '@/shared/lib/format-date';
import { dateTimeFormat } from '@/shared/lib/intl';

/** Invoices and acts by month, each downloadable as PDF. */
export function DocumentsSection({ companyId }: { companyId: string }) {
  const { t, language } = useCorporateT();
  const describe = useCorporateError();
  const docs = useDocuments(companyId);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const month = (period: string) =>
    dateTimeFormat(localeOf(language), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${period}-01T00:00:00Z`));

  const download = async (doc: ClosingDocumentView) => {
    setBusy(doc.id);
    setError(null);
    try {
      const file = await downloadDocument(companyId, doc);
      browser.saveFile(file.blob, file.fileName);
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="company-documents">
      <h2 id="company-documents">{t('documents.title')}</h2>
      <FormAlert>{error}</FormAlert>
      {docs.isPending ? <PageLoader /> : null}
      {docs.isError ? <QueryError error={docs.error} onRetry={() => void docs.refetch()} /> : null}
      {docs.data && docs.data.items.length === 0 ? <p className="muted">{t('documents.empty')}</p> : null}
      {docs.data?.items.length ? (
        <TableScroll>
          <table className="corporate-table">
            <caption className="visually-hidden">{t('documents.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('documents.period')}</th>
                <th scope="col">{t('documents.kind')}</th>
                <th scope="col">{t('documents.number')}</th>
                <th scope="col" className="numeric">{t('documents.amount')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('documents.download')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {docs.data.items.map((d) => (
                <tr key={d.id}>
                  <th scope="row">{month(d.period)}</th>
                  <td>{t(`documents.${d.kind}`)}</td>
                  <td>{d.number}</td>
                  <td className="numeric">
                    {formatMoney(d.amount, language)}
                    <small className="muted">{t('documents.vat', { vat: formatMoney(d.vat, language) })}</small>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => void download(d)}
                      aria-busy={busy === d.id || undefined}
                      disabled={busy === d.id}
                      aria-label={t('documents.downloadLabel', { kind: t(`documents.${d.kind}`), number: d.number })}
                    >
                      {t('documents.download')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </section>
  );
}
