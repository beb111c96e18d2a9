import type { EsiaOutcome } from '@cabinet/shared-types';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '@/shared/api/api-error';
import { safeNext } from '@/shared/lib/safe-next';
import { useSession } from '@/shared/session/use-session';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { esiaStartUrl } from '../api/esia-config';
import { useLinkTicket } from '../api/link';
import { LinkForm } from '../components/link-form';

const OUTCOMES: readonly EsiaOutcome[] = ['link_required', 'unconfirmed', 'failed', 'canceled', 'expired', 'already_linked'];

/**
 * /login/gosuslugi — where the Gosuslugi callback sends the browser when it did not sign in at once:
 * confirm the link to an existing cabinet, or read why not (an unconfirmed account, a cancel, a failure).
 */
export function GosuslugiPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  const [params] = useSearchParams();
  const raw = params.get('outcome');
  const outcome: EsiaOutcome = OUTCOMES.includes(raw as EsiaOutcome) ? (raw as EsiaOutcome) : 'failed';
  const ticket = outcome === 'link_required' ? params.get('ticket') : null;
  const view = useLinkTicket(ticket);

  if (session.status === 'restoring') return <PageLoader />;
  if (session.status === 'authenticated' && outcome !== 'link_required') return <Navigate to="/" replace />;

  const retry = (
    <p className="button-row">
      <a role="button" className="secondary outline" href={esiaStartUrl('/')}>
        {t('gosuslugi.tryAgain')}
      </a>
      <Link to="/login">{t('gosuslugi.withPassword')}</Link>
    </p>
  );

  return (
    <section className="auth-card">
      <PageHeading title={t('gosuslugi.title')}>{outcome === 'link_required' ? t('gosuslugi.linkTitle') : t('gosuslugi.title')}</PageHeading>
      {outcome === 'link_required' ? (
        <>
          {view.isPending && ticket ? <PageLoader /> : null}
          {view.isError || !ticket ? (
            <>
              <FormAlert>{view.error instanceof ApiError && view.error.status === 404 ? t('gosuslugi.errors.esia_ticket_invalid') : t('gosuslugi.outcome.failed')}</FormAlert>
              {retry}
            </>
          ) : null}
          {view.data && ticket ? <LinkForm ticket={ticket} view={view.data} onLinked={() => navigate(safeNext(view.data.next), { replace: true })} /> : null}
        </>
      ) : (
        <>
          <FormAlert>{t(`gosuslugi.outcome.${outcome}`)}</FormAlert>
          {outcome === 'unconfirmed' ? <p>{t('gosuslugi.unconfirmedHelp')}</p> : null}
          {retry}
        </>
      )}
    </section>
  );
}
