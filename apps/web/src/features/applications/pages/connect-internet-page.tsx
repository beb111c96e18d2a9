import type { ApplicationStatusView } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '@/shared/api/api-error';
import { useTariffs } from '@/shared/api/get-tariffs';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { formatMoney } from '@/shared/lib/format-money';
import { normalizePhone } from '@/shared/lib/format-phone';
import { CheckboxField } from '@/shared/ui/checkbox-field';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageHeading } from '@/shared/ui/page-heading';
import { SelectField } from '@/shared/ui/select-field';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useCaptcha } from '@/shared/ui/use-captcha';
import { useFieldFocus } from '@/shared/ui/use-field-focus';
import { useSubmitInternetApplication } from '../api/submit-application';
import { ApplicationAccepted } from '../components/application-accepted';
import { CaptchaBlock } from '../components/captcha-block';
import { fieldErrorsOf } from '../components/field-errors';

type Field = 'tariff' | 'street' | 'house' | 'building' | 'flat' | 'fullName' | 'phone' | 'email' | 'consent' | 'captcha';
const order: readonly Field[] = ['tariff', 'street', 'house', 'building', 'flat', 'fullName', 'phone', 'email', 'consent', 'captcha'];
const apiFields: Record<string, Field> = {
  tariffId: 'tariff',
  'address.street': 'street',
  'address.house': 'house',
  'address.building': 'building',
  'address.flat': 'flat',
  address: 'street',
  fullName: 'fullName',
  phone: 'phone',
  email: 'email',
  consent: 'consent',
  'captcha.answer': 'captcha',
};

/** /connect/internet — a home-internet application: the address by parts, full name, phone, tariff. */
export function ConnectInternetPage() {
  const { t, i18n } = useTranslation();
  const describe = useErrorMessage();
  const [params] = useSearchParams();
  const tariffs = useTariffs({ kind: 'internet' });
  const submit = useSubmitInternetApplication();
  const captcha = useCaptcha();
  const fields = useFieldFocus(order);
  const [v, setV] = useState({ tariffId: params.get('tariffId') ?? '', street: '', house: '', building: '', flat: '', fullName: '', phone: '', email: '' });
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [accepted, setAccepted] = useState<ApplicationStatusView | null>(null);
  const offered = (tariffs.data?.items ?? []).filter((x) => !x.archived);
  const set = (key: keyof typeof v) => (e: { target: { value: string } }) => setV((old) => ({ ...old, [key]: e.target.value }));

  if (accepted) return <ApplicationAccepted view={accepted} phone={v.phone} />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next: Partial<Record<Field, string>> = {};
    if (!offered.some((x) => x.id === v.tariffId)) next.tariff = t('connect.chooseTariff');
    if (!v.street.trim()) next.street = t('common.required');
    if (!v.house.trim()) next.house = t('common.required');
    if (!v.fullName.trim()) next.fullName = t('common.required');
    if (!normalizePhone(v.phone)) next.phone = t('common.invalidPhone');
    if (!consent) next.consent = t('connect.consentRequired');
    if (captcha.challenge && !captcha.answer.trim()) next.captcha = t('common.required');
    setErrors(next);
    if (Object.keys(next).length) {
      setAlert(t('common.fixErrors'));
      fields.focusFirst(next);
      return;
    }
    setAlert(null);
    submit.mutate(
      {
        fullName: v.fullName.trim(),
        phone: v.phone.trim(),
        ...(v.email.trim() ? { email: v.email.trim() } : {}),
        address: { street: v.street.trim(), house: v.house.trim(), ...(v.building.trim() ? { building: v.building.trim() } : {}), ...(v.flat.trim() ? { flat: v.flat.trim() } : {}) },
        tariffId: v.tariffId,
        consent,
        ...(captcha.value ? { captcha: captcha.value } : {}),
      },
      {
        onSuccess: setAccepted,
        onError: (error) => {
          const asked = captcha.take(error);
          const mapped = fieldErrorsOf(t, error, apiFields);
          if (error instanceof ApiError && error.code === 'captcha_invalid') mapped.captcha = t('errors.captcha_invalid');
          setErrors(mapped);
          setAlert(describe(error));
          if (asked) requestAnimationFrame(() => fields.focus('captcha'));
          else fields.focusFirst(mapped);
        },
      },
    );
  };

  return (
    <section className="narrow">
      <PageHeading title={t('connect.internetTitle')}>{t('connect.internetTitle')}</PageHeading>
      <p className="muted">{t('connect.internetIntro')}</p>
      <form onSubmit={onSubmit} noValidate aria-label={t('connect.internetTitle')}>
        <FormAlert>{alert}</FormAlert>
        <SelectField ref={fields.register('tariff')} label={t('connect.tariff')} value={v.tariffId} onChange={set('tariffId')} error={errors.tariff} required>
          <option value="">{t('connect.chooseTariff')}</option>
          {offered.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name} — {t('connect.perMonth', { fee: formatMoney(x.monthlyFee, i18n.language) })}
            </option>
          ))}
        </SelectField>
        <fieldset>
          <legend>{t('connect.address')}</legend>
          <TextField ref={fields.register('street')} label={t('connect.street')} value={v.street} onChange={set('street')} error={errors.street} autoComplete="address-line1" required />
          <div className="field-row">
            <TextField ref={fields.register('house')} label={t('connect.house')} value={v.house} onChange={set('house')} error={errors.house} required />
            <TextField ref={fields.register('building')} label={t('connect.building')} value={v.building} onChange={set('building')} error={errors.building} />
            <TextField ref={fields.register('flat')} label={t('connect.flat')} value={v.flat} onChange={set('flat')} error={errors.flat} />
          </div>
        </fieldset>
        <TextField ref={fields.register('fullName')} label={t('connect.fullName')} value={v.fullName} onChange={set('fullName')} error={errors.fullName} autoComplete="name" required />
        <TextField ref={fields.register('phone')} label={t('connect.phone')} hint={t('connect.phoneHint')} value={v.phone} onChange={set('phone')} error={errors.phone} type="tel" inputMode="tel" autoComplete="tel" required />
        <TextField ref={fields.register('email')} label={t('connect.email')} hint={t('connect.optional')} value={v.email} onChange={set('email')} error={errors.email} type="email" autoComplete="email" />
        <CheckboxField ref={fields.register('consent')} label={t('connect.consent')} checked={consent} onChange={(e) => setConsent(e.target.checked)} error={errors.consent} />
        <CaptchaBlock captcha={captcha} error={errors.captcha} inputRef={fields.register('captcha')} />
        <SubmitButton pending={submit.isPending} pendingLabel={t('connect.sending')} className="wide">
          {t('connect.submit')}
        </SubmitButton>
      </form>
      <p className="form-links">
        <Link to="/connect">{t('connect.toMobile')}</Link>
        <Link to="/applications/status">{t('connect.checkStatus')}</Link>
      </p>
    </section>
  );
}
