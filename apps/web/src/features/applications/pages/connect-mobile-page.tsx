import type { ApplicationStatusView } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '@/shared/api/api-error';
import { useTariffs } from '@/shared/api/get-tariffs';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { formatMoney } from '@/shared/lib/format-money';
import { formatPhone, normalizePhone } from '@/shared/lib/format-phone';
import { CheckboxField } from '@/shared/ui/checkbox-field';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageHeading } from '@/shared/ui/page-heading';
import { SelectField } from '@/shared/ui/select-field';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useCaptcha } from '@/shared/ui/use-captcha';
import { useFieldFocus } from '@/shared/ui/use-field-focus';
import { useChosenNumber } from '../api/get-chosen-number';
import { useSubmitMobileApplication } from '../api/submit-application';
import { ApplicationAccepted } from '../components/application-accepted';
import { CaptchaBlock } from '../components/captcha-block';
import { fieldErrorsOf } from '../components/field-errors';

type Field = 'tariff' | 'name' | 'company' | 'phone' | 'email' | 'address' | 'consent' | 'captcha';
const order: readonly Field[] = ['tariff', 'name', 'company', 'phone', 'email', 'address', 'consent', 'captcha'];
const apiFields: Record<string, Field> = {
  tariffId: 'tariff',
  name: 'name',
  companyName: 'company',
  phone: 'phone',
  email: 'email',
  address: 'address',
  consent: 'consent',
  'captcha.answer': 'captcha',
};

/** /connect — a connection application for a mobile tariff (no sign-in), optionally with a number from the catalog. */
export function ConnectMobilePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const describe = useErrorMessage();
  const [params] = useSearchParams();
  const numberId = params.get('numberId');
  const chosen = useChosenNumber(numberId);
  const tariffs = useTariffs({ kind: 'mobile' });
  const submit = useSubmitMobileApplication();
  const captcha = useCaptcha();
  const fields = useFieldFocus(order);

  const [tariffId, setTariffId] = useState(params.get('tariffId') ?? '');
  const [asCompany, setAsCompany] = useState(false);
  const [name, setName] = useState('');
  const [company, setCompany] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [address, setAddress] = useState('');
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [accepted, setAccepted] = useState<ApplicationStatusView | null>(null);

  const number = chosen.data?.available ? chosen.data : null;
  const offered = (tariffs.data?.items ?? []).filter((x) => !x.archived && (!number || x.provider === number.operator));

  if (accepted) return <ApplicationAccepted view={accepted} phone={phone} />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next: Partial<Record<Field, string>> = {};
    if (!offered.some((x) => x.id === tariffId)) next.tariff = t('connect.chooseTariff');
    if (!name.trim()) next.name = t('common.required');
    if (asCompany && !company.trim()) next.company = t('common.required');
    if (!normalizePhone(phone)) next.phone = t('common.invalidPhone');
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
        name: name.trim(),
        ...(asCompany ? { companyName: company.trim() } : {}),
        phone: phone.trim(),
        ...(email.trim() ? { email: email.trim() } : {}),
        ...(address.trim() ? { address: address.trim() } : {}),
        tariffId,
        ...(number ? { numberId: number.id } : {}),
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
      <PageHeading title={t('connect.mobileTitle')}>{t('connect.mobileTitle')}</PageHeading>
      <p className="muted">{t('connect.mobileIntro')}</p>
      {number ? (
        <p className="notice" role="note">
          {t('connect.chosenNumber', { number: formatPhone(number.msisdn), price: formatMoney(number.price, lang) })}
        </p>
      ) : null}
      {numberId && chosen.data && !chosen.data.available ? <FormAlert tone="info">{t('connect.numberGone')}</FormAlert> : null}
      <form onSubmit={onSubmit} noValidate aria-label={t('connect.mobileTitle')}>
        <FormAlert>{alert}</FormAlert>
        <SelectField ref={fields.register('tariff')} label={t('connect.tariff')} value={tariffId} onChange={(e) => setTariffId(e.target.value)} error={errors.tariff} required>
          <option value="">{t('connect.chooseTariff')}</option>
          {offered.map((x) => (
            <option key={x.id} value={x.id}>
              {t(`providers.${x.provider}`, { defaultValue: x.provider })} · {x.name} — {t('connect.perMonth', { fee: formatMoney(x.monthlyFee, lang) })}
            </option>
          ))}
        </SelectField>
        <CheckboxField label={t('connect.asCompany')} checked={asCompany} onChange={(e) => setAsCompany(e.target.checked)} />
        {asCompany ? (
          <TextField ref={fields.register('company')} label={t('connect.companyName')} value={company} onChange={(e) => setCompany(e.target.value)} error={errors.company} autoComplete="organization" required />
        ) : null}
        <TextField
          ref={fields.register('name')}
          label={asCompany ? t('connect.contactName') : t('connect.name')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.name}
          autoComplete="given-name"
          required
        />
        <TextField
          ref={fields.register('phone')}
          label={t('connect.phone')}
          hint={t('connect.phoneHint')}
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          error={errors.phone}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          required
        />
        <TextField ref={fields.register('email')} label={t('connect.email')} hint={t('connect.optional')} value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} type="email" autoComplete="email" />
        <TextField
          ref={fields.register('address')}
          label={t('connect.deliveryAddress')}
          hint={t('connect.optional')}
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          error={errors.address}
          autoComplete="street-address"
        />
        <CheckboxField ref={fields.register('consent')} label={t('connect.consent')} checked={consent} onChange={(e) => setConsent(e.target.checked)} error={errors.consent} />
        <CaptchaBlock captcha={captcha} error={errors.captcha} inputRef={fields.register('captcha')} />
        <SubmitButton pending={submit.isPending} pendingLabel={t('connect.sending')} className="wide">
          {t('connect.submit')}
        </SubmitButton>
      </form>
      <p className="form-links">
        <Link to="/connect/internet">{t('connect.toInternet')}</Link>
        <Link to="/numbers">{t('connect.toNumbers')}</Link>
        <Link to="/applications/status">{t('connect.checkStatus')}</Link>
      </p>
    </section>
  );
}
