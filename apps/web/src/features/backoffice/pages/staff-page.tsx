import { StaffRoles, type StaffRole } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAttemptKey } from '@/shared/api/attempt-key';
import { useMe } from '@/shared/api/me';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { formatPhone } from '@/shared/lib/format-phone';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { SelectField } from '@/shared/ui/select-field';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useCreateStaff, useStaffList, useUpdateStaff } from '../api/admin';
import { TableScroll } from '@/shared/ui/table-scroll';

/** /backoffice/staff (admin) — staff accounts: open one (a temporary password goes by SMS), change a role, block. */
export function StaffPage() {
  const { t } = useTranslation();
  const me = useMe();
  const staff = useStaffList();
  const update = useUpdateStaff();
  const describe = useErrorMessage();
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  if (staff.isPending) return <PageLoader />;
  if (staff.isError) return <QueryError error={staff.error} onRetry={() => void staff.refetch()} />;
  const result = { onSuccess: () => setMessage({ tone: 'success' as const, text: t('backoffice.saved') }), onError: (e: unknown) => setMessage({ tone: 'error' as const, text: describe(e) }) };
  return (
    <>
      <PageHeading title={t('backoffice.nav.staff')}>{t('backoffice.nav.staff')}</PageHeading>
      <FormAlert tone={message?.tone ?? 'error'}>{message?.text}</FormAlert>
      <NewStaffForm onDone={(text) => setMessage({ tone: 'success', text })} />
      <TableScroll>
        <table>
          <caption className="visually-hidden">{t('backoffice.nav.staff')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('backoffice.person')}</th>
              <th scope="col">{t('home.phone')}</th>
              <th scope="col">{t('home.role')}</th>
              <th scope="col">{t('backoffice.status')}</th>
            </tr>
          </thead>
          <tbody>
            {staff.data.items.map((s) => {
              const self = s.id === me.data?.id;
              return (
                <tr key={s.id}>
                  <td>
                    {s.fullName}
                    {s.mustChangePassword ? <small className="muted"> · {t('backoffice.mustChangePassword')}</small> : null}
                  </td>
                  <td>{formatPhone(s.phone)}</td>
                  <td>
                    <select aria-label={t('backoffice.roleOf', { name: s.fullName })} value={s.role} disabled={self || update.isPending} onChange={(e) => update.mutate({ id: s.id, body: { role: e.target.value as StaffRole } }, result)}>
                      {StaffRoles.map((r) => (
                        <option key={r} value={r}>
                          {t(`roles.${r}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select aria-label={t('backoffice.statusOf', { name: s.fullName })} value={s.status} disabled={self || update.isPending} onChange={(e) => update.mutate({ id: s.id, body: { status: e.target.value as 'active' | 'blocked' } }, result)}>
                      <option value="active">{t('backoffice.active')}</option>
                      <option value="blocked">{t('backoffice.blocked')}</option>
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

function NewStaffForm({ onDone }: { onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const create = useCreateStaff();
  const attempt = useAttemptKey();
  const [v, setV] = useState({ phone: '', surname: '', name: '', role: 'operator' as StaffRole });
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!v.phone.trim() || !v.surname.trim() || !v.name.trim()) return setError(t('common.fixErrors'));
    const body = { phone: v.phone.trim(), surname: v.surname.trim(), name: v.name.trim(), role: v.role };
    setError(null);
    create.mutate(
      { body, key: attempt.keyFor(body) },
      {
        onSuccess: (s) => {
          attempt.settle(null);
          onDone(t('backoffice.staffCreated', { name: s.fullName }));
          setV({ phone: '', surname: '', name: '', role: 'operator' });
        },
        onError: (e) => {
          attempt.settle(e);
          setError(describe(e));
        },
      },
    );
  };
  return (
    <details className="panel">
      <summary>{t('backoffice.newStaff')}</summary>
      <form onSubmit={onSubmit} noValidate aria-label={t('backoffice.newStaff')}>
        <FormAlert>{error}</FormAlert>
        <TextField label={t('home.phone')} value={v.phone} onChange={set('phone')} type="tel" required />
        <TextField label={t('backoffice.surname')} value={v.surname} onChange={set('surname')} required />
        <TextField label={t('backoffice.firstName')} value={v.name} onChange={set('name')} required />
        <SelectField label={t('home.role')} value={v.role} onChange={set('role')}>
          {StaffRoles.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </SelectField>
        <p className="muted">{t('backoffice.staffPasswordNote')}</p>
        <SubmitButton pending={create.isPending}>{t('backoffice.createStaff')}</SubmitButton>
      </form>
    </details>
  );
}
