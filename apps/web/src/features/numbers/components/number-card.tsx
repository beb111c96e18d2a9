import type { NumberView } from '@cabinet/shared-types';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatMoney } from '@/shared/lib/format-money';
import { formatPhone } from '@/shared/lib/format-phone';

/** One number of the catalog: the number, its patterns, the operator's price and the 50 % price; how to get it. */
export function NumberCard({ number, signedIn }: { number: NumberView; signedIn: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const headingId = `number-${number.id}`;
  const orderPath = `/orders/new/number?numberId=${number.id}`;
  return (
    <article className="number-card" aria-labelledby={headingId}>
      <h2 id={headingId} className="number-card__msisdn">
        {formatPhone(number.msisdn)}
      </h2>
      <p className="badges">
        <span className="badge">{t(`providers.${number.operator}`, { defaultValue: number.operator })}</span>
        <span className={`badge number-category number-category--${number.category}`}>{t(`numbers.categories.${number.category}`)}</span>
        {number.patterns.map((p) => (
          <span key={p} className="badge badge--email">
            {t(`numbers.patterns.${p}`)}
          </span>
        ))}
      </p>
      <p className="number-card__price">
        <strong>{formatMoney(number.price, lang)}</strong>{' '}
        <s className="muted" aria-label={t('numbers.operatorPriceLabel', { price: formatMoney(number.operatorPrice, lang) })}>
          {formatMoney(number.operatorPrice, lang)}
        </s>
      </p>
      <p className="button-row">
        {signedIn ? (
          <Link className="button-link" to={orderPath} aria-label={t('numbers.buyNumber', { number: formatPhone(number.msisdn) })}>
            {t('numbers.buy')}
          </Link>
        ) : (
          <>
            <Link className="button-link" to={`/connect?numberId=${number.id}`} aria-label={t('numbers.connectWithNumber', { number: formatPhone(number.msisdn) })}>
              {t('numbers.connectWith')}
            </Link>
            <Link to={`/login?next=${encodeURIComponent(orderPath)}`}>{t('numbers.signInToBuy')}</Link>
          </>
        )}
      </p>
    </article>
  );
}
