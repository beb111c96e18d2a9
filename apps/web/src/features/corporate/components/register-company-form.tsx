import { isValidInn, isValidKpp } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '@/shared/api/api-error';
import { useAccounts } from '@/shared/api/accounts';
import { useAttemptKey } from '@/shared/api/attempt-key';
import { FormAlert } from '@/shared/ui/form-alert';
import { SelectField } from '@/shared/ui/select-field';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useRegisterCompany } from '../api/corporate';
import { useCorporateError, useCorporateT } from '../i18n/use-corporate-t';

type Field = 'accountId' | 'name' | 'inn' | 'kpp' | 'legalAddress';

/** Registers one of the customer's own mobile accounts as a company's; the INN is checked as typed. */
export function RegisterCompanyForm() {
  const { t } = useCorporateT();
  const describe = useCorporateError();
  const navigate = useNavigate();
  const accounts = useAccounts();
  const register = useRegisterCompany();
  const attempt = useAttemptKey();
  const own = (accounts.data?.items ?? []).filter((a) => a.kind === 'mobile' && a.access === 'owner');
  const [form, setForm] = useState<Record<Field, string>>({ accountId: '', name: '', inn: '', kpp: '', legalAddress: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const accountId = form.accountId || own[0]?.id || '';
  const set = (field: Field) => (event: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: event.target.value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const request = { accountId, name: form.name.trim(), inn: form.inn.trim(), kpp: form.kpp.trim().toUpperCase(), legalAddress: form.legalAddress.trim() };
    const next: Partial<Record<Field, string>> = {};
    if (request.name.length < 2) next.name = t('register.required');
    if (!isValidInn(request.inn)) next.inn = t('register.innInvalid');
    if (!isValidKpp(request.kpp)) next.kpp = t('register.kppInvalid');
    if (request.legalAddress.length < 5) next.legalAddress = t('register.required');
    setErrors(next);
    if (Object.keys(next).length) return;
    setAlert(null);
    register.mutate(
      { request, idempotencyKey: attempt.keyFor(request) },
      {
        onSuccess: (company) => {
          attempt.settle(null);
          void navigate(`/company/${company.id}`);
        },
        onError: (error) => {
          attempt.settle(error);
          const field = error instanceof ApiError ? (['inn', 'kpp', 'name', 'legalAddress', 'accountId'] as const).find((f) => error.fieldError(f)) : undefined;
          if (field) setErrors({ [field]: describe(error) });
          else setAlert(describe(error));
        },
      },
    );
  };

  if (!accounts.data) return null;
  return (
    <section className="corporate-register" aria-labelledby="register-company">
      <h2 id="register-company">{t('register.title')}</h2>
      <p className="muted">{t('register.intro')}</p>
      {own.length === 0 ? (
        <p>{t('register.noAccounts')}</p>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <SelectField label={t('register.account')} value={accountId} onChange={set('accountId')} error={errors.accountId}>
            {own.map((a) => (
              <option key={a.id} value={a.id}>
                {t('register.accountOption', { number: a.number, lines: t('list.lines', { count: a.lines.length }) })}
              </option>
            ))}
          </SelectField>
          <TextField label={t('register.name')} value={form.name} onChange={set('name')} error={errors.name} autoComplete="organization" maxLength={200} />
          <div className="corporate-register__codes">
            <TextField label={t('register.inn')} hint={t('register.innHint')} value={form.inn} onChange={set('inn')} error={errors.inn} inputMode="numeric" maxLength={10} />
            <TextField label={t('register.kpp')} hint={t('register.kppHint')} value={form.kpp} onChange={set('kpp')} error={errors.kpp} maxLength={9} />
          </div>
          <TextField label={t('register.address')} value={form.legalAddress} onChange={set('legalAddress')} error={errors.legalAddress} maxLength={300} />
          <FormAlert>{alert}</FormAlert>
          <SubmitButton pending={register.isPending}>{t('register.submit')}</SubmitButton>
        </form>
      )}
    </section>
  );
}
