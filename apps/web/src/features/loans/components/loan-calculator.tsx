import type { LoanProductView } from '@cabinet/shared-types';
import { useId, type ReactNode } from 'react';
import { formatDay } from '@/shared/lib/format-date';
import { formatMoney } from '@/shared/lib/format-money';
import { QueryError } from '@/shared/ui/query-error';
import { useCalculation } from '../api/get-products';
import { useLoansT } from '../i18n/use-loans-t';
import { percent, termLabel } from './loan-format';
import { ScheduleTable } from './schedule-table';
import { useDebounced } from './use-debounced';

export interface CalculatorValue {
  productId: string;
  amount: number;
  termDays: number;
}

/** Snaps a wanted amount and term to the product's ranges and steps. */
export function fitToProduct(p: LoanProductView, amount: number | null, termDays: number | null): CalculatorValue {
  const step = amountStep(p);
  const a = Math.min(p.maxAmount.amount, Math.max(p.minAmount.amount, Math.round((amount ?? defaultAmount(p)) / step) * step));
  const rawTerm = termDays ?? (p.paymentPeriodDays ? p.minTermDays + p.termStepDays * 2 : Math.min(p.maxTermDays, 14));
  const steps = Math.round((rawTerm - p.minTermDays) / p.termStepDays);
  const term = Math.min(p.maxTermDays, Math.max(p.minTermDays, p.minTermDays + steps * p.termStepDays));
  return { productId: p.id, amount: a, termDays: term };
}

const amountStep = (p: LoanProductView) => (p.maxAmount.amount - p.minAmount.amount >= 50_000_00 ? 1_000_00 : 500_00);
const defaultAmount = (p: LoanProductView) => Math.round((p.minAmount.amount + p.maxAmount.amount) / 2 / amountStep(p)) * amountStep(p);

interface LoanCalculatorProps {
  products: LoanProductView[];
  value: CalculatorValue;
  onChange: (value: CalculatorValue) => void;
  /** The button under the figures (apply, continue). */
  action?: ReactNode;
}

/**
 * Product, then amount and term on sliders; the figures (total, overpayment, rate, ПСК, the schedule)
 * follow as the sliders move, from the API's calculator, which applies the caps in force today.
 */
export function LoanCalculator({ products, value, onChange, action }: LoanCalculatorProps) {
  const { t, language } = useLoansT();
  const product = products.find((p) => p.id === value.productId) ?? products[0]!;
  const settled = useDebounced(value);
  const calc = useCalculation(settled.productId ? settled : null);
  const amountId = useId();
  const termId = useId();
  const money = (amount: number) => formatMoney({ amount, currency: 'RUB' }, language);
  const data = calc.data;

  return (
    <div className="loan-calculator">
      <fieldset className="segmented loan-calculator__products">
        <legend>{t('calculator.product')}</legend>
        {products.map((p) => (
          <label key={p.id}>
            <input type="radio" name="loan-product" value={p.id} checked={p.id === product.id} onChange={() => onChange(fitToProduct(p, value.amount, null))} />
            {p.name}
          </label>
        ))}
      </fieldset>
      <p className="muted">{product.description}</p>

      <div className="slider">
        <label htmlFor={amountId}>{t('calculator.amount')}</label>
        <output htmlFor={amountId} className="slider__value">
          {money(value.amount)}
        </output>
        <input
          id={amountId}
          type="range"
          min={product.minAmount.amount}
          max={product.maxAmount.amount}
          step={amountStep(product)}
          value={value.amount}
          aria-valuetext={money(value.amount)}
          onChange={(event) => onChange({ ...value, productId: product.id, amount: Number(event.target.value) })}
        />
        <span className="slider__range muted">
          <span>{money(product.minAmount.amount)}</span>
          <span>{money(product.maxAmount.amount)}</span>
        </span>
      </div>

      <div className="slider">
        <label htmlFor={termId}>{t('calculator.term')}</label>
        <output htmlFor={termId} className="slider__value">
          {termLabel(t, value.termDays, product)}
        </output>
        <input
          id={termId}
          type="range"
          min={product.minTermDays}
          max={product.maxTermDays}
          step={product.termStepDays}
          value={value.termDays}
          aria-valuetext={termLabel(t, value.termDays, product)}
          onChange={(event) => onChange({ ...value, productId: product.id, termDays: Number(event.target.value) })}
        />
        <span className="slider__range muted">
          <span>{termLabel(t, product.minTermDays, product)}</span>
          <span>{termLabel(t, product.maxTermDays, product)}</span>
        </span>
      </div>

      {calc.isError ? <QueryError error={calc.error} onRetry={() => void calc.refetch()} /> : null}
      <section className="loan-figures" aria-labelledby={`${amountId}-figures`} aria-live="polite" aria-busy={calc.isFetching || undefined}>
        <h2 id={`${amountId}-figures`} className="visually-hidden">
          {t('calculator.figures')}
        </h2>
        {data ? (
          <>
            <dl className="facts loan-figures__facts">
              <dt>{data.schedule.length > 1 ? t('calculator.totalInstalments') : t('calculator.total')}</dt>
              <dd className="loan-figures__total">{money(data.totalToRepay.amount)}</dd>
              <dt>{data.schedule.length > 1 ? t('calculator.payment') : t('calculator.dueOn')}</dt>
              <dd>
                {data.schedule.length > 1
                  ? t('calculator.paymentEvery', { amount: money(data.schedule[0]!.total.amount), count: data.schedule.length })
                  : formatDay(data.dueOn, language)}
              </dd>
              <dt>{t('calculator.overpayment')}</dt>
              <dd>{money(data.overpayment.amount)}</dd>
              <dt>{t('calculator.dailyRate')}</dt>
              <dd>{percent(data.dailyRate, language)}</dd>
              <dt>
                <abbr title={t('calculator.pskFull')}>{t('calculator.psk')}</abbr>
              </dt>
              <dd>{t('calculator.pskValue', { value: percent(data.psk, language) })}</dd>
            </dl>
            {data.capped ? <p className="notice notice--warn">{t('calculator.capped', { cap: percent(data.caps.totalCost, language) })}</p> : null}
            <p className="muted loan-figures__caps">
              {t('calculator.caps', { daily: percent(data.caps.dailyRate, language), total: percent(data.caps.totalCost, language), date: formatDay(data.caps.date, language) })}
            </p>
            {data.schedule.length > 1 ? (
              <details className="loan-figures__schedule">
                <summary>{t('calculator.showSchedule')}</summary>
                <ScheduleTable rows={data.schedule} showStatus={false} />
              </details>
            ) : null}
          </>
        ) : (
          <p className="muted">{t('calculator.counting')}</p>
        )}
      </section>
      {action}
    </div>
  );
}
