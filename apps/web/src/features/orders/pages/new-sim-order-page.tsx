import type { DeliveryMethod } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAccounts } from '@/shared/api/accounts';
import { useAttemptKey } from '@/shared/api/attempt-key';
import { useTariffs } from '@/shared/api/get-tariffs';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { formatMoney } from '@/shared/lib/format-money';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { SelectField } from '@/shared/ui/select-field';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useOrderSim } from '../api/orders';
import { DeliveryChoice } from '../components/delivery-choice';

/** /orders/new/sim — a SIM card for another device: a new line on one of your mobile accounts. */
export function NewSimOrderPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const describe = useErrorMessage();
  const accounts = useAccounts();
  const tariffs = useTariffs({ kind: 'mobile' });
  const order = useOrderSim();
  const attempt = useAttemptKey();
  const own = (accounts.data?.items ?? []).filter((a) => a.kind === 'mobile' && a.access === 'owner' && a.status !== 'closed');
  const [accountId, setAccountId] = useState('');
  const [tariffId, setTariffId] = useState('');
  const [delivery, setDelivery] = useState<DeliveryMethod>('courier');
  const [address, setAddress] = useState('');
  const [pickupOfficeId, setPickupOfficeId] = useState('');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);

  if (accounts.isPending || tariffs.isPending) return <PageLoader />;
  const account = own.find((a) => a.id === accountId) ?? (own.length === 1 ? own[0] : undefined);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (!account) next.account = t('orders.chooseAccount');
    if (!tariffId) next.tariff = t('connect.chooseTariff');
    if (delivery === 'courier' && !address.trim()) next.address = t('common.required');
    setErrors(next);
    if (Object.keys(next).length) return setAlert(t('common.fixErrors'));
    const body = {
      accountId: account!.id,
      tariffId,
      delivery,
      ...(delivery === 'courier' ? { address: address.trim() } : {}),
      ...(delivery === 'pickup' && pickupOfficeId ? { pickupOfficeId } : {}),
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    };
    order.mutate(
      { body, key: attempt.keyFor(body) },
      {
        onSuccess: (o) => {
          attempt.settle(null);
          navigate(`/orders/${o.id}`);
        },
        onError: (error) => {
          attempt.settle(error);
          setAlert(describe(error));
        },
      },
    );
  };

  return (
    <section className="narrow">
      <p className="breadcrumbs">
        <Link to="/orders">{t('orders.title')}</Link>
      </p>
      <PageHeading title={t('orders.newSim')}>{t('orders.newSim')}</PageHeading>
      <p className="muted">{t('orders.simIntro')}</p>
      {!own.length ? (
        <FormAlert tone="info">{t('orders.noMobileAccount')}</FormAlert>
      ) : (
        <form onSubmit={onSubmit} noValidate aria-label={t('orders.newSim')}>
          <FormAlert>{alert}</FormAlert>
          {own.length > 1 ? (
            <SelectField label={t('orders.account')} value={accountId} onChange={(e) => setAccountId(e.target.value)} error={errors.account}>
              <option value="">{t('orders.chooseAccount')}</option>
              {own.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.number}
                </option>
              ))}
            </SelectField>
          ) : (
            <p>{t('orders.onAccount', { number: own[0]!.number })}</p>
          )}
          <SelectField label={t('orders.tariff')} value={tariffId} onChange={(e) => setTariffId(e.target.value)} error={errors.tariff}>
            <option value="">{t('connect.chooseTariff')}</option>
            {(tariffs.data?.items ?? [])
              .filter((x) => !x.archived)
              .map((x) => (
                <option key={x.id} value={x.id}>
                  {t(`providers.${x.provider}`, { defaultValue: x.provider })} · {x.name} — {t('connect.perMonth', { fee: formatMoney(x.monthlyFee, i18n.language) })}
                </option>
              ))}
          </SelectField>
          <DeliveryChoice delivery={delivery} onDelivery={setDelivery} address={address} onAddress={setAddress} error={errors.address} pickupOfficeId={pickupOfficeId} onPickupOffice={setPickupOfficeId} />
          <TextField label={t('orders.comment')} hint={t('connect.optional')} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={1000} />
          <SubmitButton pending={order.isPending} className="wide">
            {t('orders.placeSim')}
          </SubmitButton>
        </form>
      )}
    </section>
  );
}
