import type { LoanServiceLine, LoanView } from '@cabinet/shared-types';
import { useState } from 'react';
import { useAttemptKey } from '@/shared/api/attempt-key';
import { formatDateTime } from '@/shared/lib/format-date';
import { formatMoney } from '@/shared/lib/format-money';
import { FormAlert } from '@/shared/ui/form-alert';
import { useRefundService } from '../api/manage-loans';
import { useLoansError, useLoansT } from '../i18n/use-loans-t';

/** The loan page's optional services: each with its price and state in words; a refund while the window is open. */
export function LoanServices({ loan }: { loan: LoanView }) {
  const { t } = useLoansT();
  if (!loan.services.length) return null;
  return (
    <section aria-labelledby="services-title">
      <h2 id="services-title" className="section-title">
        {t('services.loanTitle')}
      </h2>
      <p className="muted">{t('services.apart')}</p>
      <ul className="loan-services">
        {loan.services.map((s) => (
          <ServiceLine key={s.code} loanId={loan.id} line={s} closed={['rejected', 'cancelled'].includes(loan.status)} />
        ))}
      </ul>
    </section>
  );
}

function ServiceLine({ loanId, line, closed }: { loanId: string; line: LoanServiceLine; closed: boolean }) {
  const { t, language } = useLoansT();
  const describe = useLoansError();
  const refund = useRefundService(loanId);
  const attempt = useAttemptKey();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const noteId = `service-line-${line.code}`;
  const price = formatMoney(line.price, language);

  const onRefund = () => {
    setError(null);
    const body = { code: line.code };
    refund.mutate(
      { code: line.code, idempotencyKey: attempt.keyFor(body) },
      {
        onSuccess: () => {
          attempt.settle(null);
          setDone(t('services.refundDone', { price }));
        },
        onError: (failure) => {
          attempt.settle(failure);
          setError(describe(failure));
        },
      },
    );
  };

  return (
    <li className="loan-services__line">
      <p>
        <strong>{line.name}</strong> — {price}
      </p>
      <p id={noteId}>
        {closed && line.status === 'selected' ? t('services.notTaken') : t(`services.status.${line.status}`)}
        {line.status === 'paid' && line.refundable && line.refundableUntil ? ` ${t('services.until', { date: formatDateTime(line.refundableUntil, language) })}` : null}
        {line.status === 'paid' && !line.refundable ? ` ${t('services.windowOver')}` : null}
        {line.status === 'refunded' && line.refundedAt ? ` ${t('services.refundedAt', { date: formatDateTime(line.refundedAt, language) })}` : null}
      </p>
      <FormAlert tone="success">{done}</FormAlert>
      <FormAlert>{error}</FormAlert>
      {line.refundable ? (
        <button type="button" className="secondary outline" aria-describedby={noteId} aria-busy={refund.isPending || undefined} disabled={refund.isPending} onClick={onRefund}>
          {t('services.refund')}
        </button>
      ) : null}
    </li>
  );
}
