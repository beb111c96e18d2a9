import type { AccountView } from '@cabinet/shared-types';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay } from '@/shared/lib/format-date';
import { formatMoney } from '@/shared/lib/format-money';
import { FormAlert } from '@/shared/ui/form-alert';
import { useDeferredPayment } from '../api/deferred-payment';
import { usePromisedPayment } from '../api/promised-payment';
import { DeferredPaymentDialog } from './deferred-payment-dialog';
import { PromisedPaymentDialog } from './promised-payment-dialog';

/** Next to "top up" on the account page: the promised payment (mobile) or the deferred one (internet). Not for viewers. */
export function AccountPaymentActions({ account }: { account: AccountView }) {
  if (account.access === 'viewer') return null;
  return account.kind === 'mobile' ? <PromisedPaymentAction account={account} /> : <DeferredPaymentAction account={account} />;
}

function PromisedPaymentAction({ account }: { account: AccountView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const offer = usePromisedPayment(account.id);
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  if (!offer.data) return null;
  const data = offer.data;
  const taken = data.open;

  return (
    <>
      {data.available ? (
        <button type="button" className="secondary" onClick={() => setOpen(true)}>
          {t('promised.button')}
        </button>
      ) : null}
      <div className="account-actions__notes">
        <FormAlert tone="success">{done}</FormAlert>
        {taken && taken.status !== 'repaid' ? (
          <p className={taken.status === 'overdue' ? 'notice notice--warn' : 'notice'}>
            {t(taken.status === 'overdue' ? 'promised.overdue' : 'promised.open', {
              amount: formatMoney(taken.amount, lang),
              outstanding: formatMoney(taken.outstanding, lang),
              date: formatDay(taken.dueAt, lang),
            })}
          </p>
        ) : null}
        {!data.available && data.reason && data.reason !== 'already_open' ? (
          <p className="muted">{t(`promised.unavailable.${data.reason}`)}</p>
        ) : null}
      </div>
      {open ? (
        <PromisedPaymentDialog
          accountId={account.id}
          offer={data}
          open={open}
          onClose={() => setOpen(false)}
          onDone={(result) => {
            setOpen(false);
            setDone(
              t('promised.done', {
                amount: formatMoney(result.amount, lang),
                outstanding: formatMoney(result.outstanding, lang),
                date: formatDay(result.dueAt, lang),
              }),
            );
          }}
        />
      ) : null}
    </>
  );
}

function DeferredPaymentAction({ account }: { account: AccountView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const offer = useDeferredPayment(account.id);
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  if (!offer.data) return null;
  const data = offer.data;

  return (
    <>
      {data.available ? (
        <button type="button" className="secondary" onClick={() => setOpen(true)}>
          {t('deferred.button')}
        </button>
      ) : null}
      <div className="account-actions__notes">
        <FormAlert tone="success">{done}</FormAlert>
        {!done && data.reason === 'used_this_month' && data.last ? (
          <p className="muted">
            {t('deferred.used', { date: formatDay(data.last.createdAt, lang), paidUntil: formatDay(data.last.paidUntil, lang) })}
          </p>
        ) : null}
        {!data.available && (data.reason === 'account_not_active' || data.reason === 'not_internet') ? (
          <p className="muted">{t(`deferred.unavailable.${data.reason}`)}</p>
        ) : null}
      </div>
      {open ? (
        <DeferredPaymentDialog
          accountId={account.id}
          offer={data}
          open={open}
          onClose={() => setOpen(false)}
          onDone={(paidUntil) => {
            setOpen(false);
            setDone(t('deferred.done', { date: formatDay(paidUntil, lang) }));
          }}
        />
      ) : null}
    </>
  );
}
