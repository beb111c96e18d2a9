import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '@/shared/api/me';
import { formatDate } from '@/shared/lib/format-date';
import { formatPhone } from '@/shared/lib/format-phone';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { ChangeEmailForm } from '../components/change-email-form';
import { ChangePasswordForm } from '../components/change-password-form';
import { ChangePhoneForm } from '../components/change-phone-form';

/** `identities`: the linked sign-in accounts (Gosuslugi); `extras`: more cards (the security question) — composed in by src/app. */
export function ProfilePage({ identities, extras }: { identities?: ReactNode; extras?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const me = useMe();

  return (
    <>
      <PageHeading title={t('profile.title')}>{t('profile.title')}</PageHeading>
      {me.isPending ? <PageLoader /> : null}
      {me.isError ? <QueryError error={me.error} onRetry={() => void me.refetch()} /> : null}
      {me.data ? (
        <div className="profile-grid">
          <article aria-labelledby="profile-personal">
            <h2 id="profile-personal">{t('profile.personal')}</h2>
            <dl className="details">
              <dt>{t('home.fullName')}</dt>
              <dd>{[me.data.surname, me.data.name, me.data.patronymic].filter(Boolean).join(' ')}</dd>
              <dt>{t('profile.birthDate')}</dt>
              <dd>{me.data.birthDate ? formatDate(me.data.birthDate, i18n.language) : t('common.notSet')}</dd>
              <dt>{t('home.phone')}</dt>
              <dd>{formatPhone(me.data.phone)}</dd>
              <dt>{t('home.contract')}</dt>
              <dd>{me.data.contractNumber ?? t('common.notSet')}</dd>
              <dt>{t('home.email')}</dt>
              <dd>{me.data.email ?? t('common.notSet')}</dd>
            </dl>
            <p>
              <Link to="/sessions">{t('profile.sessionsLink')}</Link>
            </p>
            <p>
              <Link to="/profile/notifications">{t('profile.notificationsLink')}</Link>
            </p>
          </article>
          <article aria-labelledby="profile-password">
            <h2 id="profile-password">{t('passwordChange.title')}</h2>
            <ChangePasswordForm />
          </article>
          <article aria-labelledby="profile-phone">
            <h2 id="profile-phone">{t('profile.phoneTitle')}</h2>
            <ChangePhoneForm currentPhone={me.data.phone} waitingPhone={me.data.pendingPhone} />
          </article>
          <article aria-labelledby="profile-email">
            <h2 id="profile-email">{t('profile.emailTitle')}</h2>
            <ChangeEmailForm currentEmail={me.data.email} />
          </article>
          {identities ? <Suspense fallback={null}>{identities}</Suspense> : null}
          {extras ? <Suspense fallback={null}>{extras}</Suspense> : null}
        </div>
      ) : null}
    </>
  );
}
