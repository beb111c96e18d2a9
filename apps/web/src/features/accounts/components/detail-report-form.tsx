import { DetailReportFormats, DetailReportLimits, type DetailReportFormat, type DetailReportRequest } from '@cabinet/shared-types';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAttemptKey } from '@/shared/api/attempt-key';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { formatDay } from '@/shared/lib/format-date';
import { FormAlert } from '@/shared/ui/form-alert';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { orderDetailReport } from '../api/get-transactions';

/** `YYYY-MM-DD` of a local date. */
const isoDay = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/** The detail of a period (CSV or PDF), sent by e-mail to the address in the profile. */
export function DetailReportForm({ accountId }: { accountId: string }) {
  const { t, i18n } = useTranslation();
  const describeError = useErrorMessage();
  const [today] = useState(() => new Date());
  const [from, setFrom] = useState(() => isoDay(new Date(today.getFullYear(), today.getMonth() - 1, 1)));
  const [to, setTo] = useState(() => isoDay(today));
  const [format, setFormat] = useState<DetailReportFormat>('pdf');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const attempt = useAttemptKey();
  const order = useMutation({
    mutationFn: ({ request, key }: { request: DetailReportRequest; key: string }) => orderDetailReport(accountId, request, key),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!from || !to || to < from) {
      setFieldError(t('history.periodInvalid'));
      return;
    }
    setFieldError(null);
    const request: DetailReportRequest = { from, to, format };
    order.mutate(
      { request, key: attempt.keyFor(request) },
      { onSuccess: () => attempt.settle(null), onError: (failure) => attempt.settle(failure) },
    );
  };

  return (
    <details className="detail-report">
      <summary>{t('report.title')}</summary>
      <form noValidate onSubmit={onSubmit} aria-label={t('report.title')}>
        <p className="muted">{t('report.intro', { months: DetailReportLimits.maxMonths })}</p>
        <div className="filter-grid">
          <TextField label={t('history.from')} type="date" value={from} max={to} onChange={(event) => setFrom(event.target.value)} />
          <TextField
            label={t('history.to')}
            type="date"
            value={to}
            max={isoDay(today)}
            error={fieldError}
            onChange={(event) => setTo(event.target.value)}
          />
        </div>
        <fieldset className="segmented-field">
          <legend>{t('report.format')}</legend>
          <div className="segmented">
            {DetailReportFormats.map((value) => (
              <label key={value}>
                <input type="radio" name="report-format" value={value} checked={format === value} onChange={() => setFormat(value)} />
                {value.toUpperCase()}
              </label>
            ))}
          </div>
        </fieldset>
        <FormAlert tone="success">
          {order.data
            ? t('report.queued', {
                from: formatDay(order.data.from, i18n.language),
                to: formatDay(order.data.to, i18n.language),
                email: order.data.email,
              })
            : null}
        </FormAlert>
        <FormAlert>{order.isError ? describeError(order.error) : null}</FormAlert>
        <SubmitButton pending={order.isPending}>{t('report.submit')}</SubmitButton>
      </form>
    </details>
  );
}
