import { ServiceLimits, type AccountView, type MobileLineView } from '@cabinet/shared-types';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { formatDay } from '@/shared/lib/format-date';
import { formatMoney } from '@/shared/lib/format-money';
import { formatPhone } from '@/shared/lib/format-phone';
import { FormAlert } from '@/shared/ui/form-alert';
import { ModalDialog } from '@/shared/ui/modal-dialog';
import { useSetBlocked } from '../api/set-blocked';
import { canAct } from './access';

interface BlockTabProps {
  account: AccountView;
  line: MobileLineView | null;
}

/** A voluntary block of a mobile line (lost phone, a trip) or a suspension of the internet contract. */
export function BlockTab({ account, line }: BlockTabProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const describeError = useErrorMessage();
  const mutation = useSetBlocked({ accountId: account.id, lineId: line?.id ?? null });
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const contract = account.contract;
  if (!line && !contract) return null;

  const mobile = line !== null;
  const blocked = line ? line.status === 'blocked' : contract?.status === 'suspended';
  const since = line ? line.blockedAt : (contract?.suspendedAt ?? null);
  const byDebt = line?.blockReason === 'debt';
  const allowed = canAct(account, line?.id ?? null);
  const k = mobile ? 'block' : 'suspend';
  const rule = t('account.blockRule', {
    days: ServiceLimits.voluntaryBlockFreeDays,
    fee: formatMoney({ amount: ServiceLimits.voluntaryBlockDailyFee, currency: 'RUB' }, lang),
  });

  const run = (next: boolean) => {
    setConfirming(false);
    setStatus(null);
    setError(null);
    mutation.mutate(next, {
      onSuccess: () => setStatus(t(`account.${k}.${next ? 'done' : 'undone'}`)),
      onError: (failure) => setError(describeError(failure)),
    });
  };

  return (
    <article aria-labelledby="block-title">
      <h2 id="block-title">
        {line ? t('account.block.title', { phone: formatPhone(line.msisdn) }) : t('account.suspend.title')}
      </h2>
      <FormAlert tone="success">{status}</FormAlert>
      <FormAlert>{error}</FormAlert>
      <p>
        <strong>
          {blocked
            ? t(`account.${k}.stateOn`, { date: since ? formatDay(since, lang) : '—' })
            : t(`account.${k}.stateOff`)}
        </strong>
        {byDebt ? ` ${t('account.block.debt')}` : ''}
      </p>
      <p className="notice">{rule}</p>
      {!allowed ? <p className="notice">{t('account.readOnly')}</p> : null}
      {allowed && !byDebt ? (
        blocked ? (
          <button
            type="button"
            aria-busy={mutation.isPending || undefined}
            disabled={mutation.isPending}
            onClick={() => run(false)}
          >
            {t(`account.${k}.off`)}
          </button>
        ) : (
          <button
            type="button"
            className="contrast"
            aria-busy={mutation.isPending || undefined}
            disabled={mutation.isPending}
            onClick={() => setConfirming(true)}
          >
            {t(`account.${k}.on`)}
          </button>
        )
      ) : null}
      <ModalDialog
        open={confirming}
        role="alertdialog"
        title={t(`account.${k}.confirmTitle`)}
        onCancel={() => setConfirming(false)}
        actions={
          <>
            <button type="button" className="secondary outline" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
            <button type="button" className="contrast" onClick={() => run(true)}>
              {t(`account.${k}.on`)}
            </button>
          </>
        }
      >
        <p>{t(`account.${k}.confirmText`)}</p>
        <p>{rule}</p>
      </ModalDialog>
    </article>
  );
}
