import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearchParams } from 'react-router';
import { isApiError } from '@/shared/api/api-error';
import { formatPhone } from '@/shared/lib/format-phone';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { StatusBadge } from '@/shared/ui/status-badge';
import { StatusTimeline } from '@/shared/ui/status-timeline';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useApplicationStatus } from '../api/get-application-status';

/** /applications/status — where an application stands, by its number and the phone it was made with. */
export function ApplicationStatusPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const statePhone = (location.state as { phone?: string } | null)?.phone ?? '';
  const [number, setNumber] = useState(params.get('number') ?? '');
  const [phone, setPhone] = useState(statePhone);
  const [asked, setAsked] = useState<{ number: string; phone: string }>(() => (params.get('number') && statePhone ? { number: params.get('number')!, phone: statePhone } : { number: '', phone: '' }));
  const status = useApplicationStatus(asked.number, asked.phone);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!number.trim() || !phone.trim()) return;
    // Asking again about the same application fetches it afresh.
    if (asked.number === number.trim() && asked.phone === phone.trim()) void status.refetch();
    setAsked({ number: number.trim(), phone: phone.trim() });
    setParams({ number: number.trim() }, { replace: true });
  };

  const notFound = isApiError(status.error, 'not_found');
  return (
    <section className="narrow">
      <PageHeading title={t('connect.statusTitle')}>{t('connect.statusTitle')}</PageHeading>
      <form onSubmit={onSubmit} aria-label={t('connect.statusTitle')}>
        <TextField label={t('connect.trackingNumber')} hint={t('connect.trackingHint')} value={number} onChange={(e) => setNumber(e.target.value)} autoCapitalize="characters" required />
        <TextField label={t('connect.phone')} value={phone} onChange={(e) => setPhone(e.target.value)} type="tel" inputMode="tel" autoComplete="tel" required />
        <SubmitButton pending={status.isFetching} className="wide">
          {t('connect.findStatus')}
        </SubmitButton>
      </form>
      {status.isPending && status.fetchStatus === 'fetching' ? <PageLoader /> : null}
      {notFound ? <FormAlert>{t('connect.statusNotFound')}</FormAlert> : null}
      {status.isError && !notFound ? <QueryError error={status.error} onRetry={() => void status.refetch()} /> : null}
      {status.data ? (
        <article aria-labelledby="application-status-heading" className="status-card">
          <h2 id="application-status-heading">
            {t('connect.applicationNo', { number: status.data.number })} <StatusBadge status={status.data.status} />
          </h2>
          <dl className="details">
            <dt>{t('connect.kind')}</dt>
            <dd>{t(`connect.kinds.${status.data.kind}`)}</dd>
            {status.data.tariff ? (
              <>
                <dt>{t('connect.tariff')}</dt>
                <dd>{status.data.tariff.name}</dd>
              </>
            ) : null}
            {status.data.chosenNumber ? (
              <>
                <dt>{t('connect.number')}</dt>
                <dd>{formatPhone(status.data.chosenNumber)}</dd>
              </>
            ) : null}
          </dl>
          {status.data.status === 'rejected' && status.data.reason ? <FormAlert tone="info">{t('connect.rejectedBecause', { reason: status.data.reason })}</FormAlert> : null}
          <h3>{t('connect.history')}</h3>
          <StatusTimeline history={status.data.history} label={t('connect.history')} />
        </article>
      ) : null}
    </section>
  );
}
