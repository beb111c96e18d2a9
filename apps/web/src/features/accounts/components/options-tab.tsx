import type { AccountView, MobileLineView, TariffOptionView } from '@cabinet/shared-types';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { formatGigabytes, formatMoney, formatNumber } from '@/shared/lib/format-money';
import { FormAlert } from '@/shared/ui/form-alert';
import { ModalDialog } from '@/shared/ui/modal-dialog';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { useTariffOptions } from '../api/get-tariff-options';
import { useToggleOption } from '../api/toggle-option';
import { canAct } from './access';

interface OptionsTabProps {
  account: AccountView;
  line: MobileLineView;
}

/** Options that fit the line's tariff, each with its fee and what it adds, switched on and off. */
export function OptionsTab({ account, line }: OptionsTabProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const describeError = useErrorMessage();
  const options = useTariffOptions(line.tariff.id);
  const toggle = useToggleOption({ accountId: account.id, lineId: line.id });
  const [confirming, setConfirming] = useState<TariffOptionView | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const allowed = canAct(account, line.id);
  const active = line.status === 'active';

  const isOn = (option: TariffOptionView) =>
    line.options.some((activeOption) => activeOption.id === option.id || activeOption.code === option.code);

  const adds = (option: TariffOptionView) =>
    [
      option.adds.minutes ? t('tariff.minutesValue', { value: `+${formatNumber(option.adds.minutes, lang)}` }) : null,
      option.adds.sms ? t('tariff.smsValue', { value: `+${formatNumber(option.adds.sms, lang)}` }) : null,
      option.adds.mb ? t('tariff.gbValue', { value: `+${formatGigabytes(option.adds.mb, lang)}` }) : null,
    ]
      .filter(Boolean)
      .join(', ');

  const run = (option: TariffOptionView, on: boolean) => {
    setConfirming(null);
    setStatus(null);
    setError(null);
    toggle.mutate(
      { optionId: option.id, on },
      {
        onSuccess: () =>
          setStatus(
            on
              ? t('account.optionOn', { name: option.name, amount: formatMoney(option.monthlyFee, lang) })
              : t('account.optionOff', { name: option.name }),
          ),
        onError: (failure) => setError(describeError(failure)),
      },
    );
  };

  return (
    <>
      <FormAlert tone="success">{status}</FormAlert>
      <FormAlert>{error}</FormAlert>
      {!allowed ? <p className="notice">{t('account.readOnly')}</p> : null}
      {allowed && !active ? <p className="notice">{t('account.notActive')}</p> : null}
      <p className="muted">{t('account.optionsIntro')}</p>
      {options.isPending ? <PageLoader /> : null}
      {options.isError ? <QueryError error={options.error} onRetry={() => void options.refetch()} /> : null}
      {options.data && options.data.items.length === 0 ? <p className="muted">{t('account.noOptionsAvailable')}</p> : null}
      <ul className="option-list">
        {options.data?.items.map((option) => {
          const on = isOn(option);
          const pending = toggle.isPending && toggle.variables?.optionId === option.id;
          const descriptionId = `option-${option.id}-text`;
          return (
            <li key={option.id}>
              <article className="option" aria-labelledby={`option-${option.id}`}>
                <div className="option__text">
                  <h2 id={`option-${option.id}`} className="option__name">
                    {option.name}
                  </h2>
                  <p id={descriptionId}>
                    {option.description}. {t('account.optionAdds', { adds: adds(option) })}{' '}
                    <strong>{t('tariff.perMonth', { amount: formatMoney(option.monthlyFee, lang) })}</strong>
                  </p>
                </div>
                {allowed ? (
                  <label className="option__switch">
                    <input
                      type="checkbox"
                      role="switch"
                      checked={on}
                      aria-describedby={descriptionId}
                      aria-busy={pending || undefined}
                      disabled={pending || (!on && !active)}
                      onChange={() => {
                        if (on) run(option, false);
                        else {
                          setStatus(null);
                          setError(null);
                          setConfirming(option);
                        }
                      }}
                    />
                    {option.name}
                  </label>
                ) : (
                  <span className={on ? 'badge badge--accent' : 'badge'}>
                    {on ? t('account.optionActive') : t('account.optionInactive')}
                  </span>
                )}
              </article>
            </li>
          );
        })}
      </ul>
      <ModalDialog
        open={confirming !== null}
        title={confirming ? t('account.optionConfirmTitle', { name: confirming.name }) : ''}
        onCancel={() => setConfirming(null)}
        actions={
          confirming ? (
            <>
              <button type="button" className="secondary outline" onClick={() => setConfirming(null)}>
                {t('common.cancel')}
              </button>
              <button type="button" onClick={() => run(confirming, true)}>
                {t('account.optionConfirm', { amount: formatMoney(confirming.monthlyFee, lang) })}
              </button>
            </>
          ) : null
        }
      >
        {confirming ? (
          <p>
            {t('account.optionConfirmText', {
              amount: formatMoney(confirming.monthlyFee, lang),
              balance: formatMoney(account.balance, lang),
            })}
          </p>
        ) : null}
      </ModalDialog>
    </>
  );
}
