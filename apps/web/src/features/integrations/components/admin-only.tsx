import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '@/shared/api/me';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';

/** The integrator back office is for administrators; anyone else is told so (the API refuses them too). */
export function AdminOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  if (me.isPending) return <PageLoader />;
  if (me.isError) return <QueryError error={me.error} onRetry={() => void me.refetch()} />;
  if (me.data.role !== 'admin') {
    return (
      <div role="alert" className="form-alert form-alert--error">
        <p>{t('integrations.adminOnly')}</p>
      </div>
    );
  }
  return <>{children}</>;
}
