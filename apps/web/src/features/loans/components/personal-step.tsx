import { EmploymentTypes, type BorrowerData, type EmploymentType, type LoanView } from '@cabinet/shared-types';
import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '@/shared/api/api-error';
import { useMe } from '@/shared/api/me';
import { parseRoubles, roublesInput } from '@/shared/lib/parse-money';
import { FormAlert } from '@/shared/ui/form-alert';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField, type TextFieldProps } from '@/shared/ui/text-field';
import { useUpdateDraft } from '../api/manage-loans';
import { useLoansError, useLoansT, type LoansKey } from '../i18n/use-loans-t';
import { wizardStore } from './wizard-store';

type Field = 'surname' | 'name' | 'patronymic' | 'birthDate' | 'passportSeries' | 'passportNumber' | 'passportIssuedOn' | 'registrationAddress' | 'monthlyIncome' | 'employment' | 'employer';
type Form = Record<Field, string>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const NAME = /^[A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё' .-]*$/;

function fromBorrower(b: Partial<BorrowerData>, language: string): Form {
  return {
    surname: b.surname ?? '',
    name: b.name ?? '',
    patronymic: b.patronymic ?? '',
    birthDate: b.birthDate ?? '',
    passportSeries: b.passportSeries ?? '',
    passportNumber: b.passportNumber ?? '',
    passportIssuedOn: b.passportIssuedOn ?? '',
    registrationAddress: b.registrationAddress ?? '',
    monthlyIncome: b.monthlyIncome ? roublesInput(b.monthlyIncome.amount, language) : '',
    employment: b.employment ?? '',
    employer: b.employer ?? '',
  };
}

/** Personal data: full name, birth date, passport, registration address, income and employment. Saved to the draft. */
export function PersonalStep({ loan }: { loan: LoanView }) {
  const { t, language } = useLoansT();
  const describe = useLoansError();
  const me = useMe();
  const update = useUpdateDraft(loan.id);
  const employmentId = useId();
  const [form, setForm] = useState<Form>(() => fromBorrower(loan.borrower, language));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [alert, setAlert] = useState<string | null>(null);
  // A customer with a name in the profile applies under it (the card must be in that name).
  const nameLocked = Boolean(me.data?.surname && me.data?.name);
  const set = (field: Field) => (event: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: event.target.value }));

  const check = (): Partial<Record<Field, string>> => {
    const e: Partial<Record<Field, string>> = {};
    const need = (f: Field) => {
      if (!form[f].trim()) e[f] = t('personal.required');
    };
    (['surname', 'name', 'birthDate', 'passportSeries', 'passportNumber', 'passportIssuedOn', 'registrationAddress', 'monthlyIncome', 'employment'] as Field[]).forEach(need);
    for (const f of ['surname', 'name', 'patronymic'] as Field[]) if (form[f].trim() && !NAME.test(form[f].trim())) e[f] = t('personal.letters');
    for (const f of ['birthDate', 'passportIssuedOn'] as Field[]) if (form[f] && !DATE.test(form[f])) e[f] = t('personal.date');
    if (form.passportSeries && !/^\d{4}$/.test(form.passportSeries.trim())) e.passportSeries = t('personal.seriesFormat');
    if (form.passportNumber && !/^\d{6}$/.test(form.passportNumber.trim())) e.passportNumber = t('personal.numberFormat');
    if (form.monthlyIncome && parseRoubles(form.monthlyIncome) === null) e.monthlyIncome = t('personal.incomeFormat');
    if (form.registrationAddress.trim() && form.registrationAddress.trim().length < 5) e.registrationAddress = t('personal.addressShort');
    return e;
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const e = check();
    setErrors(e);
    if (Object.keys(e).length) {
      setAlert(t('personal.fix'));
      return;
    }
    setAlert(null);
    const borrower: BorrowerData = {
      surname: form.surname.trim(),
      name: form.name.trim(),
      patronymic: form.patronymic.trim() || null,
      birthDate: form.birthDate,
      passportSeries: form.passportSeries.trim(),
      passportNumber: form.passportNumber.trim(),
      passportIssuedOn: form.passportIssuedOn,
      registrationAddress: form.registrationAddress.trim(),
      monthlyIncome: { amount: parseRoubles(form.monthlyIncome) ?? 0, currency: 'RUB' },
      employment: form.employment as EmploymentType,
      employer: form.employer.trim() || null,
    };
    update.mutate(
      { borrower },
      {
        onSuccess: () => wizardStore.set({ step: 'consents' }),
        onError: (error) => {
          if (error instanceof ApiError) {
            const fieldErrors: Partial<Record<Field, string>> = {};
            for (const fe of error.fieldErrors) {
              const f = fe.field.replace(/^borrower\./, '').split('.')[0] as Field;
              if (f in form) fieldErrors[f] = fe.message;
            }
            setErrors(fieldErrors);
          }
          setAlert(describe(error));
        },
      },
    );
  };

  const text = (field: Field, label: LoansKey, extra: Partial<TextFieldProps> = {}) => (
    <TextField label={t(label)} value={form[field]} error={errors[field]} onChange={set(field)} {...extra} />
  );

  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby="personal-title" className="personal-step">
      <h2 id="personal-title">{t('personal.title')}</h2>
      <p className="muted">{t('personal.intro')}</p>
      <fieldset>
        <legend>{t('personal.person')}</legend>
        <div className="form-grid">
          {text('surname', 'personal.surname', { autoComplete: 'family-name', readOnly: nameLocked, hint: nameLocked ? t('personal.fromProfile') : undefined })}
          {text('name', 'personal.name', { autoComplete: 'given-name', readOnly: nameLocked })}
          {text('patronymic', 'personal.patronymic', { autoComplete: 'additional-name', readOnly: nameLocked, hint: t('personal.optional') })}
          {text('birthDate', 'personal.birthDate', { type: 'date', autoComplete: 'bday' })}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('personal.passport')}</legend>
        <div className="form-grid">
          {text('passportSeries', 'personal.series', { inputMode: 'numeric', maxLength: 4, hint: t('personal.seriesHint') })}
          {text('passportNumber', 'personal.number', { inputMode: 'numeric', maxLength: 6 })}
          {text('passportIssuedOn', 'personal.issuedOn', { type: 'date' })}
        </div>
        {text('registrationAddress', 'personal.address', { autoComplete: 'street-address', hint: t('personal.addressHint') })}
      </fieldset>
      <fieldset>
        <legend>{t('personal.work')}</legend>
        <div className="form-grid">
          {text('monthlyIncome', 'personal.income', { inputMode: 'decimal', hint: t('personal.incomeHint') })}
          <div className="field">
            <label htmlFor={employmentId}>{t('personal.employment')}</label>
            <select
              id={employmentId}
              value={form.employment}
              aria-invalid={errors.employment ? true : undefined}
              aria-describedby={errors.employment ? `${employmentId}-error` : undefined}
              onChange={set('employment')}
            >
              <option value="">{t('personal.choose')}</option>
              {EmploymentTypes.map((e) => (
                <option key={e} value={e}>
                  {t(`employment.${e}`)}
                </option>
              ))}
            </select>
            {errors.employment ? (
              <small id={`${employmentId}-error`} className="field__error">
                {errors.employment}
              </small>
            ) : null}
          </div>
          {text('employer', 'personal.employer', { autoComplete: 'organization', hint: t('personal.optional') })}
        </div>
      </fieldset>
      <FormAlert>{alert}</FormAlert>
      <div className="button-row">
        <SubmitButton pending={update.isPending} pendingLabel={t('wizard.wait')}>
          {t('wizard.next')}
        </SubmitButton>
      </div>
    </form>
  );
}
