import type { AccountView } from '@cabinet/shared-types';
import { useTranslation } from 'react-i18next';

/** Kind, status (when not active) and the caller's access level (when not the owner). */
export function AccountBadges({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  return (
    <span className="badges">
      <span className="badge badge--email">{t(`accountKind.${account.kind}`)}</span>
      {account.status !== 'active' ? (
        <span className="badge badge--warn">{t(`accountStatus.${account.status}`)}</span>
      ) : null}
      {account.access !== 'owner' ? (
        <span className="badge">{t('accounts.yourAccess', { level: t(`access.${account.access}`) })}</span>
      ) : null}
    </span>
  );
}
