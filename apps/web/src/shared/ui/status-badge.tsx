import type { OrderStatus } from '@cabinet/shared-types';
import { useTranslation } from 'react-i18next';

/** The status of an application or an order, in words and colour (the word carries the meaning). */
export function StatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return <span className={`badge request-status request-status--${status}`}>{t(`requestStatus.${status}`)}</span>;
}
