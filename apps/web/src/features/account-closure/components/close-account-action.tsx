import type { AccountView, ClosureBlocker } from '@cabinet/shared-types';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/shared/api/api-error';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { formatMoney } from '@/shared/lib/format-money';
import { FormAlert } from '@/shared/ui/form-alert';
import { ModalDialog } from '@/shared/ui/modal-dialog';
import { PageLoader } from '@/shared/ui/page-loader';
import { useClosureCheck, useCloseAccount } from '../api/closure';

/**
 * "Close the account" (owner only): the dialog first asks the API what is still owed; with anything
 * owed it lists what to settle first, otherwise it asks to confirm. History stays readable afterwards.
 */
export function CloseAccountAction({ account }: { account: AccountView }) {
  const { t, i18n } = useTranslation();
  const describe = useErrorMessage();
  const [open, setOpen] = useState(false);
  const check = useClosureCheck(account.id, open);
  const close = useCloseAccount(account.id);
  const [refused, setRefused] = useState<ClosureBlocker[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (account.access !== 'owner' || account.status === 'closed') return null;
  const blockers = refused ?? check.data?.blockers ?? [];
  const cancel = () => {
    setOpen(false);
    setRefused(null);
    setError(null);
  };

  return (
    <>
      <button type="button" className="secondary outline" onClick={() => setOpen(true)}>
        {t('closure.button')}
      </button>
      <ModalDialog
        open={open}
        title={t('closure.title', { number: account.number })}
        onCancel={cancel}
        actions={
          <>
            <button type="button" className="secondary" onClick={cancel}>
              {t('common.cancel')}
            </button>
            {check.data?.allowed && !refused ? (
              <button
                type="button"
                className="contrast"
                aria-busy={close.isPending || undefined}
                disabled={close.isPending}
                onClick={() =>
                  close.mutate(undefined, {
                    onSuccess: cancel,
                    onError: (e) => {
                      if (isApiError(e, 'account_closure_refused')) setRefused(e.problem?.blockers ?? []);
                      else setError(describe(e));
                    },
                  })
                }
              >
                {t('closure.confirm')}
              </button>
            ) : null}
          </>
        }
      >
        {check.isPending ? <PageLoader /> : null}
        <FormAlert>{error ?? (check.isError ? describe(check.error) : null)}</FormAlert>
        {blockers.length ? (
          <>
            <p>{t('closure.settleFirst')}</p>
            <ul aria-label={t('closure.settleFirst')}>
              {blockers.map((b) => (
                <li key={b.code}>
                  {t(`closure.blockers.${b.code}`, { defaultValue: b.detail, amount: b.amount ? formatMoney(b.amount, i18n.language) : '' })}
                </li>
              ))}
            </ul>
          </>
        ) : check.data?.allowed ? (
          <p>{t('closure.warning')}</p>
        ) : null}
      </ModalDialog>
    </>
  );
}
