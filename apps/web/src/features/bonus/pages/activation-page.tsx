import type { BonusActivationStartedView } from '@cabinet/shared-types';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeading } from '@/shared/ui/page-heading';
import { ActivationCodeForm } from '../components/activation-code-form';
import { ActivationForm } from '../components/activation-form';

/** /bonus/activate — a plastic card bought at a station, activated without signing in. */
export function ActivationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [started, setStarted] = useState<BonusActivationStartedView | null>(null);
  return (
    <section className="auth-card bonus-activation">
      <PageHeading title={t('bonus.activation.title')}>{t('bonus.activation.title')}</PageHeading>
      {started ? (
        <ActivationCodeForm started={started} onBack={() => setStarted(null)} onDone={() => navigate('/bonus', { replace: true })} />
      ) : (
        <>
          <p>{t('bonus.activation.intro')}</p>
          <ActivationForm onStarted={setStarted} />
        </>
      )}
      <p className="auth-card__links">
        <Link to="/login">{t('bonus.activation.haveAccount')}</Link>
      </p>
    </section>
  );
}
