import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { safeNext } from '@/shared/lib/safe-next';
import { logout } from '@/shared/session/logout';
import { useSession } from '@/shared/session/use-session';
import { PageHeading } from '@/shared/ui/page-heading';
import { ChangePasswordForm } from '../components/change-password-form';

/** An issued password must be replaced before anything else (the API answers 403 until then). */
export function ForcedPasswordChangePage() {
  const { t } = useTranslation();
  const session = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));

  if (!session.mustChangePassword) return <Navigate to={next} replace />;

  return (
    <section className="auth-card">
      <PageHeading title={t('passwordChange.forcedTitle')}>{t('passwordChange.forcedTitle')}</PageHeading>
      <p>{t('passwordChange.forcedIntro')}</p>
      {/* On success the store drops mustChangePassword and the Navigate above takes over. */}
      <ChangePasswordForm offerEndOthers={false} />
      <p className="auth-card__links">
        <button type="button" className="link-button" onClick={() => void logout('logout')}>
          {t('passwordChange.signOutInstead')}
        </button>
      </p>
    </section>
  );
}
