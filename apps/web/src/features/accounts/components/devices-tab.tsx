import { ServiceLimits, type AccountView, type DeviceView } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/shared/api/api-error';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { FormAlert } from '@/shared/ui/form-alert';
import { ModalDialog } from '@/shared/ui/modal-dialog';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useDevices } from '../api/get-devices';
import { useAddDevice, useRemoveDevice, useRenameDevice } from '../api/manage-devices';
import { canAct } from './access';
import { DeviceItem } from './device-item';
import { isMacAddress, normalizeMac } from './mac-address';

const max = ServiceLimits.devicesPerContract;

/** Devices registered on the internet contract (by MAC): list, add (at most 5), rename, remove. */
export function DevicesTab({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const describeError = useErrorMessage();
  const devices = useDevices(account.id);
  const add = useAddDevice(account.id);
  const rename = useRenameDevice(account.id);
  const remove = useRemoveDevice(account.id);
  const [mac, setMac] = useState('');
  const [name, setName] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ mac?: string; name?: string }>({});
  const [removing, setRemoving] = useState<DeviceView | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const allowed = canAct(account, null);
  const items = devices.data?.items ?? [];
  const full = items.length >= max;

  const reset = () => {
    setStatus(null);
    setError(null);
  };

  const onAdd = (event: FormEvent) => {
    event.preventDefault();
    reset();
    const errors: { mac?: string; name?: string } = {};
    if (!mac.trim()) errors.mac = t('common.required');
    else if (!isMacAddress(mac)) errors.mac = t('account.macInvalid');
    else if (items.some((device) => normalizeMac(device.mac) === normalizeMac(mac))) errors.mac = t('errors.device_exists');
    if (!name.trim()) errors.name = t('common.required');
    setFieldErrors(errors);
    if (errors.mac || errors.name) return;
    add.mutate(
      { mac: mac.trim(), name: name.trim() },
      {
        onSuccess: () => {
          setStatus(t('account.deviceAddedDone', { name: name.trim() }));
          setMac('');
          setName('');
        },
        onError: (failure) => {
          if (isApiError(failure, 'validation_failed') && failure.fieldError('mac')) {
            setFieldErrors({ mac: t('account.macInvalid') });
          } else setError(describeError(failure));
        },
      },
    );
  };

  const onRename = (device: DeviceView, next: string) => {
    reset();
    return rename.mutateAsync(
      { deviceId: device.id, name: next },
      {
        onSuccess: () => setStatus(t('account.deviceRenamed', { name: next })),
        onError: (failure) => setError(describeError(failure)),
      },
    );
  };

  const onRemove = () => {
    if (!removing) return;
    const device = removing;
    setRemoving(null);
    reset();
    remove.mutate(device.id, {
      onSuccess: () => setStatus(t('account.deviceRemoved', { name: device.name })),
      onError: (failure) => setError(describeError(failure)),
    });
  };

  return (
    <>
      <h2 className="section-title">{t('account.devicesTitle')}</h2>
      <p className="muted">{t('account.devicesIntro', { count: items.length, max })}</p>
      <FormAlert tone="success">{status}</FormAlert>
      <FormAlert>{error}</FormAlert>
      {devices.isPending ? <PageLoader /> : null}
      {devices.isError ? <QueryError error={devices.error} onRetry={() => void devices.refetch()} /> : null}
      <ul className="device-list" aria-label={t('account.devicesTitle')}>
        {items.map((device) => (
          <li key={device.id}>
            <DeviceItem
              device={device}
              allowed={allowed}
              busy={(rename.isPending && rename.variables?.deviceId === device.id) || (remove.isPending && remove.variables === device.id)}
              onRename={(next) => onRename(device, next)}
              onRemove={() => setRemoving(device)}
            />
          </li>
        ))}
      </ul>
      {allowed && devices.data ? (
        full ? (
          <p className="notice">{t('account.devicesFull', { max })}</p>
        ) : (
          <form noValidate onSubmit={onAdd} className="device-form" aria-labelledby="device-add-title">
            <h3 id="device-add-title">{t('account.deviceAdd')}</h3>
            <TextField
              label={t('account.mac')}
              hint={t('account.macHint')}
              value={mac}
              error={fieldErrors.mac}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              onChange={(event) => setMac(event.target.value)}
            />
            <TextField
              label={t('account.deviceName')}
              value={name}
              maxLength={64}
              error={fieldErrors.name}
              onChange={(event) => setName(event.target.value)}
            />
            <SubmitButton pending={add.isPending}>{t('account.deviceAddSubmit')}</SubmitButton>
          </form>
        )
      ) : null}
      <ModalDialog
        open={removing !== null}
        role="alertdialog"
        title={t('account.deviceRemoveTitle')}
        onCancel={() => setRemoving(null)}
        actions={
          <>
            <button type="button" className="secondary outline" onClick={() => setRemoving(null)}>
              {t('common.cancel')}
            </button>
            <button type="button" className="contrast" onClick={onRemove}>
              {t('account.remove')}
            </button>
          </>
        }
      >
        <p>{removing ? t('account.deviceRemoveText', { name: removing.name, mac: removing.mac }) : null}</p>
      </ModalDialog>
    </>
  );
}
