import type { AccountView } from '@cabinet/shared-types';

/**
 * May the caller act on this line (or, with null, on the account's contract)? The owner and an
 * account manager may act on everything; a line manager only on the one line; a viewer on nothing.
 * The API checks the same and answers 403 anyway — this only hides what would be refused.
 */
export function canAct(account: AccountView, lineId: string | null): boolean {
  switch (account.access) {
    case 'owner':
    case 'account_manager':
      return true;
    case 'line_manager':
      return lineId !== null && account.managedLineId === lineId;
    default:
      return false;
  }
}

/** Only the owner sees and changes who else has access. */
export function canManageAccess(account: AccountView): boolean {
  return account.access === 'owner';
}
