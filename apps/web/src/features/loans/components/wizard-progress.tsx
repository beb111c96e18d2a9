import { useLoansT } from '../i18n/use-loans-t';
import { wizardSteps, type WizardStep } from './wizard-store';

/** The wizard's steps: done ones ticked, the current one marked for assistive technology. */
export function WizardProgress({ step }: { step: WizardStep }) {
  const { t } = useLoansT();
  const index = wizardSteps.indexOf(step);
  return (
    <ol className="wizard-progress" aria-label={t('wizard.progress', { step: index + 1, count: wizardSteps.length })}>
      {wizardSteps.map((s, i) => (
        <li key={s} className={i < index ? 'wizard-progress__step wizard-progress__step--done' : i === index ? 'wizard-progress__step wizard-progress__step--current' : 'wizard-progress__step'} aria-current={i === index ? 'step' : undefined}>
          <span className="wizard-progress__n" aria-hidden="true">
            {i < index ? '✓' : i + 1}
          </span>
          <span>{t(`wizard.steps.${s}`)}</span>
        </li>
      ))}
    </ol>
  );
}
