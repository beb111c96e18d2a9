import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { browser } from '@/shared/lib/browser';
import { formatDateTime } from '@/shared/lib/format-date';
import { formatMoney } from '@/shared/lib/format-money';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { useReceipt } from '../api/get-receipt';
import { cardLabel } from '../components/card-label';
import { TableScroll } from '@/shared/ui/table-scroll';

/** /payments/:paymentId/receipt — the receipt (54-FZ fields), made to be printed. */
export function ReceiptPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { paymentId = '' } = useParams();
  const receipt = useReceipt(paymentId);
  const back = (
    <p className="breadcrumbs no-print">
      <Link to={`/payments/${paymentId}`}>{t('receipt.back')}</Link>
    </p>
  );

  if (receipt.isPending) return <PageLoader />;
  if (receipt.isError) {
    return (
      <>
        <PageHeading title={t('receipt.titleShort')}>{t('receipt.titleShort')}</PageHeading>
        {back}
        <QueryError notFound error={receipt.error} onRetry={() => void receipt.refetch()} />
      </>
    );
  }

  const data = receipt.data;
  const money = (value: { amount: number; currency: 'RUB' }) => formatMoney(value, lang);
  const title = t('receipt.title', { number: data.number });
  const fiscal = [
    ['fn', data.fiscal.fn],
    ['fd', data.fiscal.fd],
    ['fpd', data.fiscal.fpd],
  ] as const;

  return (
    <div className="receipt-page">
      <PageHeading title={title}>{title}</PageHeading>
      {back}
      <article className="receipt" aria-labelledby="receipt-kind">
        <header className="receipt__header">
          <p id="receipt-kind" className="receipt__kind">
            {t('receipt.kind')}
          </p>
          <p>
            <time dateTime={data.paidAt}>{formatDateTime(data.paidAt, lang)}</time>
          </p>
        </header>
        <section aria-labelledby="receipt-seller">
          <h2 id="receipt-seller">{t('receipt.seller')}</h2>
          <dl className="details details--compact">
            <dt>{t('receipt.sellerName')}</dt>
            <dd>{data.seller.name}</dd>
            <dt>{t('receipt.inn')}</dt>
            <dd>{data.seller.inn}</dd>
            <dt>{t('receipt.taxSystem')}</dt>
            <dd>{data.seller.taxSystem}</dd>
            <dt>{t('receipt.address')}</dt>
            <dd>{data.seller.address}</dd>
          </dl>
        </section>
        <section aria-labelledby="receipt-items">
          <h2 id="receipt-items">{t('receipt.items')}</h2>
          <TableScroll>
            <table className="receipt__items">
              <thead>
                <tr>
                  <th scope="col">{t('receipt.description')}</th>
                  <th scope="col">{t('receipt.quantity')}</th>
                  <th scope="col">{t('receipt.price')}</th>
                  <th scope="col">{t('receipt.sum')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((item, index) => (
                  <tr key={index}>
                    <th scope="row">
                      {item.description}
                      <small className="receipt__item-meta">
                        {t(`receipt.vat_${item.vat}`)} · {t(`receipt.subject_${item.paymentSubject}`)} ·{' '}
                        {t(`receipt.mode_${item.paymentMode}`)}
                      </small>
                    </th>
                    <td>{item.quantity}</td>
                    <td>{money(item.price)}</td>
                    <td>{money(item.amount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <p className="receipt__total">
            {t('receipt.total')}: <strong>{money(data.total)}</strong>
          </p>
        </section>
        <dl className="details details--compact">
          <dt>{t('receipt.method')}</dt>
          <dd>
            {t(`payment.method.${data.method}`)}
            {data.card ? ` · ${cardLabel(t, data.card)}` : ''}
          </dd>
          <dt>{t('receipt.customer')}</dt>
          <dd>{data.customerContact}</dd>
          <dt>{t('receipt.number')}</dt>
          <dd>{data.number}</dd>
          {fiscal.map(([key, value]) => (
            <div key={key} className="details__row">
              <dt>{t(`receipt.${key}`)}</dt>
              <dd>{value ?? t('receipt.fiscalPending')}</dd>
            </div>
          ))}
        </dl>
      </article>
      <div className="button-row no-print">
        <button type="button" onClick={() => browser.print()}>
          {t('receipt.print')}
        </button>
      </div>
    </div>
  );
}
