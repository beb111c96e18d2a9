import { PreferenceChannels } from '@cabinet/shared-types';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { usePreferences, useSetPreference } from '../api/notifications';
import { TableScroll } from '@/shared/ui/table-scroll';

/** /profile/notifications — per event type and channel; security events stay on. */
export function PreferencesPage() {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const prefs = usePreferences();
  const change = useSetPreference();
  return (
    <>
      <PageHeading title={t('notifications.preferencesTitle')}>{t('notifications.preferencesTitle')}</PageHeading>
      <p className="muted">{t('notifications.preferencesIntro')}</p>
      {prefs.isPending ? <PageLoader /> : null}
      {prefs.isError ? <QueryError error={prefs.error} onRetry={() => void prefs.refetch()} /> : null}
      {change.isError ? <FormAlert>{message(change.error)}</FormAlert> : null}
      {prefs.data ? (
        <TableScroll>
          <table>
            <caption className="visually-hidden">{t('notifications.preferencesTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('notifications.event')}</th>
                {PreferenceChannels.map((c) => (
                  <th key={c} scope="col">{t(`notifications.channel.${c}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {prefs.data.items.map((p) => (
                <tr key={p.type}>
                  <th scope="row">
                    {p.label}
                    {p.locked ? <span className="muted"> · {t('notifications.locked')}</span> : null}
                  </th>
                  {PreferenceChannels.map((c) => (
                    <td key={c}>
                      <input
                        type="checkbox"
                        aria-label={`${p.label}: ${t(`notifications.channel.${c}`)}`}
                        checked={p.channels[c]}
                        disabled={p.locked || change.isPending}
                        onChange={(e) => change.mutate({ type: p.type, channel: c, enabled: e.target.checked })}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      <p>
        <Link to="/notifications">{t('notifications.title')}</Link>
      </p>
    </>
  );
}
