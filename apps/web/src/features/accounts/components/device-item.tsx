import type { DeviceView } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay } from '@/shared/lib/format-date';
import { TextField } from '@/shared/ui/text-field';

interface DeviceItemProps {
  device: DeviceView;
  allowed: boolean;
  busy: boolean;
  onRename: (name: string) => Promise<unknown>;
  onRemove: () => void;
}

export function DeviceItem({ device, allowed, busy, onRename, onRemove }: DeviceItemProps) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(device.name);
  const [error, setError] = useState<string | null>(null);
  const headingId = `device-${device.id}`;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError(t('common.required'));
      return;
    }
    try {
      await onRename(trimmed);
      setEditing(false);
      setError(null);
    } catch {
      // the tab shows what went wrong
    }
  };

  return (
    <article className="device" aria-labelledby={headingId}>
      <h3 id={headingId} className="device__name">
        {device.name}
      </h3>
      <p className="device__meta">
        <code>{device.mac}</code>{' '}
        <span className="muted">
          {t('account.deviceAdded', { date: formatDay(device.addedAt, i18n.language) })}
        </span>
      </p>
      {allowed && editing ? (
        <form noValidate onSubmit={(event) => void onSubmit(event)} className="device__rename">
          <TextField
            label={t('account.deviceNewName')}
            value={name}
            maxLength={64}
            error={error}
            onChange={(event) => setName(event.target.value)}
          />
          <div className="button-row">
            <button type="submit" aria-busy={busy || undefined} disabled={busy}>
              {t('account.save')}
            </button>
            <button type="button" className="secondary outline" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : null}
      {allowed && !editing ? (
        <div className="button-row">
          <button
            type="button"
            className="secondary outline"
            aria-describedby={headingId}
            onClick={() => {
              setName(device.name);
              setEditing(true);
            }}
          >
            {t('account.rename')}
          </button>
          <button type="button" className="secondary outline" aria-describedby={headingId} disabled={busy} onClick={onRemove}>
            {t('account.remove')}
          </button>
        </div>
      ) : null}
    </article>
  );
}
