import type { CorporateLineView } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { ApiError } from '@/shared/api/api-error';
import { formatPhone } from '@/shared/lib/format-phone';
import { FormAlert } from '@/shared/ui/form-alert';
import { ModalDialog } from '@/shared/ui/modal-dialog';
import { TextField } from '@/shared/ui/text-field';
import { useBindEmployee } from '../api/corporate';
import { useCorporateError, useCorporateT } from '../i18n/use-corporate-t';

/** Binds a line to an employee (name, department, optionally their login phone) or unbinds it. */
export function EmployeeDialog({ companyId, line, onClose, onDone }: { companyId: string; line: CorporateLineView | null; onClose: () => void; onDone: (text: string) => void }) {
  const { t } = useCorporateT();
  const describe = useCorporateError();
  const mutation = useBindEmployee(companyId);
  // Mounted per line (keyed by the caller), so the fields start from the line's employee.
  const [form, setForm] = useState(() => ({ name: line?.employee?.name ?? '', department: line?.employee?.department ?? '', phone: line?.employee?.phone ?? '' }));
  const [errors, setErrors] = useState<{ name?: string; department?: string; phone?: string }>({});
  const [alert, setAlert] = useState<string | null>(null);
  const msisdn = line ? formatPhone(line.msisdn) : '';

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!line) return;
    const employee = { name: form.name.trim(), department: form.department.trim(), ...(form.phone.trim() ? { phone: form.phone.trim() } : {}) };
    const next: typeof errors = {};
    if (!employee.name) next.name = t('employee.required');
    if (!employee.department) next.department = t('employee.required');
    setErrors(next);
    if (Object.keys(next).length) return;
    mutation.mutate(
      { lineId: line.lineId, employee },
      {
        onSuccess: () => onDone(t('employee.saved', { name: employee.name, msisdn })),
        onError: (e) => {
          if (e instanceof ApiError && (e.fieldError('phone') || e.code === 'customer_not_found' || e.code === 'grant_exists')) setErrors({ phone: describe(e) });
          else setAlert(describe(e));
        },
      },
    );
  };
  const unbind = () => {
    if (!line) return;
    mutation.mutate({ lineId: line.lineId, employee: null }, { onSuccess: () => onDone(t('employee.unbound', { msisdn })), onError: (e) => setAlert(describe(e)) });
  };
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: e.target.value }));

  return (
    <ModalDialog
      open={line !== null}
      title={t('employee.title', { msisdn })}
      onCancel={onClose}
      actions={
        <>
          <button type="button" className="secondary outline" onClick={onClose}>
            {t('employee.cancel')}
          </button>
          {line?.employee ? (
            <button type="button" className="secondary" onClick={unbind} disabled={mutation.isPending}>
              {t('employee.unbind')}
            </button>
          ) : null}
          <button type="submit" form="employee-form" aria-busy={mutation.isPending || undefined} disabled={mutation.isPending}>
            {t('employee.save')}
          </button>
        </>
      }
    >
      <form id="employee-form" onSubmit={save} noValidate>
        <TextField label={t('employee.name')} value={form.name} onChange={set('name')} error={errors.name} maxLength={100} autoFocus />
        <TextField label={t('employee.department')} value={form.department} onChange={set('department')} error={errors.department} maxLength={100} />
        <TextField label={t('employee.phone')} hint={t('employee.phoneHint')} value={form.phone} onChange={set('phone')} error={errors.phone} type="tel" inputMode="tel" autoComplete="off" />
        <FormAlert>{alert}</FormAlert>
      </form>
    </ModalDialog>
  );
}
