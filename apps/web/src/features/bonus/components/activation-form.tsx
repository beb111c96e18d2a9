import type { BonusActivationRequest, BonusActivationStartedView } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/shared/api/api-error';
import { useFieldErrorMessage } from '@/shared/i18n/error-message';
import { FormAlert } from '@/shared/ui/form-alert';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useFieldFocus } from '@/shared/ui/use-field-focus';
import { useStartActivation } from '../api/activation';
import { useBonusErrorMessage } from './bonus-error';
import { parseCardNumber } from './card-number';

type Field = 'cardNumber' | 'email' | 'surname' | 'name' | 'patronymic' | 'phone' | 'birthDate' | 'gender';
const order: readonly Field[] = ['cardNumber', 'email', 'surname', 'name', 'patronymic', 'phone', 'birthDate', 'gender'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Step 1: the card number and the member's details, as the station's form asks them; then a code by SMS. */
export function ActivationForm({ onStarted }: { onStarted: (started: BonusActivationStartedView) => void }) {
  const { t } = useTranslation();
  const describe = useBonusErrorMessage();
  const fieldText = useFieldErrorMessage();
  const start = useStartActivation();
  const fields = useFieldFocus(order);
  const [form, setForm] = useState<Record<Field, string>>({ cardNumber: '', email: '', surname: '', name: '', patronymic: '', phone: '', birthDate: '', gender: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [alert, setAlert] = useState<{ text: string; id: number } | null>(null);
  const set = (field: Field) => (event: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: event.target.value }));
  const fail = (next: Partial<Record<Field, string>>, text: string) => {
    setErrors(next);
    setAlert((previous) => ({ text, id: (previous?.id ?? 0) + 1 }));
    fields.focusFirst(next);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next: Partial<Record<Field, string>> = {};
    for (const field of ['cardNumber', 'email', 'surname', 'name', 'phone', 'birthDate', 'gender'] as const) if (!form[field].trim()) next[field] = t('common.required');
    if (form.cardNumber.trim() && !parseCardNumber(form.cardNumber)) next.cardNumber = t('bonus.add.numberInvalid');
    if (form.email.trim() && !EMAIL.test(form.email.trim())) next.email = t('common.invalidEmail');
    if (form.phone.trim() && form.phone.replace(/\D/g, '').length < 10) next.phone = t('common.invalidPhone');
    if (Object.keys(next).length) return fail(next, t('common.fixErrors'));
    setErrors({});
    setAlert(null);
    const body: BonusActivationRequest = {
      cardNumber: parseCardNumber(form.cardNumber)!,
      email: form.email.trim(),
      surname: form.surname.trim(),
      name: form.name.trim(),
      patronymic: form.patronymic.trim() || null,
      phone: form.phone,
      birthDate: form.birthDate,
      gender: form.gender as 'male' | 'female',
    };
    start.mutate(body, {
      onSuccess: onStarted,
      onError: (error) => {
        const found: Partial<Record<Field, string>> = {};
        if (error instanceof ApiError) {
          for (const f of error.fieldErrors) {
            const name = f.field as Field;
            if (order.includes(name)) found[name] = f.code.startsWith('bonus_') || f.code === 'phone_taken' ? describe(error) : fieldText(error, f.field);
          }
        }
        fail(found, describe(error));
      },
    });
  };

  const text = (field: Field, props: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField ref={fields.register(field)} label={t(`bonus.activation.${field}`)} value={form[field]} onChange={set(field)} error={errors[field]} {...props} />
  );

  return (
    <form noValidate onSubmit={onSubmit} aria-label={t('bonus.activation.formLabel')}>
      <FormAlert>{alert ? <span key={alert.id}>{alert.text}</span> : null}</FormAlert>
      {text('cardNumber', { inputMode: 'numeric', autoComplete: 'off', hint: t('bonus.add.numberHint'), required: true })}
      {text('email', { type: 'email', autoComplete: 'email', required: true })}
      {text('surname', { autoComplete: 'family-name', required: true })}
      {text('name', { autoComplete: 'given-name', required: true })}
      {text('patronymic', { autoComplete: 'additional-name' })}
      {text('phone', { type: 'tel', autoComplete: 'tel', hint: t('bonus.activation.phoneHint'), required: true })}
      {text('birthDate', { type: 'date', autoComplete: 'bday', required: true })}
      <fieldset aria-invalid={errors.gender ? true : undefined}>
        <legend>{t('bonus.activation.gender')}</legend>
        {(['male', 'female'] as const).map((value, i) => (
          <label key={value} className="checkbox">
            <input ref={i === 0 ? fields.register('gender') : undefined} type="radio" name="gender" value={value} checked={form.gender === value} onChange={set('gender')} />
            {t(`bonus.activation.${value}`)}
          </label>
        ))}
        {errors.gender ? <small className="field__error">{errors.gender}</small> : null}
      </fieldset>
      <SubmitButton pending={start.isPending} className="wide">
        {t('bonus.activation.getCode')}
      </SubmitButton>
    </form>
  );
}
