import { Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useSession } from '@/shared/session/use-session';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { useLoan, useLoans } from '../api/get-loans';
import { useLoanProducts } from '../api/get-products';
import { useUpdateDraft } from '../api/manage-loans';
import { ConsentsStep } from '../components/consents-step';
import { LoanCalculator, fitToProduct, type CalculatorValue } from '../components/loan-calculator';
import { PersonalStep } from '../components/personal-step';
import { PhoneStep } from '../components/phone-step';
import { WizardProgress } from '../components/wizard-progress';
import { useWizard, wizardStore } from '../components/wizard-store';
import { useLoansError, useLoansT } from '../i18n/use-loans-t';
import '../loans.css';

/**
 * /loans/apply — the application wizard: amount and term → the phone by SMS code (registering or
 * signing in on the way) → personal data → consents. The place in the wizard is kept (a saved draft):
 * the choice and step in this browser, the application itself on the server once the phone is confirmed.
 * `alternatives`: other ways in for someone signed out (Gosuslugi), composed in by src/app.
 */
export function ApplyPage({ alternatives }: { alternatives?: ReactNode }) {
  const { t } = useLoansT();
  const describe = useLoansError();
  const wizard = useWizard();
  const session = useSession();
  const signedIn = session.status === 'authenticated';
  const products = useLoanProducts();
  const loans = useLoans(signedIn);
  const loan = useLoan(wizard.loanId ?? '', signedIn && wizard.loanId !== null);
  const update = useUpdateDraft(wizard.loanId ?? '');
  const [alert, setAlert] = useState<string | null>(null);

  // A signed-in customer with a draft on the server continues it, wherever they started it (looked at
  // once, on the first list this page gets: later lists change because of what the wizard itself does).
  const resumed = useRef(false);
  useEffect(() => {
    if (resumed.current || !signedIn || !loans.data) return;
    resumed.current = true;
    const draft = loans.data.items.find((l) => l.status === 'draft');
    const { loanId, step } = wizardStore.get();
    if (!draft || loanId === draft.id) return;
    wizardStore.set({ loanId: draft.id, productId: draft.product.id, amount: draft.amount.amount, termDays: draft.termDays, step: step === 'consents' ? 'consents' : 'personal' });
  }, [signedIn, loans.data]);
  // The saved draft was sent or ended meanwhile (another tab): start afresh.
  const gone = loan.data && loan.data.status !== 'draft';
  useEffect(() => {
    if (gone || (loan.isError && wizard.loanId)) wizardStore.set({ loanId: null, step: 'amount' });
  }, [gone, loan.isError, wizard.loanId]);

  if (products.isPending || session.status === 'restoring') return <PageLoader />;
  if (products.isError) return <QueryError error={products.error} onRetry={() => void products.refetch()} />;
  const list = products.data;
  const product = list.find((p) => p.id === wizard.productId) ?? list[0]!;
  const value: CalculatorValue = fitToProduct(product, wizard.amount, wizard.termDays);
  // The personal steps need the server draft; a draft of someone signed out waits for them to sign in.
  const waitingForSignIn = wizard.loanId !== null && !signedIn;
  const step = !wizard.loanId && (wizard.step === 'personal' || wizard.step === 'consents') ? 'phone' : wizard.step;

  const onAmountDone = () => {
    setAlert(null);
    if (!wizard.loanId) {
      wizardStore.set({ ...value, step: 'phone' });
      return;
    }
    update.mutate(
      { productId: value.productId, amount: { amount: value.amount, currency: 'RUB' }, termDays: value.termDays },
      { onSuccess: () => wizardStore.set({ step: 'personal' }), onError: (error) => setAlert(describe(error)) },
    );
  };

  return (
    <div className="loans-page">
      <PageHeading title={t('wizard.title')}>{t('wizard.title')}</PageHeading>
      <WizardProgress step={step} />
      {wizard.loanId && signedIn ? <p className="muted">{t('wizard.draftSaved')}</p> : null}
      {waitingForSignIn ? (
        <p className="notice">
          {t('wizard.signInToContinue')} <Link to="/login?next=%2Floans%2Fapply">{t('wizard.signIn')}</Link>
        </p>
      ) : null}
      {waitingForSignIn ? null : step === 'amount' ? (
        <>
          <LoanCalculator
            products={list}
            value={value}
            onChange={(next) => wizardStore.set(next)}
            action={
              <button type="button" className="wide" aria-busy={update.isPending || undefined} onClick={onAmountDone}>
                {t('wizard.next')}
              </button>
            }
          />
          <FormAlert>{alert}</FormAlert>
        </>
      ) : null}
      {!waitingForSignIn && step === 'phone' ? <PhoneStep values={value} onBack={() => wizardStore.set({ step: 'amount' })} /> : null}
      {!signedIn && alternatives && (step === 'phone' || waitingForSignIn) ? <Suspense fallback={null}>{alternatives}</Suspense> : null}
      {!waitingForSignIn && (step === 'personal' || step === 'consents') ? (
        loan.data ? (
          <>
            <p className="wizard-summary">
              {t('wizard.summary', { product: loan.data.product.name })}{' '}
              <button type="button" className="link-button" onClick={() => wizardStore.set({ step: 'amount' })}>
                {t('wizard.change')}
              </button>
            </p>
            {step === 'personal' ? <PersonalStep key={loan.data.id} loan={loan.data} /> : <ConsentsStep loan={loan.data} />}
          </>
        ) : loan.isError ? (
          <QueryError error={loan.error} />
        ) : (
          <PageLoader />
        )
      ) : null}
    </div>
  );
}
