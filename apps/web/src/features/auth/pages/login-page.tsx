import { Suspense, useEffect, useLayoutEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useSearchParams } from 'react-router';
import { dismissBootShell } from '@/shared/lib/boot-shell';
import { safeNext } from '@/shared/lib/safe-next';
import { sessionStore } from '@/shared/session/session-store';
import { useSession } from '@/shared/session/use-session';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { LoginForm } from '../components/login-form';

interface LoginLocationState {
  passwordChanged?: boolean;
  login?: string;
}

/** `alternatives`: other ways in (Gosuslugi), composed in by src/app. */
export function LoginPage({ alternatives }: { alternatives?: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const [params] = useSearchParams();
  const location = useLocation();
  const state = (location.state ?? {}) as LoginLocationState;
  const next = safeNext(params.get('next'));
  // Why the last session ended is told once: kept here, then cleared from the store.
  const [endReason] = useState(session.endReason);
  useEffect(() => sessionStore.clearEndReason(), []);
  // The static copy of this page in index.html (shown before the JavaScript came) leaves in this very frame.
  useLayoutEffect(dismissBootShell, []);

  if (session.status === 'restoring') return <PageLoader />;
  if (session.status === 'authenticated') return <Navigate to={next} replace />;

  const notice = state.passwordChanged ? t('login.passwordChanged') : endReason ? t(`signedOut.${endReason}`) : null;

  return (
    <section className="auth-card">
      <PageHeading title={t('login.title')}>{t('login.title')}</PageHeading>
      <p className="muted">{t('login.intro')}</p>
      <FormAlert tone="info">{notice}</FormAlert>
      <LoginForm initialLogin={state.login} />
      {alternatives ? <Suspense fallback={null}>{alternatives}</Suspense> : null}
      <p className="auth-card__links">
        <Link to="/forgot-password">{t('login.forgot')}</Link>
      </p>
      <p className="auth-card__links">
        <Link to="/forgot-password/question">{t('login.forgotNoPhone')}</Link>
      </p>
      <p className="auth-card__links">
        <Link to="/pay">{t('publicNav.pay')}</Link>
      </p>
      <p className="auth-card__links">
        <Link to="/tariffs">{t('login.tariffs')}</Link>
      </p>
      <p className="auth-card__links">
        <Link to="/bonus/activate">{t('login.bonusActivation')}</Link>
      </p>
    </section>
  );
}
