import { AccountKinds, type AccountKind, type TariffInput, type TariffView } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { formatMoney } from '@/shared/lib/format-money';
import { parseRoubles } from '@/shared/lib/parse-money';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { SelectField } from '@/shared/ui/select-field';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useCreateTariff, usePatchTariff, useSetArchived, useStaffOptions, useStaffTariffs } from '../api/admin';
import { useIsAdmin } from '../components/use-is-admin';

/** /backoffice/catalog — tariffs and options; admins add, change and archive them (nothing is deleted). */
export function CatalogAdminPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const isAdmin = useIsAdmin();
  const tariffs = useStaffTariffs();
  const options = useStaffOptions();
  const archive = useSetArchived();
  const describe = useErrorMessage();
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const done = { onSuccess: () => setMessage({ tone: 'success' as const, text: t('backoffice.saved') }), onError: (e: unknown) => setMessage({ tone: 'error' as const, text: describe(e) }) };
  if (tariffs.isPending) return <PageLoader />;
  if (tariffs.isError) return <QueryError error={tariffs.error} onRetry={() => void tariffs.refetch()} />;
  return (
    <>
      <PageHeading title={t('backoffice.nav.catalog')}>{t('backoffice.nav.catalog')}</PageHeading>
      <p className="muted">{t('backoffice.catalogIntro')}</p>
      <FormAlert tone={message?.tone ?? 'error'}>{message?.text}</FormAlert>
      {isAdmin ? <NewTariffForm onDone={(text) => setMessage({ tone: 'success', text })} /> : null}
      <section aria-labelledby="catalog-tariffs">
        <h2 id="catalog-tariffs">{t('backoffice.tariffs')}</h2>
        <ul className="option-list">
          {tariffs.data.items.map((x) => (
            <li key={x.id} className={x.archived ? 'option option--archived' : 'option'}>
              <div className="option__text">
                <strong>{x.name}</strong> <span className="badge">{t(`providers.${x.provider}`, { defaultValue: x.provider })}</span> {x.archived ? <span className="badge badge--warn">{t('backoffice.archived')}</span> : null}
                <p className="muted">
                  {x.code} · {t('connect.perMonth', { fee: formatMoney(x.monthlyFee, lang) })}
                </p>
                {isAdmin ? <FeeEditor tariff={x} onDone={(text) => setMessage({ tone: 'success', text })} onError={(e) => setMessage({ tone: 'error', text: describe(e) })} /> : null}
              </div>
              {isAdmin ? (
                <button type="button" className="secondary outline" aria-label={t(x.archived ? 'backoffice.restoreItem' : 'backoffice.archiveItem', { name: x.name })} onClick={() => archive.mutate({ what: 'tariffs', id: x.id, archived: !x.archived }, done)}>
                  {t(x.archived ? 'backoffice.restore' : 'backoffice.archive')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="catalog-options">
        <h2 id="catalog-options">{t('backoffice.options')}</h2>
        <ul className="option-list">
          {(options.data?.items ?? []).map((o) => (
            <li key={o.id} className={o.archived ? 'option option--archived' : 'option'}>
              <div className="option__text">
                <strong>{o.name}</strong> {o.archived ? <span className="badge badge--warn">{t('backoffice.archived')}</span> : null}
                <p className="muted">
                  {o.code} · {t('connect.perMonth', { fee: formatMoney(o.monthlyFee, lang) })}
                </p>
              </div>
              {isAdmin ? (
                <button type="button" className="secondary outline" aria-label={t(o.archived ? 'backoffice.restoreItem' : 'backoffice.archiveItem', { name: o.name })} onClick={() => archive.mutate({ what: 'tariff-options', id: o.id, archived: !o.archived }, done)}>
                  {t(o.archived ? 'backoffice.restore' : 'backoffice.archive')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function FeeEditor({ tariff, onDone, onError }: { tariff: TariffView; onDone: (text: string) => void; onError: (e: unknown) => void }) {
  const { t } = useTranslation();
  const patch = usePatchTariff();
  const [fee, setFee] = useState(String(tariff.monthlyFee.amount / 100));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const amount = parseRoubles(fee);
    if (amount === null) return onError(new Error(t('backoffice.amountInvalid')));
    patch.mutate({ id: tariff.id, body: { monthlyFee: { amount, currency: 'RUB' } } }, { onSuccess: () => onDone(t('backoffice.saved')), onError });
  };
  return (
    <form className="inline-form" onSubmit={onSubmit}>
      <input aria-label={t('backoffice.feeOf', { name: tariff.name })} inputMode="decimal" value={fee} onChange={(e) => setFee(e.target.value)} />
      <button type="submit" className="secondary outline" disabled={patch.isPending}>
        {t('backoffice.save')}
      </button>
    </form>
  );
}

function NewTariffForm({ onDone }: { onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const create = useCreateTariff();
  const [v, setV] = useState({ code: '', kind: 'mobile' as AccountKind, provider: 'megafon', name: '', fee: '', minutes: '', sms: '', gb: '', speed: '' });
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const fee = parseRoubles(v.fee);
    if (!v.code.trim() || !v.name.trim() || fee === null) return setError(t('common.fixErrors'));
    const body: TariffInput = {
      code: v.code.trim(),
      kind: v.kind,
      provider: v.provider.trim(),
      name: v.name.trim(),
      monthlyFee: { amount: fee, currency: 'RUB' },
      ...(v.kind === 'mobile'
        ? { packages: { minutes: Number(v.minutes) || 0, sms: Number(v.sms) || 0, mb: Math.round((Number(v.gb) || 0) * 1024) } }
        : { speedMbps: Number(v.speed) || 100 }),
    };
    setError(null);
    create.mutate(body, { onSuccess: (x) => onDone(t('backoffice.tariffAdded', { name: x.name })), onError: (e) => setError(describe(e)) });
  };
  return (
    <details className="panel">
      <summary>{t('backoffice.newTariff')}</summary>
      <form onSubmit={onSubmit} noValidate aria-label={t('backoffice.newTariff')}>
        <FormAlert>{error}</FormAlert>
        <TextField label={t('backoffice.code')} hint={t('backoffice.codeHint')} value={v.code} onChange={set('code')} required />
        <SelectField label={t('backoffice.kind')} value={v.kind} onChange={set('kind')}>
          {AccountKinds.map((k) => (
            <option key={k} value={k}>
              {t(`accountKind.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextField label={t('backoffice.provider')} value={v.provider} onChange={set('provider')} required />
        <TextField label={t('backoffice.tariffName')} value={v.name} onChange={set('name')} required />
        <TextField label={t('backoffice.monthlyFee')} value={v.fee} onChange={set('fee')} inputMode="decimal" required />
        {v.kind === 'mobile' ? (
          <div className="field-row">
            <TextField label={t('backoffice.minutes')} value={v.minutes} onChange={set('minutes')} inputMode="numeric" />
            <TextField label={t('backoffice.sms')} value={v.sms} onChange={set('sms')} inputMode="numeric" />
            <TextField label={t('backoffice.gb')} value={v.gb} onChange={set('gb')} inputMode="decimal" />
          </div>
        ) : (
          <TextField label={t('backoffice.speed')} value={v.speed} onChange={set('speed')} inputMode="numeric" />
        )}
        <SubmitButton pending={create.isPending}>{t('backoffice.addTariff')}</SubmitButton>
      </form>
    </details>
  );
}
