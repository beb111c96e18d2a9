import type { LoanServiceView } from '@cabinet/shared-types';
import { formatMoney } from '@/shared/lib/format-money';
import { useLoansT } from '../i18n/use-loans-t';

/**
 * The optional paid services of the wizard: each an unchecked checkbox (opt-in only — checked only by the
 * customer's own click, or when they chose it earlier on this draft), with its own price and the plain
 * words that it is optional, changes nothing about the decision and can be given back within the window.
 */
export function ServicesChoice({ services, chosen, onChange }: { services: LoanServiceView[]; chosen: string[]; onChange: (codes: string[]) => void }) {
  const { t, language } = useLoansT();
  if (!services.length) return null;
  return (
    <fieldset className="loan-services-choice">
      <legend>{t('services.title')}</legend>
      <p className="muted">{t('services.intro')}</p>
      <ul className="consents">
        {services.map((s) => (
          <li key={s.code}>
            <label className="checkbox">
              <input
                type="checkbox"
                name="services"
                value={s.code}
                checked={chosen.includes(s.code)}
                aria-describedby={`service-${s.code}-note service-${s.code}-text`}
                onChange={(event) => onChange(event.target.checked ? [...chosen, s.code] : chosen.filter((c) => c !== s.code))}
              />
              {t('services.option', { name: s.name, price: formatMoney(s.price, language) })}
            </label>
            <p id={`service-${s.code}-note`} className="consents__text">
              {t('services.optional', { days: s.refundDays })}
            </p>
            <p id={`service-${s.code}-text`} className="consents__text muted">
              {s.description}
            </p>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
