import type { ConsentKind, LoanView } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { formatMoney } from '@/shared/lib/format-money';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { SubmitButton } from '@/shared/ui/submit-button';
import { useConsentTexts } from '../api/get-loans';
import { useCalculation, useLoanServices } from '../api/get-products';
import { useSubmitLoan, useUpdateDraft } from '../api/manage-loans';
import { useLoansError, useLoansT } from '../i18n/use-loans-t';
import { ServicesChoice } from './services-choice';
import { wizardStore } from './wizard-store';

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * The last step: the optional paid services (unchecked unless chosen), a summary with the loan and the
 * services apart, three consents, each its own checkbox with its text (and version); then the application
 * is sent (the services' choice saved on the draft first, when it changed).
 */
export function ConsentsStep({ loan }: { loan: LoanView }) {
  const { t, language } = useLoansT();
  const describe = useLoansError();
  const navigate = useNavigate();
  const texts = useConsentTexts();
  const submit = useSubmitLoan(loan.id);
  const update = useUpdateDraft(loan.id);
  const services = useLoanServices();
  const calc = useCalculation({ productId: loan.product.id, amount: loan.amount.amount, termDays: loan.termDays });
  const saved = loan.services.filter((s) => s.status === 'selected').map((s) => s.code);
  const [chosen, setChosen] = useState<string[]>(saved);
  const [accepted, setAccepted] = useState<Partial<Record<ConsentKind, boolean>>>({});
  const [missing, setMissing] = useState<ConsentKind[]>([]);
  const [alert, setAlert] = useState<string | null>(null);

  if (texts.isPending) return <PageLoader />;
  if (texts.isError) return <QueryError error={texts.error} onRetry={() => void texts.refetch()} />;

  const catalog = services.data ?? [];
  const picked = catalog.filter((s) => chosen.includes(s.code));
  const servicesTotal = picked.reduce((sum, s) => sum + s.price.amount, 0);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const notYet = texts.data.filter((c) => !accepted[c.kind]).map((c) => c.kind);
    setMissing(notYet);
    if (notYet.length) {
      setAlert(t('consents.needAll'));
      return;
    }
    setAlert(null);
    if (!sameSet(chosen, saved)) {
      try {
        await update.mutateAsync({ services: chosen });
      } catch (error) {
        setAlert(describe(error));
        return;
      }
    }
    submit.mutate(
      { consents: texts.data.map((c) => ({ kind: c.kind, version: c.version, accepted: true })) },
      {
        onSuccess: (result) => {
          wizardStore.clear();
          void navigate(`/loans/${result.id}`);
        },
        onError: (error) => setAlert(describe(error)),
      },
    );
  };

  return (
    <form noValidate onSubmit={(event) => void onSubmit(event)} aria-labelledby="consents-title" className="consents-step">
      <ServicesChoice services={catalog} chosen={chosen} onChange={setChosen} />
      <section aria-labelledby="summary-title" className="wizard-total">
        <h2 id="summary-title">{t('services.summaryTitle')}</h2>
        <dl className="details">
          <dt>{t('services.summaryLoan')}</dt>
          <dd>{t('services.summaryLoanValue', { amount: formatMoney(loan.amount, language), days: loan.termDays })}</dd>
          {calc.data ? (
            <>
              <dt>{t('services.summaryToRepay')}</dt>
              <dd>{formatMoney(calc.data.totalToRepay, language)}</dd>
            </>
          ) : null}
          <dt>{t('services.summaryServices')}</dt>
          <dd>
            {picked.length ? (
              <>
                <ul className="plain-list">
                  {picked.map((s) => (
                    <li key={s.code}>{t('services.option', { name: s.name, price: formatMoney(s.price, language) })}</li>
                  ))}
                </ul>
                {t('services.summaryApart', { total: formatMoney({ amount: servicesTotal, currency: 'RUB' }, language) })}
              </>
            ) : (
              t('services.summaryNone')
            )}
          </dd>
        </dl>
      </section>
      <h2 id="consents-title">{t('consents.title')}</h2>
      <p className="muted">{t('consents.intro')}</p>
      <ul className="consents">
        {texts.data.map((c) => (
          <li key={c.kind}>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={accepted[c.kind] ?? false}
                aria-invalid={missing.includes(c.kind) ? true : undefined}
                aria-describedby={`consent-${c.kind}-text`}
                onChange={(event) => {
                  setAccepted((a) => ({ ...a, [c.kind]: event.target.checked }));
                  setMissing((m) => m.filter((k) => k !== c.kind));
                }}
              />
              {t(`consents.agree.${c.kind}`)}
            </label>
            <details className="consents__text">
              <summary>{c.title}</summary>
              <p id={`consent-${c.kind}-text`}>{c.text}</p>
              <small className="muted">{t('consents.version', { version: c.version })}</small>
            </details>
            {missing.includes(c.kind) ? <small className="field__error">{t('consents.required')}</small> : null}
          </li>
        ))}
      </ul>
      <FormAlert>{alert}</FormAlert>
      <div className="button-row">
        <button type="button" className="secondary outline" onClick={() => wizardStore.set({ step: 'personal' })}>
          {t('wizard.back')}
        </button>
        <SubmitButton pending={submit.isPending || update.isPending} pendingLabel={t('consents.sending')}>
          {t('consents.submit')}
        </SubmitButton>
      </div>
    </form>
  );
}
