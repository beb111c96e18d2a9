import { useTranslation } from 'react-i18next';
import { AppShell } from './app-shell';
import { BackofficeNav } from './backoffice-nav';

/** The staff console: the cabinet's frame with the console's own navigation. */
export function BackofficeLayout() {
  const { t } = useTranslation();
  return <AppShell navigation={BackofficeNav} label={t('backoffice.label')} />;
}
