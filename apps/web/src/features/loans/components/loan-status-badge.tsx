import type { LoanStatus } from '@cabinet/shared-types';
import { useLoansT } from '../i18n/use-loans-t';

const tone: Partial<Record<LoanStatus, string>> = {
  approved: 'badge--accent',
  active: 'badge--accent',
  overdue: 'badge--warn',
  rejected: 'badge--warn',
};

export function LoanStatusBadge({ status }: { status: LoanStatus }) {
  const { t } = useLoansT();
  return <span className={['badge', tone[status]].filter(Boolean).join(' ')}>{t(`status.${status}`)}</span>;
}
