import type { StatusChange } from '@cabinet/shared-types';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '@/shared/lib/format-date';
import { formatMoney } from '@/shared/lib/format-money';
import { formatPhone } from '@/shared/lib/format-phone';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { StatusBadge } from '@/shared/ui/status-badge';
import { StatusTimeline } from '@/shared/ui/status-timeline';
import { useApplication, useChangeApplicationStatus } from '../api/queues';
import { ProcessApplicationForm } from '../components/process-application-form';
import { StatusChangeForm } from '../components/status-change-form';

const queueOf = { mobile: '/backoffice/connections', internet: '/backoffice/internet', callback: '/backoffice/callbacks' } as const;
const open = ['new', 'in_progress', 'waiting_for_customer'];

/** /backoffice/applications/:id — the application, its history, the status and the processing. */
export function ApplicationPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { applicationId = '' } = useParams();
  const application = useApplication(applicationId);
  const change = useChangeApplicationStatus(applicationId);
  if (application.isPending) return <PageLoader />;
  if (application.isError) return <QueryError error={application.error} onRetry={() => void application.refetch()} />;
  const a = application.data;
  const choices: StatusChange[] = a.kind === 'callback' ? ['in_progress', 'waiting_for_customer', 'done', 'rejected'] : ['in_progress', 'waiting_for_customer', 'rejected'];
  const isOpen = open.includes(a.status);
  return (
    <>
      <p className="breadcrumbs">
        <Link to={queueOf[a.kind]}>{t(`backoffice.queueNames.${a.kind}`)}</Link>
      </p>
      <PageHeading title={t('connect.applicationNo', { number: a.number })}>
        {t('connect.applicationNo', { number: a.number })} <StatusBadge status={a.status} />
      </PageHeading>
      <dl className="details">
        <dt>{t('connect.kind')}</dt>
        <dd>{t(`connect.kinds.${a.kind}`)}</dd>
        <dt>{a.kind === 'internet' ? t('connect.fullName') : t('connect.name')}</dt>
        <dd>{a.name || '—'}</dd>
        {a.companyName ? (
          <>
            <dt>{t('connect.companyName')}</dt>
            <dd>{a.companyName}</dd>
          </>
        ) : null}
        <dt>{t('connect.phone')}</dt>
        <dd>
          <a href={`tel:${a.phone}`}>{formatPhone(a.phone)}</a>
        </dd>
        {a.email ? (
          <>
            <dt>{t('connect.email')}</dt>
            <dd>{a.email}</dd>
          </>
        ) : null}
        {a.address ? (
          <>
            <dt>{a.kind === 'internet' ? t('connect.address') : t('connect.deliveryAddress')}</dt>
            <dd>{a.address}</dd>
          </>
        ) : null}
        {a.tariff ? (
          <>
            <dt>{t('connect.tariff')}</dt>
            <dd>
              {t(`providers.${a.tariff.provider}`, { defaultValue: a.tariff.provider })} · {a.tariff.name} ({t('connect.perMonth', { fee: formatMoney(a.tariff.monthlyFee, lang) })})
            </dd>
          </>
        ) : null}
        {a.chosenNumber ? (
          <>
            <dt>{t('connect.number')}</dt>
            <dd>
              {formatPhone(a.chosenNumber.msisdn)} — {formatMoney(a.chosenNumber.price, lang)}
            </dd>
          </>
        ) : null}
        {a.topic ? (
          <>
            <dt>{t('connect.topic')}</dt>
            <dd>{t(`connect.topics.${a.topic}`)}</dd>
          </>
        ) : null}
        {a.comment ? (
          <>
            <dt>{t('connect.comment')}</dt>
            <dd>{a.comment}</dd>
          </>
        ) : null}
        <dt>{t('backoffice.created')}</dt>
        <dd>{formatDateTime(a.createdAt, lang)}</dd>
        {a.existingCustomerId ? (
          <>
            <dt>{t('backoffice.customer')}</dt>
            <dd>
              <Link to={`/backoffice/customers/${a.existingCustomerId}`}>{t('backoffice.openCard')}</Link>
            </dd>
          </>
        ) : null}
      </dl>
      {a.result ? (
        <FormAlert tone="success">
          {t(a.result.newCustomer ? 'backoffice.processedNew' : 'backoffice.processedExisting', { login: a.result.login.startsWith('+') ? formatPhone(a.result.login) : a.result.login })}{' '}
          <Link to={`/backoffice/customers/${a.result.customerId}`}>{t('backoffice.openCard')}</Link>
        </FormAlert>
      ) : null}
      <div className="panels">
        {isOpen && a.kind !== 'callback' ? <ProcessApplicationForm application={a} /> : null}
        {isOpen ? (
          <StatusChangeForm
            current={a.status}
            choices={choices}
            pending={change.isPending}
            onChange={(body, done) => change.mutate(body, { onSuccess: () => done(null), onError: (e) => done(e) })}
          />
        ) : null}
      </div>
      <h2>{t('connect.history')}</h2>
      <StatusTimeline history={a.history} label={t('connect.history')} />
    </>
  );
}
