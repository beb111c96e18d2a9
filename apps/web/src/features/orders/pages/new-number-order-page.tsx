import type { DeliveryMethod } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAccounts } from '@/shared/api/accounts';
import { useAttemptKey } from '@/shared/api/attempt-key';
import { useTariffs } from '@/shared/api/get-tariffs';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { formatMoney } from '@/shared/lib/format-money';
import { formatPhone } from '@/shared/lib/format-phone';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { SelectField } from '@/shared/ui/select-field';
import { SubmitButton } from '@/shared/ui/submit-button';
import { useOrderNumber, useOrderNumberInfo } from '../api/orders';
import { DeliveryChoice } from '../components/delivery-choice';

/**
 * /orders/new/number?numberId= — buy a beautiful number: it replaces the number of one of your lines
 * (same operator) or comes as a new line; its price is charged from the account at once.
 */
export function NewNumberOrderPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const describe = useErrorMessage();
  const [params] = useSearchParams();
  const numberId = params.get('numberId');
  const number = useOrderNumberInfo(numberId);
  const accounts = useAccounts();
  const tariffs = useTariffs({ kind: 'mobile' });
  const order = useOrderNumber();
  const attempt = useAttemptKey();
  const [target, setTarget] = useState<string>('');
  const [tariffId, setTariffId] = useState('');
  const [delivery, setDelivery] = useState<DeliveryMethod>('courier');
  const [address, setAddress] = useState('');
  const [alert, setAlert] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  if (!numberId) return <FormAlert tone="info">{t('orders.pickNumberFirst')}</FormAlert>;
  if (number.isPending || accounts.isPending) return <PageLoader />;
  if (number.isError) return <QueryError error={number.error} onRetry={() => void number.refetch()} />;
  const n = number.data;
  const own = (accounts.data?.items ?? []).filter((a) => a.kind === 'mobile' && a.access === 'owner' && a.status !== 'closed');
  const lines = own.flatMap((a) => a.lines.filter((l) => l.operator === n.operator).map((l) => ({ account: a, line: l })));
  const newLineTariffs = (tariffs.data?.items ?? []).filter((x) => !x.archived && x.provider === n.operator);
  // `line:<lineId>` or `new:<accountId>`.
  const [kind, id] = target.split(':') as ['line' | 'new' | '', string | undefined];

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (!kind) next.target = t('orders.chooseTarget');
    if (kind === 'new' && !tariffId) next.tariff = t('connect.chooseTariff');
    if (kind === 'new' && delivery === 'courier' && !address.trim()) next.address = t('common.required');
    setErrors(next);
    if (Object.keys(next).length) return setAlert(t('common.fixErrors'));
    const body =
      kind === 'line'
        ? { numberId: n.id, accountId: lines.find((x) => x.line.id === id)!.account.id, lineId: id }
        : { numberId: n.id, accountId: id!, tariffId, delivery, ...(delivery === 'courier' ? { address: address.trim() } : {}) };
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
        <Link to="/numbers">{t('numbers.title')}</Link>
      </p>
      <PageHeading title={t('orders.buyTitle')}>{t('orders.buyNumber', { number: formatPhone(n.msisdn) })}</PageHeading>
      <p>
        {t('orders.buyPrice', { price: formatMoney(n.price, lang), operatorPrice: formatMoney(n.operatorPrice, lang) })}
      </p>
      {!n.available ? (
        <FormAlert tone="info">{t('connect.numberGone')}</FormAlert>
      ) : !own.length ? (
        <FormAlert tone="info">{t('orders.noMobileAccount')}</FormAlert>
      ) : (
        <form onSubmit={onSubmit} noValidate aria-label={t('orders.buyTitle')}>
          <FormAlert>{alert}</FormAlert>
          <fieldset aria-describedby={errors.target ? 'number-target-error' : undefined}>
            <legend>{t('orders.target')}</legend>
            {lines.map(({ line }) => (
              <label key={line.id} className="checkbox">
                <input type="radio" name="target" value={`line:${line.id}`} checked={target === `line:${line.id}`} onChange={(e) => setTarget(e.target.value)} />
                {t('orders.replaceLine', { line: formatPhone(line.msisdn) })}
              </label>
            ))}
            {own.map((a) => (
              <label key={a.id} className="checkbox">
                <input type="radio" name="target" value={`new:${a.id}`} checked={target === `new:${a.id}`} onChange={(e) => setTarget(e.target.value)} />
                {t('orders.newLineOn', { number: a.number })}
              </label>
            ))}
            {errors.target ? (
              <small id="number-target-error" className="field__error">
                {errors.target}
              </small>
            ) : null}
          </fieldset>
          {kind === 'new' ? (
            <>
              <SelectField label={t('orders.tariff')} value={tariffId} onChange={(e) => setTariffId(e.target.value)} error={errors.tariff}>
                <option value="">{t('connect.chooseTariff')}</option>
                {newLineTariffs.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name} — {t('connect.perMonth', { fee: formatMoney(x.monthlyFee, lang) })}
                  </option>
                ))}
              </SelectField>
              <DeliveryChoice delivery={delivery} onDelivery={setDelivery} address={address} onAddress={setAddress} error={errors.address} />
            </>
          ) : null}
          <p className="muted">{t('orders.chargeNote', { price: formatMoney(n.price, lang) })}</p>
          <SubmitButton pending={order.isPending} className="wide">
            {t('orders.buyFor', { price: formatMoney(n.price, lang) })}
          </SubmitButton>
        </form>
      )}
    </section>
  );
}
