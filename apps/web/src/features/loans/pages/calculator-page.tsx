import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { useLoanProducts } from '../api/get-products';
import { LoanCalculator, fitToProduct, type CalculatorValue } from '../components/loan-calculator';
import { wizardStore } from '../components/wizard-store';
import { useLoansT } from '../i18n/use-loans-t';
import '../loans.css';

/** /loans/calculator — the public calculator: sliders, the figures as they move, then "apply". */
export function CalculatorPage() {
  const { t } = useLoansT();
  const products = useLoanProducts();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [value, setValue] = useState<CalculatorValue | null>(null);

  if (products.isPending) return <PageLoader />;
  if (products.isError) return <QueryError error={products.error} onRetry={() => void products.refetch()} />;
  const list = products.data;
  const wanted = list.find((p) => p.id === params.get('product') || p.code === params.get('product')) ?? list[0]!;
  const current = value ?? fitToProduct(wanted, Number(params.get('amount')) || null, Number(params.get('term')) || null);

  const apply = () => {
    const state = wizardStore.get();
    // A new choice on the calculator starts the wizard over, unless a draft already exists.
    wizardStore.set({ ...current, step: state.loanId ? state.step : 'amount' });
    void navigate('/loans/apply');
  };

  return (
    <div className="loans-page">
      <PageHeading title={t('calculator.title')}>{t('calculator.title')}</PageHeading>
      <p className="muted">{t('calculator.intro')}</p>
      <LoanCalculator
        products={list}
        value={current}
        onChange={setValue}
        action={
          <button type="button" className="wide" onClick={apply}>
            {t('calculator.apply')}
          </button>
        }
      />
    </div>
  );
}
