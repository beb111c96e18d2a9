import type { ScheduledChangeView } from '@cabinet/shared-types';
import { useTranslation } from 'react-i18next';
import { formatDay } from '@/shared/lib/format-date';

export function ScheduledChangeNote({ change }: { change: ScheduledChangeView }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      {t('account.scheduled', { name: change.tariff.name, date: formatDay(change.effectiveAt, i18n.language) })}
    </>
  );
}
