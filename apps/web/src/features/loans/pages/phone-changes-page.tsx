import type { PhoneChangeRequestView } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { formatDateTime } from '@/shared/lib/format-date';
import { formatPhone } from '@/shared/lib/format-phone';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { TextField } from '@/shared/ui/text-field';
import { useDecidePhoneChange, usePhoneChanges } from '../api/backoffice';
import { useLoansError, useLoansT } from '../i18n/use-loans-t';
import '../loans.css';

/**
 * /backoffice/phone-changes — borrowers' phone changes waiting for the identity check: call the person,
 * ask for the passport series and number, type what they say; only a match switches the login.
 */
export function PhoneChangesPage() {
  const { t } = useLoansT();
  const list = usePhoneChanges();
  return (
    <div className="loans-page backoffice">
      <PageHeading title={t('phoneChanges.title')}>{t('phoneChanges.title')}</PageHeading>
      <p className="muted">{t('phoneChanges.intro')}</p>
      {list.isPending ? <PageLoader /> : null}
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && list.data.items.length === 0 ? <p className="muted">{t('phoneChanges.empty')}</p> : null}
      <ul className="session-list">
        {list.data?.items.map((r) => (
          <li key={r.id}>
            <PhoneChange request={r} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function PhoneChange({ request }: { request: PhoneChangeRequestView }) {
  const { t, language } = useLoansT();
  const describe = useLoansError();
  const decide = useDecidePhoneChange();
  const [series, setSeries] = useState('');
  const [number, setNumber] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  const confirm = (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{4}$/.test(series) || !/^\d{6}$/.test(number)) {
      setError(t('phoneChanges.passportFormat'));
      return;
    }
    setError(null);
    decide.mutate({ id: request.id, confirm: true, passportSeries: series, passportNumber: number }, { onError: (e) => setError(describe(e)) });
  };
  const reject = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setError(t('review.reasonRequired'));
      return;
    }
    setError(null);
    decide.mutate({ id: request.id, confirm: false, reason: reason.trim() }, { onError: (e) => setError(describe(e)) });
  };

  return (
    <article aria-labelledby={`pc-${request.id}`}>
      <h2 id={`pc-${request.id}`} className="session__name">
        {request.customer.name}
      </h2>
      <p>
        {t('phoneChanges.change', { from: formatPhone(request.oldPhone), to: formatPhone(request.newPhone) })}{' '}
        <span className="muted">· {formatDateTime(request.requestedAt, language)}</span>
      </p>
      <div className="home-grid">
        <form noValidate onSubmit={confirm} aria-label={t('phoneChanges.confirm')}>
          <div className="form-grid">
            <TextField label={t('personal.series')} inputMode="numeric" maxLength={4} value={series} onChange={(e) => setSeries(e.target.value.replace(/\D/g, ''))} />
            <TextField label={t('personal.number')} inputMode="numeric" maxLength={6} value={number} onChange={(e) => setNumber(e.target.value.replace(/\D/g, ''))} />
          </div>
          <button type="submit" disabled={decide.isPending}>
            {t('phoneChanges.confirm')}
          </button>
        </form>
        <form noValidate onSubmit={reject} aria-label={t('phoneChanges.reject')}>
          <TextField label={t('review.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
          <button type="submit" className="contrast" disabled={decide.isPending}>
            {t('phoneChanges.reject')}
          </button>
        </form>
      </div>
      <FormAlert>{error}</FormAlert>
    </article>
  );
}
