import type { ConsentKind, LoanView } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { SubmitButton } from '@/shared/ui/submit-button';
import { useConsentTexts } from '../api/get-loans';
import { useSubmitLoan } from '../api/manage-loans';
import { useLoansError, useLoansT } from '../i18n/use-loans-t';
import { wizardStore } from './wizard-store';

/** Three consents, each its own checkbox with its text (and version); then the application is sent. */
export function ConsentsStep({ loan }: { loan: LoanView }) {
  const { t } = useLoansT();
  const describe = useLoansError();
  const navigate = useNavigate();
  const texts = useConsentTexts();
  const submit = useSubmitLoan(loan.id);
  const [accepted, setAccepted] = useState<Partial<Record<ConsentKind, boolean>>>({});
  const [missing, setMissing] = useState<ConsentKind[]>([]);
  const [alert, setAlert] = useState<string | null>(null);

  if (texts.isPending) return <PageLoader />;
  if (texts.isError) return <QueryError error={texts.error} onRetry={() => void texts.refetch()} />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const notYet = texts.data.filter((c) => !accepted[c.kind]).map((c) => c.kind);
    setMissing(notYet);
    if (notYet.length) {
      setAlert(t('consents.needAll'));
      return;
    }
    setAlert(null);
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
    <form noValidate onSubmit={onSubmit} aria-labelledby="consents-title" className="consents-step">
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
        <SubmitButton pending={submit.isPending} pendingLabel={t('consents.sending')}>
          {t('consents.submit')}
        </SubmitButton>
      </div>
    </form>
  );
}
