import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { safeNext } from '@/shared/lib/safe-next';
import { esiaStartUrl, useEsiaConfig } from '../api/esia-config';

/**
 * “Войти через Госуслуги”: a link that leaves for the provider (OpenID Connect) and comes back signed in
 * to `next`. Shown only where the sign-in is configured. The loan wizard may place it with `next="/loans/apply"`.
 */
export function GosuslugiButton({ next }: { next?: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const config = useEsiaConfig();
  if (!config.data?.enabled) return null;
  const target = next ?? safeNext(params.get('next'));
  return (
    <div className="gosuslugi-signin">
      <p className="gosuslugi-signin__or" aria-hidden="true">
        {t('gosuslugi.or')}
      </p>
      <a className="gosuslugi-button" href={esiaStartUrl(target)}>
        <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="20" height="20">
          <path d="M12 2 3 6v6c0 5 3.8 9.4 9 10 5.2-.6 9-5 9-10V6z" fill="currentColor" />
        </svg>
        {t('gosuslugi.signIn')}
      </a>
      <p className="muted gosuslugi-signin__hint">{t('gosuslugi.hint')}</p>
    </div>
  );
}
