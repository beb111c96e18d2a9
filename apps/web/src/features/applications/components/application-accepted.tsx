import type { ApplicationStatusView } from '@cabinet/shared-types';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '@/shared/ui/page-heading';

/** After a public form: the tracking number and how to follow the application. */
export function ApplicationAccepted({ view, phone }: { view: ApplicationStatusView; phone: string }) {
  const { t } = useTranslation();
  return (
    <section className="narrow accepted" aria-live="polite">
      <PageHeading title={t('connect.acceptedTitle')}>{t('connect.acceptedTitle')}</PageHeading>
      <p>{t(view.kind === 'callback' ? 'connect.acceptedCallback' : 'connect.acceptedText')}</p>
      <p className="accepted__number">
        {t('connect.trackingNumber')}: <strong data-testid="tracking-number">{view.number}</strong>
      </p>
      <p className="muted">{t('connect.acceptedSms')}</p>
      <p className="button-row">
        <Link className="button-link" to={`/applications/status?number=${encodeURIComponent(view.number)}`} state={{ phone }}>
          {t('connect.checkStatus')}
        </Link>
        <Link to="/tariffs">{t('connect.backToTariffs')}</Link>
      </p>
    </section>
  );
}
